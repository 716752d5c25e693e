import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../support/spawn-cli.js';
import { until, watchQueue } from '../support/queue.js';
import { redisServerPath, redisSkipReason, startRedis, type TestRedis } from '../support/redis.js';
import { testModels } from '../support/test-models.js';
import { readRunReport, workspace, writeConfig } from '../support/workspace.js';
import { articles } from '../support/long-run.js';

let redis: TestRedis;
beforeAll(async () => {
  if (redisServerPath) redis = await startRedis();
});
// A test that failed leaves no process of its own running.
const children = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(async () => redis?.stop());

/** How soon the article of a killed worker goes to another: short, for the test (README, "Several machines"). */
const env = { ...process.env, NO_COLOR: '1', BITEXT_STALL_INTERVAL: '2000' };

/** The CLI in a child process, its output kept; `prefix` runs it through another program (`unshare …`). */
function spawnBitext(argv: string[], cwd: string, prefix: string[] = []) {
  const [program, ...rest] = [...prefix, process.execPath, cliPath, ...argv];
  const child = spawn(program!, rest, { cwd, env });
  children.add(child);
  const process_ = { child, stdout: '', stderr: '', exited: new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal]))) };
  child.stdout.on('data', (chunk) => (process_.stdout += chunk));
  child.stderr.on('data', (chunk) => (process_.stderr += chunk));
  return process_;
}

/** Every file of the articles in an output folder (not the report, the digest or bitext's own), name → bytes. */
function articleFiles(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).filter((name) => name.startsWith('article-')).sort().map((name) => [name, readFileSync(path.join(folder, name), 'latin1')]));
}

/** `count` articles, the first long enough to be caught in its translation; a config for the tiny test model. */
async function project(count: number) {
  const folder = workspace();
  const input = articles(count);
  // Sentences that all differ, so that no translation is taken from the cache: its translation lasts.
  const words = ['conseil', 'budget', 'maire', 'région', 'ministre', 'projet', 'président', 'commission', 'réforme', 'syndicat', 'tribunal'];
  const sentence = (index: number) => `Le ${words[index % 11]} a voté le ${words[(index * 7) % 11]} numéro ${index} de la ville pour ${1700 + index}, après un débat avec le ${words[(index * 3) % 11]}.`;
  writeFileSync(path.join(input, 'article-00.txt'), `${Array.from({ length: 300 }, (_, index) => sentence(index)).join('\n')}\n`);
  const models = await testModels();
  // A config per output folder, each in a folder of its own; the commands all run from `folder`.
  const config = (output: string) => {
    mkdirSync(path.join(folder, `${output}-config`));
    return writeConfig(path.join(folder, `${output}-config`), { input, output: path.join(folder, output), models, translateModel: 'bitext-test/marian-tiny' });
  };
  return { folder, input, config };
}

