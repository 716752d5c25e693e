import type { RedisOptions as QueueOptions } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';
import { QueueError } from '../errors.js';
import type { QueueAddress } from './address.js';

/** How long a server has to answer the first time before bitext says it cannot be reached. */
const answerWithin = 5_000;

/** The lowest Redis BullMQ runs on. */
const minimumVersion = [5, 0, 0];

/**
 * How bitext's connections reach Redis once it has answered: a dropped connection is retried every two seconds at
 * most, and a command waits for it rather than failing (BullMQ's workers require it); how long a run waits for Redis
 * to come back is the run's to decide.
 */
export function connectionOptions(address: QueueAddress): QueueOptions & RedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username ? { username: address.username } : {}),
    ...(address.password ? { password: address.password } : {}),
    ...(address.tls ? { tls: {} } : {}),
    connectTimeout: answerWithin,
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
}

/** A connection of bitext's own (not BullMQ's), for what a run says of itself in Redis. */
export async function openClient(address: QueueAddress): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(connectionOptions(address));
  // Errors are met as commands wait; the run watches the connection itself.
  client.on('error', () => undefined);
  return client;
}

/**
 * Checks, before anything is planned or loaded, that a Redis server answers at the address, as bitext can use it:
 * a clear error (exit 2) within a few seconds, never a wait without end.
 */
export async function probeQueue(address: QueueAddress): Promise<void> {
  const { Redis } = await import('ioredis');
  let failure: Error | undefined;
  const client = new Redis({ ...connectionOptions(address), lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  client.on('error', (error: Error) => (failure ??= error));
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })), answerWithin)));
    const info = await Promise.race([client.connect().then(() => client.select(address.db)).then(() => client.info('server')), late]);
    const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? '0';
    const parts = version.split('.').map(Number);
    const older = minimumVersion.findIndex((wanted, index) => (parts[index] ?? 0) !== wanted);
    if (older >= 0 && (parts[older] ?? 0) < minimumVersion[older]!) {
      throw new QueueError(`The queue ${address.shown} runs Redis ${version}; bitext's queue (BullMQ) needs Redis ${minimumVersion.join('.')} or later`);
    }
  } catch (error) {
    if (error instanceof QueueError) throw error;
    throw new QueueError(`The queue ${address.shown} cannot be used, so nothing was run: ${unreachable(failure ?? (error as Error), address)}`, { cause: failure ?? error });
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** Why a Redis server cannot be used, and what to do, from the error met. */
export function unreachable(error: Error, address: Pick<QueueAddress, 'host' | 'port' | 'db'>): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error.message ?? String(error);
  if (code === 'ECONNREFUSED') return `nothing answers at ${address.host}:${address.port} (ECONNREFUSED); is redis-server running there, on that port?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `there is no host ${address.host} (${code}); check the name in --queue`;
  if (code === 'ETIMEDOUT') return `no answer within ${answerWithin / 1000} s (ETIMEDOUT); a firewall, or not a Redis server at that port?`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `the connection was closed (${code}); is it a Redis server at that port?`;
  if (/NOAUTH/.test(message)) return 'it asks for a password; give it in the URL: redis://:PASSWORD@HOST:PORT';
  if (/WRONGPASS|invalid (username|password)/i.test(message)) return 'the user name or password in the URL is refused';
  if (/DB index is out of range/i.test(message)) return `it has no database ${address.db}; choose another after the port (/0, /1, …)`;
  if (/Protocol error|RESP type/i.test(message)) return 'what answers there is not a Redis server';
  return code ? `${message} (${code})` : message;
}
