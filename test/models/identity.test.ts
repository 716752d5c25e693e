import { cpSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seq2seqFiles } from '../../src/models/files.js';
import { modelIdentity } from '../../src/models/identity.js';
import { loadTranslator } from '../../src/models/transformers.js';
import { testModels } from '../support/test-models.js';
import { temporaryFolder } from '../support/temporary.js';

const model = 'bitext-test/marian-tiny';
const request = { model, dtype: 'q8' };

describe('modelIdentity', () => {
  it('names the model, then each file with its size and modification time, in the order given (the translation cache key of before)', async () => {
    const directory = await testModels();
    const info = statSync(path.join(directory, model, 'config.json'));
    expect(await modelIdentity(directory, request, ['config.json', 'absent.json'])).toBe(
      `${model} (q8)\nconfig.json:${info.size}:${info.mtimeMs}\nabsent.json:missing`,
    );
  });

  it('is what a loaded translator reports, and changes when a file is replaced', async () => {
    const directory = temporaryFolder('bitext-identity');
    cpSync(path.join(await testModels(), model), path.join(directory, model), { recursive: true });
    const { model: translator, dispose } = await loadTranslator(directory, request);
    await dispose();
    const identity = await modelIdentity(directory, request, seq2seqFiles('q8'));
    expect(translator.identity).toBe(identity);
    utimesSync(path.join(directory, model, 'tokenizer.json'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(await modelIdentity(directory, request, seq2seqFiles('q8'))).not.toBe(identity);
  });
});
