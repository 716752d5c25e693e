import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Glossary } from '../glossary/glossary.js';
import type { ModelProvider } from '../models/provider.js';
import type { StageConfig } from '../pipeline/check.js';
import { createPipeline } from '../pipeline/pipeline.js';
import type { EventSink } from '../runner/events.js';
import { fingerprintOf, fingerprintParts } from '../runner/fingerprint.js';
import { readLimit } from '../runner/run-batch.js';
import type { QueueAddress } from './address.js';
import { Attachments } from './attachments.js';
import { connectionOptions, openClient, probeQueue } from './connection.js';
import { queueName } from './jobs.js';
import { carriedParts } from './presence.js';
import { jobProcessor } from './take-job.js';

/** What a worker runs: its config's stages and models, and the queue it takes articles from. */
export interface WorkerConfig {
  queue: QueueAddress;
  stages: readonly StageConfig[];
  models: string;
  cache?: string;
  glossary?: Glossary;
  /** Articles processed at once. */
  concurrency: number;
}

export interface WorkerContext {
  models: ModelProvider;
  /** The worker's own terminal: its articles, as a local run's verbose lines. */
  emit: EventSink;
  /** A line of the worker's own (started, stopping, refused, dropped). */
  say(line: string): void;
  display(file: string): string;
  /** A first Ctrl-C or SIGTERM: no new article; those under way are finished, then the worker exits. */
  signal?: AbortSignal;
  /** A second one: those under way are handed back to the queue, between two stages, then the worker exits. */
  urgent?: AbortSignal;
  /** BullMQ's lock and stall check (milliseconds): how soon the article of a worker killed goes to another. */
  stallInterval?: number;
}

/** How soon, by default, the job of a worker that died goes to another: BullMQ's own default. */
export const defaultStallInterval = 30_000;

/**
 * A worker: loads its models once, then takes articles from the queue, `concurrency` at a time, and writes them into
 * their run's output folder as a local run would, until it is stopped (exit 0) or has to stop (exit 2: a job of a run
 * whose config, models or version differ, an output folder it does not see, a model that stopped working).
 */
export async function runWorker(config: WorkerConfig, context: WorkerContext): Promise<number> {
  await probeQueue(config.queue);
  const parts = await fingerprintParts(config.stages, config.models, config.glossary);
  if (context.signal?.aborted) return 0;
  context.emit({ type: 'loading' });
  const pipeline = await createPipeline(config.stages, {
    models: context.models,
    warn: (message) => context.say(`warning: ${message}`),
    ...(config.cache ? { cache: config.cache } : {}),
    ...(config.glossary ? { glossary: config.glossary } : {}),
  });
  context.emit({ type: 'run-start', total: 0, concurrency: config.concurrency });
  const name = `${hostname()}:${process.pid}`;
  const client = await openClient(config.queue);
  const stopping = new AbortController();
  let exitCode = 0;
  const stop = (reason: string, code: number) => {
    if (stopping.signal.aborted) return;
    exitCode = code;
    context.say(`bitext worker: ${reason}`);
    stopping.abort();
  };
  const stall = context.stallInterval ?? defaultStallInterval;
  const processor = jobProcessor({
    pipeline, parts: carriedParts(parts), fingerprint: fingerprintOf(parts), client, name, maxBytes: readLimit(config.stages), lockDuration: stall,
    attachments: new Attachments(randomBytes(8).toString('hex'), (message) => context.say(`warning: ${message}`)),
    emit: context.emit, say: context.say, display: context.display, stop,
  });
  const { Worker } = await import('bullmq');
  const worker = new Worker(queueName, processor, { connection: connectionOptions(config.queue), concurrency: config.concurrency, name, lockDuration: stall, stalledInterval: stall, maxStalledCount: 1, autorun: false });
  let lastError = '';
  worker.on('error', (error) => {
    // Said once until it changes: a Redis that went away is retried without end, and said so.
    if (error.message === lastError) return;
    lastError = error.message;
    context.say(`bitext worker: the queue ${config.queue.shown}: ${error.message}; retrying`);
  });
  void worker.run().catch((error: unknown) => stop(`the queue ${config.queue.shown} stopped working: ${(error as Error).message}`, 2));
  context.say(`bitext worker ${name}: models loaded; taking articles from ${config.queue.shown}, ${config.concurrency} at a time (Ctrl-C: finish those under way, then stop; twice: hand them back now)`);
  try {
    await new Promise<void>((resolve) => {
      for (const signal of [stopping.signal, context.signal]) signal?.addEventListener('abort', () => resolve(), { once: true });
      if (context.signal?.aborted) resolve();
    });
    const handBack = () => worker.cancelAllJobs('its worker was stopped');
    if (context.urgent?.aborted) handBack();
    else context.urgent?.addEventListener('abort', handBack, { once: true });
    const closed = worker.close().then(() => true, () => true);
    // A Redis gone keeps a worker from closing cleanly, not from exiting: what it held goes back to the queue once
    // its lock lapses, as a killed worker's would.
    while (!(await Promise.race([closed, new Promise<false>((resolve) => setTimeout(() => resolve(false), 1_000))]))) {
      if (client.status === 'ready') continue;
      context.say(`bitext worker: the queue ${config.queue.shown} cannot be reached; stopping without it (the articles under way go back to the queue once their locks lapse)`);
      // Not waited for: with Redis gone, BullMQ's disconnection never says it is done, though nothing is left open.
      void worker.disconnect().catch(() => undefined);
      break;
    }
    return exitCode;
  } finally {
    client.disconnect();
  }
}
