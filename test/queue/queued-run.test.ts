import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import type { ModelProvider } from '../../src/models/provider.js';
import type { ArticleRecord } from '../../src/runner/report.js';
import { fakeModels } from '../support/fake-models.js';
import { articles } from '../support/long-run.js';
import { start, stopAll, until, watchQueue } from '../support/queue.js';
import { redisServerPath, redisSkipReason, startRedis, type TestRedis } from '../support/redis.js';
import { readRunReport, readTree, workspace, writeConfig } from '../support/workspace.js';

let redis: TestRedis;
let database = 0;
beforeAll(async () => {
  if (redisServerPath) redis = await startRedis();
});
afterEach(stopAll);
afterAll(async () => redis?.stop());

/** A queue of the test's own: a Redis database no other test of the file uses. */
const freshQueue = () => `${redis.url}/${++database}`;

/** A project of `count` articles, its config, and what a local run of it writes (into `local`). */
function project(count: number, changes: { without?: string[] } = {}) {
  const folder = workspace();
  const input = articles(count);
  const output = path.join(folder, 'out');
  const config = writeConfig(folder, { input, output, ...changes });
  return { folder, input, output, config };
}

/** What a report says of an article, without what differs between two runs of it: times and who ran it. */
const comparable = ({ timings_ms: _timings, worker: _worker, output: _output, ...record }: ArticleRecord) => record;

/** The fake models, with a translator that waits for `gate` before each batch. */
function gated(gate: Promise<void>): () => ModelProvider {
  const { provider } = fakeModels();
  return () => {
    const models = provider();
    return { ...models, async translator(request) {
      const translator = await models.translator(request);
      return { ...translator, translate: async (texts, settings) => (await gate, translator.translate(texts, settings)) };
    } };
  };
}