describe.skipIf(!redisServerPath)(`one run, several workers${redisSkipReason}`, () => {
  it('40 articles, two workers, one killed with SIGKILL mid-article: each output written once, as a local run writes it; running again queues nothing', async () => {
    const { folder, config } = await project(40);
    // The local run to compare with runs meanwhile.
    const local = spawnBitext(['run', '--config', config('local')], folder);
    const url = `${redis.url}/1`;
    const watch = watchQueue(url);
    const queuedConfig = config('queued');
    const workers = [0, 1].map(() => spawnBitext(['worker', '--queue', url, '--config', queuedConfig, '--concurrency', '1'], folder));
    const run = spawnBitext(['run', '--queue', url, '--config', queuedConfig], folder);
    // The long article under way on a worker: that worker is killed outright.
    let holder: string | undefined;
    await until(async () => {
      if (run.child.exitCode !== null) throw new Error(`the run ended before its first article was under way:\n${run.stderr}`);
      const active = await watch.queue.getActive();
      // Killed while it translates: the stage a worker spends its time in.
      const job = active.find((candidate) => candidate.data.article.name === 'article-00');
      const news = job?.progress as { type?: string; stage?: string } | undefined;
      holder = job?.processedBy;
      return holder !== undefined && (news?.type === 'article-progress' || (news?.type === 'stage-start' && news.stage === 'translate'));
    });
    const killed = workers.find((worker) => holder === `${holder!.split(':')[0]}:${worker.child.pid}`)!;
    const survivor = workers.find((worker) => worker !== killed)!;
    killed.child.kill('SIGKILL');

    expect(await run.exited).toEqual([0, null]);
    expect(await local.exited).toEqual([0, null]);
    expect(run.stdout).toMatch(/^40 articles: 40 written, 0 failed · /);
    expect(run.stderr).toMatch(/↺ \S*article-00\.txt: its worker stopped answering \(killed, or cut off from Redis\): back in the queue for another worker/);
    const output = path.join(folder, 'queued');
    expect(articleFiles(output)).toEqual(articleFiles(path.join(folder, 'local')));
    const report = readRunReport(output);
    expect(report.summary).toMatchObject({ articles: 40, written: 40, failed: 0, 'not-run': 0 });
    expect(report.articles.find((record) => record.source.endsWith('article-00.txt'))?.worker).toBe(`${holder!.split(':')[0]}:${survivor.child.pid}`);
    const comparable = (records: typeof report.articles) => records.map(({ timings_ms: _timings, worker: _worker, output: _output, ...record }) => record);
    expect(comparable(report.articles)).toEqual(comparable(readRunReport(path.join(folder, 'local')).articles));
    // Written once: each article finished by one worker, once; the killed worker's article by the other.
    const finished = [...killed.stderr.matchAll(/✓ \S*(article-\d\d)\.txt/g), ...survivor.stderr.matchAll(/✓ \S*(article-\d\d)\.txt/g)].map((match) => match[1]).sort();
    expect(finished).toEqual(Array.from({ length: 40 }, (_, index) => `article-${String(index).padStart(2, '0')}`));
    expect(killed.stderr).not.toMatch(/✓ \S*article-00\.txt/);
    const ledger = readFileSync(path.join(output, '.bitext', 'written.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).file as string);
    expect(ledger.sort()).toEqual(Object.keys(articleFiles(output)));
    expect(readdirSync(path.join(output, '.bitext')).sort()).toEqual(['digest', 'written.jsonl']);

    const added = await watch.added();
    const again = spawnBitext(['run', '--queue', url, '--config', queuedConfig], folder);
    expect(await again.exited).toEqual([0, null]);
    expect(again.stdout).toMatch(/^40 articles: 0 written, 40 unchanged \(skipped\), 0 failed/);
    expect(await watch.added()).toBe(added);
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toEqual([0, null]);
    await watch.close();
  }, 120_000);

  it('an article whose worker is killed twice while on it fails, said so; the run goes on and its report is true', async () => {
    const { folder, config } = await project(3);
    const url = `${redis.url}/3`;
    const watch = watchQueue(url);
    const queuedConfig = config('out');
    const worker = () => spawnBitext(['worker', '--queue', url, '--config', queuedConfig, '--concurrency', '1'], folder);
    const workers = [worker(), worker()];
    const run = spawnBitext(['run', '--queue', url, '--config', queuedConfig], folder);
    /** The worker on article-00 once it is translating it, other than `before`. */
    const holderOf = async (before?: (typeof workers)[number]) => {
      let holder: (typeof workers)[number] | undefined;
      await until(async () => {
        if (run.child.exitCode !== null) throw new Error(`the run ended before article-00 was under way:\n${run.stderr}`);
        const job = (await watch.queue.getActive()).find((candidate) => candidate.data.article.name === 'article-00');
        const news = job?.progress as { type?: string; stage?: string } | undefined;
        holder = workers.find((candidate) => job?.processedBy?.endsWith(`:${candidate.child.pid}`));
        return holder !== undefined && holder !== before && (news?.type === 'article-progress' || (news?.type === 'stage-start' && news.stage === 'translate'));
      });
      return holder!;
    };
    const first = await holderOf();
    first.child.kill('SIGKILL');
    // Another worker in its place, so that two stay to take the article again.
    workers.push(worker());
    const second = await holderOf(first);
    expect(second).not.toBe(first);
    second.child.kill('SIGKILL');

    expect(await run.exited).toEqual([1, null]);
    expect(run.stdout).toMatch(/^3 articles: 2 written, 1 failed · /);
    // Back in the queue once, then failed: the run does not say it went back a second time.
    expect(run.stderr.match(/↺ \S*article-00\.txt: its worker stopped answering \(killed, or cut off from Redis\): back in the queue for another worker/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/✗ \S*article-00\.txt: queue: its worker stopped answering twice while on it \(killed, or crashed: the article may be what crashes it\); not tried again/);
    const report = readRunReport(path.join(folder, 'out'));
    expect(report.summary).toMatchObject({ articles: 3, written: 2, failed: 1, 'not-run': 0 });
    expect(report.articles.find((record) => record.source.endsWith('article-00.txt'))).toMatchObject({ status: 'failed' });
    expect(readdirSync(path.join(folder, 'out')).filter((name) => name.startsWith('article-00'))).toEqual([]);
    for (const survivor of workers.filter((candidate) => candidate !== first && candidate !== second)) survivor.child.kill('SIGTERM');
    await watch.close();
  }, 120_000);

  const namespaces = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;
  it.skipIf(!namespaces)(`a worker that does not see the output folder hands the article back and stops, saying why${namespaces ? '' : ' (skipped: `unshare --user --map-root-user --mount` is not allowed here)'}`, async () => {
    const { folder, config } = await project(3);
    const url = `${redis.url}/2`;
    const queuedConfig = config('out');
    const output = path.join(folder, 'out');
    const run = spawnBitext(['run', '--queue', url, '--config', queuedConfig], folder);
    await until(() => readdirSync(folder).includes('out'));
    // Another machine, as far as the folder goes: an empty file system mounted where the output folder is.
    const blind = spawnBitext(['worker', '--queue', url, '--config', queuedConfig], folder, ['unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs tmpfs "$1" && shift && exec "$@"', 'sh', output]);
    expect(await blind.exited).toEqual([2, null]);
    expect(blind.stderr).toContain(`the output folder ${output} is not the run's on this machine: it has no .bitext folder (ENOENT); the output folder must be shared with every worker, at the same path; this worker does not write its articles, and stops`);
    const seeing = spawnBitext(['worker', '--queue', url, '--config', queuedConfig], folder);
    expect(await run.exited).toEqual([0, null]);
    expect(readRunReport(output).warnings).toEqual([expect.stringContaining('is not the run\'s on this machine')]);
    seeing.child.kill('SIGINT');
    expect(await seeing.exited).toEqual([0, null]);
  }, 60_000);
});
