import type { Redis } from 'ioredis';
import type { Queue, QueueEvents } from 'bullmq';
import { QueueError } from '../errors.js';
import type { QueueAddress } from './address.js';
import { connectionOptions, openClient, unreachable } from './connection.js';
import { queueName } from './jobs.js';

/** How long a queued run waits for Redis to answer again before it stops. */
export const defaultPatience = 30_000;

/**
 * A queued run's connections to Redis: the queue it adds to, the queue's events it follows, and a connection of its
 * own that tells when Redis has been gone for longer than `patience` (`lost` is then aborted with a QueueError).
 */
export class QueueLink {
  readonly #lost = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(
    readonly address: QueueAddress,
    readonly queue: Queue,
    readonly events: QueueEvents,
    readonly client: Redis,
    private readonly patience: number,
  ) {
    client.on('close', () => this.#gone());
    client.on('ready', () => {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    });
    // BullMQ says its connection errors as events: the watch above decides what they mean.
    queue.on('error', () => undefined);
    events.on('error', () => undefined);
  }

  static async open(address: QueueAddress, patience = defaultPatience): Promise<QueueLink> {
    const { Queue, QueueEvents } = await import('bullmq');
    const connection = connectionOptions(address);
    const client = await openClient(address);
    const queue = new Queue(queueName, { connection });
    const events = new QueueEvents(queueName, { connection });
    const link = new QueueLink(address, queue, events, client, patience);
    try {
      await Promise.race([Promise.all([queue.waitUntilReady(), events.waitUntilReady(), client.ping()]), new Promise((_, reject) => link.lost.addEventListener('abort', () => reject(link.lost.reason)))]);
    } catch (error) {
      await link.close();
      throw error;
    }
    return link;
  }

  /** Aborted, with a QueueError, once Redis has not answered for `patience`. */
  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  /** How many workers are connected to the queue; undefined when Redis cannot tell. */
  async workers(): Promise<number | undefined> {
    return this.queue.getWorkersCount().catch(() => undefined);
  }

  /** Closes every connection, at once when Redis is gone. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    const closing = Promise.allSettled([this.events.close(), this.queue.close(), this.client.quit()]);
    const late = new Promise<void>((resolve) => setTimeout(resolve, this.#lost.signal.aborted ? 0 : 2_000).unref());
    await Promise.race([closing, late]);
    this.events.disconnect().catch(() => undefined);
    this.queue.disconnect().catch(() => undefined);
    this.client.disconnect();
  }

  #gone(): void {
    if (this.#timer || this.#lost.signal.aborted || this.#closed) return;
    const since = new Date();
    this.#timer = setTimeout(() => {
      const reason = unreachable(Object.assign(new Error('no answer'), { code: 'ECONNREFUSED' }), this.address);
      this.#lost.abort(new QueueError(`The queue ${this.address.shown} has not answered for ${Math.round(this.patience / 1000)} s (since ${since.toISOString()}): ${reason}`));
    }, this.patience);
    this.#timer.unref();
  }
}
