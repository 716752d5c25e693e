import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isModelId, modelIdPattern, seq2seqSessionFiles } from '../../src/models/files.js';
import { listInstalled } from '../../src/models/installed.js';
import { testModels } from '../support/test-models.js';
import { temporaryFolder } from '../support/temporary.js';

describe('model ids', () => {
  it.each([
    ['Xenova/opus-mt-fr-en', true],
    ['Helsinki-NLP/opus-mt-fr-en', true],
    ['bitext-test/marian.tiny_2', true],
    ['opus-mt-fr-en', false],
    ['Xenova/opus/fr', false],
    ['Xenova/', false],
    ['Xenova/opus mt', false],
    ['../models', false],
    ['Xenova/..', false],
    ['./x', false],
    ['..a/b', true],
  ])('%s is a model id: %s', (text, valid) => {
    expect(isModelId(text)).toBe(valid);
    expect(modelIdPattern.test(text)).toBe(valid);
  });
});

describe('listInstalled', () => {
  it.each([
    ['both files of both dtypes', [], ['fp32', 'q8']],
    ['the q8 decoder missing', [seq2seqSessionFiles('q8').decoder], ['fp32']],
    ['the fp32 encoder missing', [seq2seqSessionFiles('fp32').encoder], ['q8']],
  ])('lists the dtypes whose two ONNX files are present (%s)', async (_, removed, dtypes) => {
    const directory = temporaryFolder('bitext-installed');
    cpSync(path.join(await testModels(), 'bitext-test/marian-tiny'), path.join(directory, 'bitext-test/marian-tiny'), { recursive: true });
    for (const file of removed) rmSync(path.join(directory, 'bitext-test/marian-tiny', file));
    expect((await listInstalled(directory)).map((model) => [model.model, model.dtypes])).toEqual([['bitext-test/marian-tiny', dtypes]]);
  });
});
