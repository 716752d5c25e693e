import type { Job, Queue, QueueEvents } from 'bullmq';
import type { Session } from '../runner/session.js';
import { readResult, type JobNews } from './jobs.js';

/** With no job ending for this long, the run asks Redis how its jobs stand, in case an event was missed. */
const askAfter = 5_000;

/**
 * Follows a queued run's jobs until each has ended, from the queue's events: an article started, its stages and
 * words, sent back to the queue, written or failed, each told to the run as a local run tells it, and its record
 * filled from what its worker handed back. Each job is removed from Redis once its result is in the record.
 */
export class Follower {
  /** The jobs not ended yet, by id: the index of their article. */
  readonly #pending = new Map<string, number>();
  readonly #settling = new Set<string>();
  readonly #started = new Set<string>();
  readonly #refusals = new Set<string>();
  #queued = false;
  #lastEnd = performance.now();
  #wake: (() => void) | undefined;
  words = 0;

  constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly session: Session,
  ) {
    events.on('active', ({ jobId }) => this.#start(jobId));
    events.on('progress', ({ jobId, data }) => this.#news(jobId, data as JobNews));
    events.on('stalled', ({ jobId }) => void this.#stalled(jobId));
    events.on('completed', ({ jobId }) => void this.settle(jobId));
    events.on('failed', ({ jobId }) => void this.settle(jobId));
  }

  /** How many jobs have not ended. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Follows a job, from before it is added (so that no event of it is missed). */
  track(id: string, index: number): void {
    this.#pending.set(id, index);
  }

  /** A job that was not added after all. */
  untrack(id: string): void {
    this.#pending.delete(id);
  }

  /** Every job is queued: the follower is done once they have all ended. */
  queued(): void {
    this.#queued = true;
    this.#wake?.();
  }

  /** Resolves once every job has ended (or `stop` is aborted), asking Redis itself when no event came for a while. */
  async wait(stop: AbortSignal): Promise<void> {
    while (!(this.#queued && this.#pending.size === 0) && !stop.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, askAfter);
        const wake = () => {
          clearTimeout(timer);
          stop.removeEventListener('abort', wake);
          resolve();
        };
        this.#wake = wake;
        stop.addEventListener('abort', wake, { once: true });
      });
      if (!stop.aborted && performance.now() - this.#lastEnd >= askAfter) await this.reconcile();
    }
  }

  /** Asks Redis how every pending job stands: those that ended are settled, those gone are failed. */
  async reconcile(): Promise<void> {
    const ids = [...this.#pending.keys()];
    for (let from = 0; from < ids.length; from += 500) await Promise.all(ids.slice(from, from + 500).map((id) => this.settle(id)));
    this.#lastEnd = performance.now();
  }

  /** Takes an ended job's result into its article's record and removes the job; a job not ended is left. */
  async settle(id: string): Promise<void> {
    const index = this.#pending.get(id);
    if (index === undefined || this.#settling.has(id)) return;
    this.#settling.add(id);
    try {
      const job = await this.queue.getJob(id);
      const state = job ? await job.getState() : 'unknown';
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
      this.#pending.delete(id);
      this.#lastEnd = performance.now();
      if (!job || state === 'unknown') this.#fail(index, 'queue', 'its job was removed from the queue before it was done (by hand?); run again to redo it');
      else if (state === 'completed') this.#complete(index, job);
      else this.#fail(index, lastNews(job)?.stage ?? 'queue', failure(job));
      await job?.remove().catch(() => undefined);
      this.#wake?.();
    } finally {
      this.#settling.delete(id);
    }
  }

  /**
   * Takes back the jobs no worker has started (they become `not-run`); resolves to the ids of those under way, which
   * cannot be taken back.
   */
  async withdraw(): Promise<string[]> {
    const left: string[] = [];
    for (const [id] of [...this.#pending]) {
      const state = await (await this.queue.getJob(id))?.getState();
      // Ended meanwhile: its result is taken, not thrown away.
      if (state === 'completed' || state === 'failed' || state === undefined) await this.settle(id);
      else if (state !== 'active' && (await this.queue.remove(id)) === 1) this.#pending.delete(id);
      if (this.#pending.has(id)) left.push(id);
    }
    return left;
  }

  /** The worker under way on a job, as its name says (`host:pid`). */
  async workerOf(id: string): Promise<string | undefined> {
    return (await this.queue.getJob(id).catch(() => undefined))?.processedBy;
  }

  /** The ids of the jobs not ended. */
  ids(): string[] {
    return [...this.#pending.keys()];
  }

  /** The article of a pending job. */
  indexOf(id: string): number | undefined {
    return this.#pending.get(id);
  }

  #start(id: string): void {
    const index = this.#pending.get(id);
    if (index === undefined || this.#started.has(id)) return;
    this.#started.add(id);
    this.session.context.emit({ type: 'article-start', file: this.session.records[index]!.source });
  }

  #news(id: string, news: JobNews): void {
    const index = this.#pending.get(id);
    if (index === undefined || !news || typeof news !== 'object') return;
    const file = this.session.records[index]!.source;
    switch (news.type) {
      case 'stage-start':
        this.#start(id);
        this.session.context.emit({ type: 'stage-start', file, stage: news.stage });
        break;
      case 'article-progress':
        this.session.context.emit({ type: 'article-progress', file, words: news.words, of: news.of });
        break;
      case 'refused':
        // Said once per worker: a worker that refuses one article of the run refuses them all, and stops.
        if (!this.#refusals.has(news.worker)) {
          this.#refusals.add(news.worker);
          this.session.warn(`the worker ${news.worker} does not write this run's articles, and stopped: ${news.reason}`);
        }
        this.#requeued(id, `back in the queue: the worker ${news.worker} refused it`);
        break;
      case 'attempt-failed':
        this.#requeued(id, `${news.stage}: ${news.reason} (worker ${news.worker}); tried again unless that was its last try`);
        break;
      case 'returned':
        this.#requeued(id, `back in the queue: ${news.reason} (worker ${news.worker})`);
        break;
    }
  }

  /**
   * A job whose worker stopped answering: back in the queue, unless that was once too many. Then BullMQ puts it back
   * marked to fail (`deferredFailure`), and the next worker to take it fails it: the run says so then, once.
   */
  async #stalled(id: string): Promise<void> {
    const job = await this.queue.getJob(id).catch(() => undefined);
    if (job?.deferredFailure || (job && (await job.getState().catch(() => 'unknown')) === 'failed')) return;
    this.#requeued(id, 'its worker stopped answering (killed, or cut off from Redis): back in the queue for another worker');
  }

  #requeued(id: string, reason: string): void {
    const index = this.#pending.get(id);
    if (index === undefined) return;
    this.#started.delete(id);
    this.session.context.emit({ type: 'article-requeued', file: this.session.records[index]!.source, reason });
  }

  #complete(index: number, job: Job): void {
    const record = this.session.records[index]!;
    const result = readResult(job.returnvalue);
    if (!result) return this.#fail(index, 'queue', 'its worker handed back a result this bitext does not read (a worker of another version?)');
    Object.assign(record, result.record, { source: record.source, output: record.output, worker: result.worker });
    const emit = this.session.context.emit;
    if (record.status === 'written') {
      this.words += record.words ?? 0;
      emit({ type: 'article-end', file: record.source, output: record.output, words: record.words ?? 0, milliseconds: result.milliseconds, notes: record.warnings.length });
    } else if (record.status === 'failed') {
      emit({ type: 'article-failed', file: record.source, stage: record.stage ?? 'queue', message: record.reason ?? 'failed', ...(record.stack ? { stack: record.stack } : {}) });
    }
  }

  #fail(index: number, stage: string, reason: string): void {
    const record = this.session.records[index]!;
    Object.assign(record, { status: 'failed', stage, reason });
    this.session.context.emit({ type: 'article-failed', file: record.source, stage, message: reason });
  }
}

/** What a job's worker last said of it. */
function lastNews(job: Job): Extract<JobNews, { type: 'attempt-failed' }> | undefined {
  const news = job.progress as JobNews | undefined;
  return news && typeof news === 'object' && news.type === 'attempt-failed' ? news : undefined;
}

/** Why a job failed for good, as the report says it. */
function failure(job: Job): string {
  const reason = job.failedReason ?? 'failed';
  if (/stalled more than allowable limit/.test(reason)) {
    return 'its worker stopped answering twice while on it (killed, or crashed: the article may be what crashes it); not tried again';
  }
  const tries = job.attemptsMade > 1 ? ` (tried ${job.attemptsMade} times)` : '';
  return `${reason}${tries}`;
}
