import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { run } from '../../src/main.js';
import type { ModelProvider } from '../../src/models/provider.js';
import { queueName } from '../../src/queue/jobs.js';
import { capture } from './output.js';
import { projectRoot } from './paths.js';

/** A command run in process, with a stop (a first Ctrl-C) and an urgent stop (a second) of its own. */
export interface Running {
  exited: Promise<number>;
  stdout: () => string;
  stderr: () => string;
  stop(): void;
  stopNow(): void;
}

const started = new Set<Running>();

/** Stops, at once, every command `start` started that has not returned: a test that failed leaves none behind. */
export async function stopAll(): Promise<void> {
  for (const running of started) {
    running.stop();
    running.stopNow();
  }
  await Promise.allSettled([...started].map((running) => running.exited));
  started.clear();
}

/** Runs `bitext ARGV…` in process with the given models, as the CLI would, until it returns. */
export function start(argv: string[], models: () => ModelProvider, env: Record<string, string> = {}): Running {
  const stdout = capture();
  const stderr = capture();
  const signal = new AbortController();
  const urgent = new AbortController();
  const exited = run({ argv, cwd: projectRoot, stdout, stderr, env, models, signal: signal.signal, urgent: urgent.signal });
  const running: Running = { exited, stdout: stdout.text, stderr: stderr.text, stop: () => signal.abort('SIGINT'), stopNow: () => urgent.abort('SIGINT') };
  started.add(running);
  void exited.finally(() => started.delete(running));
  return running;
}

/** Waits until `condition` holds, checking every 20 ms; the test's own timeout bounds the wait. */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The test's view of a queue: how many jobs stand in each state, and the events Redis keeps. */
export function watchQueue(url: string) {
  const address = new URL(url);
  const connection = { host: address.hostname, port: Number(address.port), db: Number(address.pathname.slice(1) || 0) };
  const queue = new Queue(queueName, { connection });
  const client = new Redis(connection);
  // A test that failed may leave them to a server already stopped: nothing to say of it.
  client.on('error', () => undefined);
  queue.on('error', () => undefined);
  return {
    queue,
    counts: () => queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
    /** How many jobs were ever added to the queue. */
    async added(): Promise<number> {
      const events = (await client.xrange(`bull:${queueName}:events`, '-', '+')) as [string, string[]][];
      return events.filter(([, fields]) => fields[1] === 'added').length;
    },
    close: async () => {
      client.disconnect();
      await queue.close();
    },
  };
}
