import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import type { ModelProvider } from '../../src/models/provider.js';
import { fakeModels } from '../support/fake-models.js';
import { articles } from '../support/long-run.js';
import { readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

/** The fake models, with a translator that fails its `after`-th batch with `error`. */
function failingAfter(after: number, error: () => Error): () => ModelProvider {
  const { provider } = fakeModels();
  return () => {
    const models = provider();
    return {
      ...models,
      async translator(request) {
        const translator = await models.translator(request);
        let batches = 0;
        return { ...translator, translate: (texts, settings) => (++batches >= after ? Promise.reject(error()) : translator.translate(texts, settings)) };
      },
    };
  };
}

describe('failures with a defined path', () => {
  it('a model that stops working stops the run: exit 2, the report written with the cause, nothing new started', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input: articles(12), output });
    const result = await runCli(['run', '--config', config, '--concurrency', '1'], failingAfter(3, () => new ModelError('Decoding with owner/name (q8) failed: the decoding thread crashed')));
    expect(result.code).toBe(2);
    const report = readRunReport(output);
    expect(report).toMatchObject({ exit_code: 2, stopped: 'Decoding with owner/name (q8) failed: the decoding thread crashed' });
    expect(report.summary).toMatchObject({ written: 2, failed: 1, 'not-run': 9 });
    expect(result.stderr).toContain('bitext: the run stopped: Decoding with owner/name (q8) failed: the decoding thread crashed');
    expect(result.stdout).toMatch(/^Stopped: 12 articles: 2 written, 1 failed, 9 not run · /);
  });

  it('a bug is named as one: its stack on stderr and in the report, the other articles written', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input: articles(3), output });
    const result = await runCli(['run', '--config', config, '--concurrency', '1'], failingAfter(2, () => new TypeError("Cannot read properties of undefined (reading 'length')")));
    expect(result.code).toBe(1);
    const failed = readRunReport(output).articles.filter((record) => record.status === 'failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ stage: 'translate', reason: "internal error: Cannot read properties of undefined (reading 'length')", stack: expect.stringMatching(/^TypeError: Cannot read properties of undefined \(reading 'length'\)\n {4}at /) });
    expect(result.stderr).toContain('this is a bug in bitext; please report it with this stack:\nTypeError: Cannot read properties');
  });
});
