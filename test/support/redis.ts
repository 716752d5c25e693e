import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { temporaryFolder } from './temporary.js';

/** Debian's redis-server (or the one `REDIS_SERVER` names): the queue tests run on a real one, never a mock. */
export const redisServerPath = [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server']
  .filter((file): file is string => !!file)
  .find((file) => existsSync(file) && spawnSync(file, ['--version']).status === 0);

export const redisSkipReason = redisServerPath ? '' : ' (skipped: no redis-server is installed; `apt-get install redis-server`, as .ci/run does as root)';

/** A Redis server of a test's own: on a free loopback port, its files in a temporary folder, nothing saved. */
export interface TestRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM), and resolves once it has exited. */
  stop(): Promise<void>;
}

/** A free port on the loopback interface, as the system gives one. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a redis-server and resolves once it accepts connections; `port` to start one where another stopped. */
export async function startRedis(port?: number): Promise<TestRedis> {
  for (let attempt = 0; ; attempt++) {
    const chosen = port ?? (await freePort());
    const folder = temporaryFolder('bitext-redis');
    const child = spawn(redisServerPath!, ['--port', String(chosen), '--bind', '127.0.0.1', '--dir', folder, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ready = await readiness(child);
    if (ready) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      return { port: chosen, url: `redis://127.0.0.1:${chosen}`, stop: async () => { child.kill('SIGTERM'); await exited; } };
    }
    // Another process took the port in between: another one, a few times.
    if (port !== undefined || attempt >= 4) throw new Error(`redis-server did not start on port ${chosen}`);
  }
}

function readiness(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(true);
    });
    child.once('exit', () => resolve(false));
  });
}
