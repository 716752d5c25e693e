import { hostname } from 'node:os';
import path from 'node:path';
import type { Glossary } from '../glossary/glossary.js';
import type { StageConfig } from '../pipeline/check.js';
import { stageWrites } from '../pipeline/pipeline.js';
import { fingerprintOf, fingerprintParts } from '../runner/fingerprint.js';
import { readLimit, warnUnrecorded } from '../runner/run-batch.js';
import { Session, type SessionBatch, type SessionContext } from '../runner/session.js';
import type { QueueAddress } from './address.js';
import { probeQueue } from './connection.js';
import { queueArticles } from './enqueue.js';
import { endJobs } from './end-jobs.js';
import { Follower } from './follow.js';
import { runKey } from './jobs.js';
import { QueueLink } from './link.js';
import { announce, carriedParts } from './presence.js';

export interface QueuedBatch extends SessionBatch {
  models: string;
  stages: readonly StageConfig[];
  force?: boolean;
  glossary?: Glossary;
  queue: QueueAddress;
}

export interface QueuedContext extends SessionContext {
  /** Aborted by a second Ctrl-C: the articles under way on workers are left to them, and the run ends now. */
  urgent?: AbortSignal;
  /** How long the run waits for Redis to answer again before it stops (milliseconds). */
  patience?: number;
}

/** The workers are counted this often, for the status line. */
const countEvery = 5_000;

/**
 * A run whose articles are processed by workers: planned as a local run plans them (inputs, real paths, resume),
 * then one job per article that needs work is queued, and the run follows them until each has ended, holding the
 * output folder meanwhile. Its report, digest, closing event and exit code are a local run's. Resolves to the exit code.
 */
export async function runQueued(batch: QueuedBatch, context: QueuedContext): Promise<number> {
  // Before anything is planned or taken: a queue that cannot be reached is a clear error, exit 2.
  await probeQueue(batch.queue);
  const parts = await fingerprintParts(batch.stages, batch.models, batch.glossary);
  const fingerprint = fingerprintOf(parts);
  const session = await Session.open(batch, context);
  const { folder, records, plan } = session;
  const run = runKey(folder.real.text);
  return session.run(async () => {
    const link = await QueueLink.open(batch.queue, context.patience);
    const presence = await announce(link.client, run, { token: folder.token, fingerprint, parts: carriedParts(parts), host: hostname(), pid: process.pid, output: batch.output });
    const follower = new Follower(link.queue, link.events, session);
    const countWorkers = () => void link.workers().then((count) => count !== undefined && context.emit({ type: 'workers', count, queue: batch.queue.shown }));
    const counting = setInterval(countWorkers, countEvery);
    let ended = false;
    // Redis gone for longer than the run's patience stops the run, whatever it was waiting for.
    const lost = new Promise<never>((_, reject) => link.lost.addEventListener('abort', () => reject(link.lost.reason), { once: true }));
    lost.catch(() => undefined);
    try {
      const writes = stageWrites(batch.stages);
      const shown = (file: string) => context.display(path.join(batch.output, file));
      plan.articles.forEach((planned, index) => (records[index]!.output = shown(folder.files(planned.name, writes)[0] ?? planned.name)));
      const bytes = Object.fromEntries(plan.articles.map((planned, index) => [records[index]!.source, planned.bytes ?? 0]));
      context.emit({ type: 'run-start', total: plan.articles.length, concurrency: 0, bytes });
      countWorkers();
      const stop = AbortSignal.any([session.signal, link.lost]);
      const check = { folder, digest: session.digest, fingerprint, writes, maxBytes: readLimit(batch.stages), force: batch.force ?? false, signal: stop, emit: context.emit, shown };
      await Promise.race([(async () => {
        await queueArticles(plan.articles, records, { queue: link.queue, follower, run, fingerprint, output: batch.output, since: session.started.getTime(), check });
        follower.queued();
        await follower.reconcile();
        await follower.wait(stop);
      })(), lost]);
      if (context.signal?.aborted) {
        ended = true;
        await Promise.race([endJobs(follower, session, link, context.urgent), lost]);
      }
      warnUnrecorded(session, batch.output);
      return { words: follower.words, writes };
    } finally {
      clearInterval(counting);
      // However the run ends, no job of it is left for workers to take; those under way are said.
      if (follower.pending && !ended) await Promise.race([endJobs(follower, session, link, AbortSignal.abort()), lost]).catch(() => (session.settled = false));
      if (!link.lost.aborted) await Promise.race([presence.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await link.close();
    }
  });
}
