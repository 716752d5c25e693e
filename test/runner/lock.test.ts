import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processNamespace, type Holder } from '../../src/runner/lock.js';
import { fakeModels } from '../support/fake-models.js';
import { startLongRun } from '../support/long-run.js';
import { spawnCli } from '../support/spawn-cli.js';
import { readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

/** A project with one article, and an output folder holding the lock `holder` left, `age` milliseconds ago. */
function lockedBy(holder: Partial<Holder>, age = 0) {
  const folder = workspace();
  const input = path.join(folder, 'a.txt');
  writeFileSync(input, 'Le conseil municipal a voté le budget de la ville.\n');
  const output = path.join(folder, 'out');
  mkdirSync(path.join(output, '.bitext'), { recursive: true });
  const lock = path.join(output, '.bitext', 'lock');
  writeFileSync(lock, JSON.stringify({ token: 'feedc0de00000000', host: hostname(), namespace: processNamespace(), pid: process.pid, started: '2026-12-01T00:00:00.000Z', ...holder }));
  const then = new Date(Date.now() - age);
  utimesSync(lock, then, then);
  const config = writeConfig(folder, { input, output, without: ['translate'] });
  return { output, run: () => runCli(['run', '--config', config], fakeModels().provider) };
}

/** A process id no process has: one that has just ended. */
const deadPid = () => spawnSync('true').pid!;

describe('one run per output folder', () => {
  it.each([
    ['a live process on this host', {}, 0],
    ['a process on another machine that refreshed its lock a moment ago', { host: 'elsewhere', pid: 1 }, 5_000],
    ['a process in another container (another process namespace) with a fresh lock', { namespace: 'pid:[1] other-boot', pid: deadPid() }, 0],
  ])('refuses the folder while it is held by %s, naming the holder (exit 2)', async (_, holder, age) => {
    const { output, run } = lockedBy(holder, age);
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The output folder \S+ is in use by another bitext run \(process \d+ on \S+, started 2026-12-01T00:00:00\.000Z\); wait for it to end or choose another --output DIR\. If that run is gone, its lock goes stale within a minute; or remove \S+\.bitext\/lock/);
    expect(readdirSync(output)).toEqual(['.bitext']);
  });

  it('refuses a fresh lock it cannot read, which may be a live run\'s', async () => {
    const { output, run } = lockedBy({ token: undefined as unknown as string }, 0);
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds a lock bitext cannot read \(\S+\.bitext\/lock\), maybe another run's; wait a minute, or remove it if no run uses the folder/);
    expect(readdirSync(output)).toEqual(['.bitext']);
  });

  it.each([
    ['whose process is gone, on this host', { pid: deadPid() }, 0],
    ['that has not been refreshed for two minutes, from another machine', { host: 'elsewhere', pid: 1 }, 120_000],
    ['that cannot be read, two minutes old', { token: undefined as unknown as string }, 120_000],
  ])('takes over a lock %s', async (_, holder, age) => {
    const { output, run } = lockedBy(holder, age);
    const result = await run();
    expect(result.code).toBe(0);
    expect(readRunReport(output).summary.written).toBe(1);
    expect(readdirSync(path.join(output, '.bitext')).sort()).toEqual(['digest', 'written.jsonl']);
  });

  it('lets one of two runs started together on the same folder run, and refuses the other', async () => {
    const first = await startLongRun();
    const second = await spawnCli(['run', '--config', first.config, '--concurrency', '1'], { cwd: first.folder });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`is in use by another bitext run \\(process ${first.child.pid} on `));
    first.child.kill('SIGTERM');
    expect((await first.exited)[0]).toBe(143);
    expect(readRunReport(first.output).interrupted).toBe('SIGTERM');
  }, 60_000);
});
