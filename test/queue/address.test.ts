import { describe, expect, it } from 'vitest';
import { parseQueueAddress } from '../../src/queue/address.js';

describe('the --queue URL', () => {
  it.each([
    ['redis://localhost', { host: 'localhost', port: 6379, db: 0, tls: false, shown: 'redis://localhost:6379/0' }],
    ['redis://10.0.0.5:6390/3', { host: '10.0.0.5', port: 6390, db: 3, shown: 'redis://10.0.0.5:6390/3' }],
    ['rediss://queue.example:6380', { tls: true, shown: 'rediss://queue.example:6380/0' }],
    ['redis://:s3cret@queue:6379/1', { password: 's3cret', shown: 'redis://queue:6379/1' }],
    ['redis://bitext:p%40ss@queue', { username: 'bitext', password: 'p@ss', shown: 'redis://bitext:…@queue:6379/0' }],
    ['redis://[::1]:6379', { host: '::1', shown: 'redis://[::1]:6379/0' }],
  ])('reads %s, and shows it without its password', (value, expected) => {
    expect(parseQueueAddress(value)).toMatchObject(expected);
  });

  it.each([
    ['localhost:6379', 'Expected a Redis URL, redis://HOST:PORT[/DB] (rediss:// for TLS), got `localhost:6379`: bitext queues its articles on Redis only.'],
    ['http://localhost:6379', 'bitext queues its articles on Redis only'],
    ['not a url', 'got `not a url`.'],
    ['redis://localhost:6379/queue', 'the database after the host is a number (/0, /1, …), not `queue`'],
    ['redis://localhost:6379/0?timeout=5', 'bitext reads no query or fragment in it'],
  ])('refuses %s, saying what it expects', (value, message) => {
    expect(() => parseQueueAddress(value)).toThrow(message);
  });
});