describe.skipIf(!redisServerPath)(`a run whose articles are queued for workers${redisSkipReason}`, () => {
  it('writes what a local run writes, byte for byte, with the same report; running again queues nothing', async () => {
    const local = project(6);
    expect((await start(['run', '--config', local.config], fakeModels().provider).exited)).toBe(0);
    const queued = { ...local, output: path.join(local.folder, 'queued') };
    const config = writeConfig(local.folder, { input: local.input, output: queued.output });
    const url = freshQueue();
    const watch = watchQueue(url);
    const worker = start(['worker', '--queue', url, '--config', config, '--concurrency', '2'], fakeModels().provider);
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/^6 articles: 6 written, 0 failed · 108 words · /);
    const outputs = (folder: string) => Object.fromEntries(Object.entries(readTree(folder)).filter(([name]) => name.startsWith('article-')));
    expect(outputs(queued.output)).toEqual(outputs(local.output));
    expect(readFileSync(path.join(queued.output, 'index.md'), 'utf8').replace(/ · \S+Z/, '')).toBe(readFileSync(path.join(local.output, 'index.md'), 'utf8').replace(/ · \S+Z/, ''));
    const report = readRunReport(queued.output);
    expect(report.articles.map(comparable)).toEqual(readRunReport(local.output).articles.map(comparable));
    expect(report.articles.every((record) => /:\d+$/.test(record.worker ?? ''))).toBe(true);
    // The workers' parts of the ledger are merged into it, and removed.
    expect(readFileSync(path.join(queued.output, '.bitext', 'written.jsonl'), 'utf8').trim().split('\n')).toHaveLength(12);
    expect(existsSync(path.join(queued.output, '.bitext'))).toBe(true);
    expect(await watch.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });

    const added = await watch.added();
    const again = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    expect(await again.exited).toBe(0);
    expect(again.stdout()).toMatch(/^6 articles: 0 written, 6 unchanged \(skipped\), 0 failed/);
    expect(await watch.added()).toBe(added);
    worker.stop();
    expect(await worker.exited).toBe(0);
    await watch.close();
  });

  it('records an article that fails for its own reason once, with its reason, as a local run does', async () => {
    const { input, config } = project(3);
    writeFileSync(path.join(input, 'empty.txt'), '\n\n');
    const url = freshQueue();
    const worker = start(['worker', '--queue', url, '--config', config], fakeModels().provider);
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    expect(await run.exited).toBe(1);
    const failed = readRunReport(path.join(path.dirname(config), 'out')).articles.find((record) => record.status === 'failed');
    expect(failed).toMatchObject({ stage: 'read', reason: expect.stringContaining('is empty') });
    expect(worker.stderr().match(/✗ \S+empty\.txt/g)).toHaveLength(1);
    worker.stop();
    await worker.exited;
  });

  it('tries an input a worker cannot read three times, then fails it with the reason in the report', async () => {
    const { input, output, config } = project(2);
    const url = freshQueue();
    const watch = watchQueue(url);
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    await until(async () => (await watch.counts()).waiting === 2);
    // Planned, hashed and queued by the run; gone by the time a worker takes it.
    rmSync(path.join(input, 'article-01.txt'));
    const worker = start(['worker', '--queue', url, '--config', config], fakeModels().provider);
    expect(await run.exited).toBe(1);
    const record = readRunReport(output).articles.find((article) => article.source.endsWith('article-01.txt'));
    expect(record).toMatchObject({ status: 'failed', stage: 'read' });
    expect(record?.reason).toMatch(/ENOENT.* on the worker \S+; the inputs must be shared with every worker, at the same path \(tried 3 times\)$/);
    expect(run.stderr()).toMatch(/↺ \S+article-01\.txt: read: .*ENOENT/);
    worker.stop();
    await worker.exited;
    await watch.close();
  });

  it('a worker whose config differs hands the article back and stops (exit 2); the run says why, and another worker writes it', async () => {
    const { folder, input, output, config } = project(3);
    const other = writeConfig(workspace(), { input, output, without: ['summarize'] });
    const url = freshQueue();
    const wrong = start(['worker', '--queue', url, '--config', other], fakeModels().provider);
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    expect(await wrong.exited).toBe(2);
    expect(wrong.stderr()).toContain(`the run's stages are read, detect-language, translate, check, summarize, write-markdown, write-html; this worker's are read, detect-language, translate, check, write-markdown, write-html`);
    const right = start(['worker', '--queue', url, '--config', config], fakeModels().provider);
    expect(await run.exited).toBe(0);
    expect(readRunReport(output).summary.written).toBe(3);
    expect(readRunReport(output).warnings).toEqual([expect.stringMatching(/^the worker \S+ does not write this run's articles, and stopped: the run's stages are /)]);
    right.stop();
    await right.exited;
    expect(folder).toBeTruthy();
  });

  it('a worker whose model stops working hands its article back and stops; another worker writes it', async () => {
    const { output, config } = project(2);
    const { provider } = fakeModels();
    const broken = () => ({ ...provider(), translator: () => Promise.reject(new ModelError('Decoding with owner/name (q8) failed: the decoding thread crashed')) });
    const url = freshQueue();
    const watch = watchQueue(url);
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    await until(async () => (await watch.counts()).waiting === 2);
    const failing = start(['worker', '--queue', url, '--config', config, '--concurrency', '1'], broken);
    expect(await failing.exited).toBe(2);
    expect(failing.stderr()).toContain('the decoding thread crashed');
    const right = start(['worker', '--queue', url, '--config', config], fakeModels().provider);
    expect(await run.exited).toBe(0);
    expect(readRunReport(output).summary.written).toBe(2);
    right.stop();
    await right.exited;
    await watch.close();
  });

  it('Ctrl-C takes back the queued articles: the report says interrupted, and the queue is left empty', async () => {
    const { output, config } = project(4);
    const url = freshQueue();
    const watch = watchQueue(url);
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    await until(async () => (await watch.counts()).waiting === 4);
    run.stop();
    expect(await run.exited).toBe(130);
    expect(readRunReport(output)).toMatchObject({ exit_code: 130, interrupted: 'SIGINT', summary: { 'not-run': 4 } });
    expect(run.stdout()).toMatch(/^Interrupted \(SIGINT\): 4 articles: 0 written, 0 failed, 4 not run · /);
    expect(await watch.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    await watch.close();
  });

  it('Ctrl-C waits for the articles under way on workers; twice, leaves them to their workers and says so', async () => {
    const { output, config } = project(3);
    const url = freshQueue();
    const watch = watchQueue(url);
    let open!: () => void;
    const worker = start(['worker', '--queue', url, '--config', config, '--concurrency', '1'], gated(new Promise((resolve) => (open = resolve))));
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    await until(async () => (await watch.counts()).active === 1);
    run.stop();
    await until(async () => (await watch.counts()).waiting === 0);
    run.stopNow();
    expect(await run.exited).toBe(130);
    const report = readRunReport(output);
    expect(report.summary).toMatchObject({ written: 0, 'not-run': 3 });
    expect(report.articles.filter((record) => record.reason?.startsWith('under way on the worker '))).toHaveLength(1);
    expect(report.warnings).toEqual([expect.stringMatching(/^1 article was under way on workers when the run ended, and left to them/)]);
    // The worker, let go, finds the run gone: it writes nothing into the folder, and drops the article.
    open();
    await until(() => /dropped: the output folder's lock \S+ is gone/.test(worker.stderr()));
    expect(Object.keys(readTree(output)).filter((name) => name.startsWith('article-'))).toEqual([]);
    worker.stop();
    expect(await worker.exited).toBe(0);
    await watch.close();
  });

  it('Ctrl-C on a worker finishes its article; twice, hands it back to the queue, where another worker takes it', async () => {
    const { output, config } = project(2);
    const url = freshQueue();
    const watch = watchQueue(url);
    let open!: () => void;
    const stopped = start(['worker', '--queue', url, '--config', config, '--concurrency', '1'], gated(new Promise((resolve) => (open = resolve))));
    const run = start(['run', '--queue', url, '--config', config], fakeModels().provider);
    await until(async () => (await watch.counts()).active === 1);
    stopped.stop();
    stopped.stopNow();
    open();
    expect(await stopped.exited).toBe(0);
    expect(await watch.counts()).toMatchObject({ active: 0, waiting: 2 });
    await until(() => run.stderr().includes('back in the queue: its worker was stopped before it was done'));
    const other = start(['worker', '--queue', url, '--config', config], fakeModels().provider);
    expect(await run.exited).toBe(0);
    expect(readRunReport(output).summary.written).toBe(2);
    other.stop();
    await other.exited;
    await watch.close();
  });

  it('a queue that cannot be reached: exit 2 at once, with a clear error, and nothing touched', async () => {
    const { output, config } = project(1);
    const closed = `redis://127.0.0.1:${redis.port === 1 ? 2 : 1}`;
    for (const command of [['run', '--queue', closed, '--config', config], ['worker', '--queue', closed, '--config', config]]) {
      const result = start(command, fakeModels().provider);
      expect(await result.exited).toBe(2);
      expect(result.stderr()).toContain(`bitext: The queue ${closed}/0 cannot be used, so nothing was run: nothing answers at 127.0.0.1:`);
    }
    expect(existsSync(output)).toBe(false);
  });

  it('a queue lost mid-run: the run stops once its patience is spent (exit 2), and its report says why and what was left', async () => {
    const lost = await startRedis();
    const { output, config } = project(2);
    const watch = watchQueue(lost.url);
    const run = start(['run', '--queue', lost.url, '--config', config], fakeModels().provider, { BITEXT_QUEUE_PATIENCE: '500' });
    await until(async () => (await watch.counts()).waiting === 2);
    await watch.close();
    await lost.stop();
    expect(await run.exited).toBe(2);
    const report = readRunReport(output);
    expect(report.stopped).toMatch(/^The queue redis:\/\/127\.0\.0\.1:\d+\/0 has not answered for 1 s \(since \S+\): nothing answers at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(report.warnings).toEqual([expect.stringMatching(/^2 articles were still queued or under way when Redis was lost/)]);
    expect(run.stderr()).toContain('bitext: the run stopped: The queue');
  });
});
