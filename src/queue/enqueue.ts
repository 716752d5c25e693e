import type { Queue } from 'bullmq';
import PQueue from 'p-queue';
import { sortingConcurrency } from '../runner/run-batch.js';
import type { PlannedArticle } from '../runner/inputs.js';
import type { ArticleRecord } from '../runner/report.js';
import { sortArticle, type ArticleSort } from '../runner/run-article.js';
import type { Follower } from './follow.js';
import { carriedPath, jobId, jobOptions, type ArticleJob } from './jobs.js';

/** A job to add: its id (from the article's fingerprint) and its data. */
export interface NewJob {
  id: string;
  data: ArticleJob;
}

/**
 * Adds jobs to the queue, a few hundred at a time. A job whose id is already there and under way (queued by an
 * earlier run of the same folder and config that was killed) is left to go on, and followed; one that ended before
 * this run planned (`since`) is a leftover whose outputs this run found missing or stale: it is replaced, so that the
 * article is done again. Adding an id that is there adds nothing: enqueueing twice does nothing.
 */
export async function enqueue(queue: Queue, jobs: readonly NewJob[], since: number): Promise<void> {
  for (let from = 0; from < jobs.length; from += 200) {
    const chunk = jobs.slice(from, from + 200);
    await Promise.all(chunk.map(async ({ id }) => {
      const existing = await queue.getJob(id);
      if (!existing) return;
      const state = await existing.getState();
      if ((state === 'completed' || state === 'failed') && (existing.finishedOn ?? 0) < since) await existing.remove().catch(() => undefined);
    }));
    await queue.addBulk(chunk.map(({ id, data }) => ({ name: 'article', data, opts: { ...jobOptions, jobId: id } })));
  }
}

/** What queueing a run's articles needs: the run's key and fingerprint, its folder, and how its articles are checked. */
export interface Queueing {
  queue: Queue;
  follower: Follower;
  /** The run's key in Redis, its fingerprint, its output folder: what every job of it carries. */
  run: string;
  fingerprint: string;
  output: string;
  /** When the run began to plan: a job that ended before is a leftover. */
  since: number;
  check: ArticleSort;
}

/**
 * Checks a run's articles as a local run does (unreadable ones fail, unchanged and edited ones are skipped), a few at
 * a time, and queues those due by the hundred as they are found, each followed from before it is added. Once the
 * check's signal is aborted, nothing more is queued.
 */
export async function queueArticles(articles: readonly PlannedArticle[], records: readonly ArticleRecord[], queueing: Queueing): Promise<void> {
  const { follower, check } = queueing;
  let waiting: NewJob[] = [];
  const flush = async () => {
    const jobs = waiting;
    waiting = [];
    if (!check.signal.aborted) await enqueue(queueing.queue, jobs, queueing.since);
    else for (const { id } of jobs) follower.untrack(id);
  };
  const checking = new PQueue({ concurrency: sortingConcurrency });
  await checking.addAll(articles.map((planned, index) => async () => {
    if (check.signal.aborted) return;
    const due = await sortArticle(planned, records[index]!, check);
    if (!due) return;
    const id = jobId(queueing.run, planned.name, due.fingerprint);
    follower.track(id, index);
    waiting.push({ id, data: { run: queueing.run, fingerprint: queueing.fingerprint, output: queueing.output, article: { ...carriedPath(planned.path), display: records[index]!.source, name: planned.name, ...(planned.bytes === undefined ? {} : { bytes: planned.bytes }) } } });
    if (waiting.length >= 200) await flush();
  }));
  await flush();
}
