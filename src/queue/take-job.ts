import path from 'node:path';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { hashRegularFile, unreadable } from '../files/regular-file.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { EventSink, RunEvent } from '../runner/events.js';
import { articleFingerprint } from '../runner/fingerprint.js';
import type { ArticleRecord } from '../runner/report.js';
import { runArticle } from '../runner/run-article.js';
import type { Attachments } from './attachments.js';
import { jobPath, readJob, type JobNews, type JobResult } from './jobs.js';
import { explainMismatch } from './mismatch.js';
import { presenceOf, type Presence } from './presence.js';

/** What a worker sets up once for all its jobs. */
export interface JobSetup {
  pipeline: Pipeline;
  /** The parts of this worker's fingerprint, and the fingerprint. */
  parts: Presence['parts'];
  fingerprint: string;
  client: Redis;
  attachments: Attachments;
  /** The worker's name: `host:pid`. */
  name: string;
  /** The most bytes the read stage takes. */
  maxBytes: number;
  /** How long an article's lock lasts unless renewed (milliseconds). */
  lockDuration: number;
  /** The worker's own terminal. */
  emit: EventSink;
  say(line: string): void;
  display(file: string): string;
  /** Stops the worker: no new job is taken, and it exits with `code` once its jobs under way are done or back. */
  stop(reason: string, code: number): void;
}

/**
 * The worker's processor: one job, one article, through the same `runArticle` as a local run, into the run's
 * output folder. A job whose run is over is dropped (failed for good, never retried); a worker whose config, models
 * or version differ from the run's, or that does not see its output folder, hands the job back and stops; an input
 * it cannot read, or a model or folder that stops working, fails this attempt (it is tried again on another worker,
 * three times at most). An article failing for its own reason is written in its record, as a local run records it.
 */
export function jobProcessor(setup: JobSetup) {
  const errors = import('bullmq');
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<JobResult> => {
    const { UnrecoverableError, WaitingError } = await errors;
    const started = performance.now();
    const handBack = async (news: Extract<JobNews, { type: 'refused' | 'returned' }>): Promise<never> => {
      await job.updateProgress(news).catch(() => undefined);
      await job.moveToWait(token);
      throw new WaitingError();
    };
    const data = readJob(job.data);
    if (!data) {
      setup.stop('a job in the queue was made by another version of bitext, whose articles this worker does not read; this worker stops: run the same version everywhere', 2);
      return handBack({ type: 'refused', worker: setup.name, reason: 'it is another version of bitext' });
    }
    const drop = (why: string): never => {
      setup.say(`${data.article.display}: dropped: ${why}`);
      throw new UnrecoverableError(`dropped by the worker ${setup.name}: ${why}; run \`bitext run --queue\` again to redo it`);
    };
    const presence = await presenceOf(setup.client, data.run);
    if (presence?.fingerprint !== data.fingerprint) return drop(`the run that queued it (output ${data.output}) is over`);
    const refuse = (reason: string) => {
      setup.stop(`the run of ${data.output} (on ${presence.host}, process ${presence.pid}): ${reason}; this worker does not write its articles, and stops`, 2);
      return handBack({ type: 'refused', worker: setup.name, reason });
    };
    const mismatch = data.fingerprint === setup.fingerprint ? undefined : explainMismatch(presence.parts, setup.parts) ?? 'what its outputs depend on differs from this worker\'s';
    if (mismatch) return refuse(mismatch);
    const attached = await setup.attachments.attach(data.output, presence.token);
    if ('taken' in attached) return drop(`the output folder ${data.output} is held by another run now`);
    if ('unseen' in attached) {
      if ((await presenceOf(setup.client, data.run))?.token !== presence.token) return drop(`the run that queued it (output ${data.output}) is over`);
      return refuse(`${attached.unseen}; the output folder must be shared with every worker, at the same path`);
    }
    try {
      const record: ArticleRecord = { source: data.article.display, output: setup.display(path.join(data.output, attached.folder.files(data.article.name, setup.pipeline.writes)[0] ?? data.article.name)), status: 'not-run', warnings: [], timings_ms: {} };
      const failAttempt = async (stage: string, reason: string): Promise<never> => {
        await job.updateProgress({ type: 'attempt-failed', worker: setup.name, stage, reason } satisfies JobNews).catch(() => undefined);
        throw new Error(reason);
      };
      let sha256: string | undefined;
      try {
        sha256 = await hashRegularFile(jobPath(data), { maxBytes: setup.maxBytes, ...(signal ? { signal } : {}) });
      } catch (error) {
        if (signal?.aborted) return handBack({ type: 'returned', worker: setup.name, reason: 'its worker was stopped before it was done' });
        setup.say(`✗ ${data.article.display}: read: ${unreadable(error)} on this worker; handed back`);
        return failAttempt('read', `${unreadable(error)} on the worker ${setup.name}; the inputs must be shared with every worker, at the same path`);
      }
      const news = forward(job);
      const files = attached.folder.files(data.article.name, setup.pipeline.writes);
      const work = { planned: { path: jobPath(data), name: data.article.name }, record, fingerprint: articleFingerprint(data.fingerprint, sha256 ?? 'unread'), files };
      const outcome = await runArticle(work, {
        pipeline: setup.pipeline,
        folder: attached.folder,
        digest: attached.digest,
        signal: signal ?? new AbortController().signal,
        emit: (event) => {
          setup.emit(event);
          news.send(event);
          // A stage may keep the worker's thread busy for long on a large article (the check of a few megabytes), and
          // the lock's renewal with it: the lock is stretched for the stage by the article's size, a second per 20 kB,
          // so that the article is not taken for stalled and given to another worker.
          if (event.type === 'stage-start' && token) void job.extendLock(token, setup.lockDuration + Math.ceil((data.article.bytes ?? 0) / 20)).catch(() => undefined);
        },
      });
      await news.sent();
      if (record.status === 'not-run') return handBack({ type: 'returned', worker: setup.name, reason: 'its worker was stopped before it was done' });
      if (outcome.fatal) {
        if (attached.folder.lock.lost) return drop(attached.folder.lock.lost);
        const reason = (outcome.fatal as Error).message;
        setup.stop(`${reason}; this worker stops (its article goes back to the queue, for another worker)`, 2);
        return failAttempt(record.stage ?? 'queue', reason);
      }
      return { worker: setup.name, milliseconds: performance.now() - started, record: resultOf(record) };
    } finally {
      await setup.attachments.release(attached);
    }
  };
}

/** The record as the run takes it: what its path and output are is the run's to say. */
function resultOf(record: ArticleRecord): JobResult['record'] {
  const { source: _source, output: _output, worker: _worker, ...rest } = record;
  return rest as JobResult['record'];
}

/** Tells the run of an article's stages and words through its job's progress, in order, its words at most four times a second. */
function forward(job: Job) {
  let chain: Promise<unknown> = Promise.resolve();
  let last = 0;
  const post = (news: JobNews) => (chain = chain.then(() => job.updateProgress(news)).catch(() => undefined));
  return {
    send(event: RunEvent) {
      if (event.type === 'stage-start') post({ type: 'stage-start', stage: event.stage });
      else if (event.type === 'article-progress' && (performance.now() - last >= 250 || event.words === event.of)) {
        last = performance.now();
        post({ type: 'article-progress', words: event.words, of: event.of });
      }
    },
    sent: () => chain,
  };
}
