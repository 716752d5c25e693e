import { UsageError } from '../errors.js';

/** Where the queue lives: a Redis server and one of its databases. */
export interface QueueAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** The URL as messages show it: without its password. */
  shown: string;
}

/** Parses `--queue`: `redis://[USER:PASSWORD@]HOST[:PORT][/DB]`, or `rediss://` for TLS; port 6379 and database 0 by default. */
export function parseQueueAddress(value: string): QueueAddress {
  const expected = `Expected a Redis URL, redis://HOST:PORT[/DB] (rediss:// for TLS), got \`${value}\``;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${expected}.`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new UsageError(`${expected}: bitext queues its articles on Redis only.`);
  if (!url.hostname) throw new UsageError(`${expected}: it names no host.`);
  const database = url.pathname.replace(/^\//, '');
  if (database && !/^\d{1,5}$/.test(database)) throw new UsageError(`${expected}: the database after the host is a number (/0, /1, …), not \`${database}\`.`);
  if (url.search || url.hash) throw new UsageError(`${expected}: bitext reads no query or fragment in it.`);
  const port = url.port ? Number(url.port) : 6379;
  const db = database ? Number(database) : 0;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
    shown: `${url.protocol}//${url.username ? `${url.username}${url.password ? ':…' : ''}@` : ''}${url.hostname}:${port}/${db}`,
  };
}
