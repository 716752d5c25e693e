import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { checkModelConfig, readModelConfig } from '../../src/models/model-config.js';
import { loadSummarizer, loadTranslator } from '../../src/models/transformers.js';
import { verifyModel } from '../../src/models/verify.js';
import { seq2seqFiles } from '../../src/models/files.js';
import { hasShared, shared, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { temporaryFolder } from '../support/temporary.js';

const reference = path.join(shared, 'reference-models/Xenova');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const marian = { model_type: 'marian', vocab_size: 100, max_position_embeddings: 64, eos_token_id: 0, pad_token_id: 99, decoder_start_token_id: 99 };

describe('checkModelConfig', () => {
  it.skipIf(!hasShared).each(['opus-mt-fr-en', 'distilbart-cnn-6-6'])(`accepts the real %s and reads its rules as Transformers.js does${sharedSkipReason}`, (name) => {
    const check = checkModelConfig(readJson(path.join(reference, name, 'config.json')), readJson(path.join(reference, name, 'generation_config.json')));
    expect(check.problems).toBeUndefined();
    expect(check.rules).toMatchObject(name === 'opus-mt-fr-en'
      ? { endIds: new Set([0]), padId: 59513, startId: 59513, banned: [59513], least: 0, beams: 4, maxLength: 512, earlyStopping: false, renormalize: true, outputLength: 512, prefix: '' }
      : { endIds: new Set([2]), padId: 1, startId: 2, forcedFirst: 0, least: 55, beams: 4, noRepeatNgram: 3, lengthPenalty: 2, earlyStopping: true, maxLength: 1024, renormalize: false, outputLength: 142, prefix: ' ' });
  });

  it.skipIf(!hasShared)(`reads distilbart-cnn's summarization settings as its generation config's (they agree)${sharedSkipReason}`, () => {
    const name = 'distilbart-cnn-6-6';
    const [config, generation] = ['config.json', 'generation_config.json'].map((file) => readJson(path.join(reference, name, file)));
    expect(checkModelConfig(config, generation, 'summarization')).toEqual(checkModelConfig(config, generation));
  });

  it('reads a task’s own settings and prefix over the generation config, for that task only', () => {
    const config = { ...marian, prefix: 'p: ', task_specific_params: { summarization: { num_beams: 3, max_length: 30, prefix: 'summarize: ' }, translation_en_to_de: { num_beams: 'many' } } };
    expect(checkModelConfig(config, { num_beams: 2, max_length: 50 }, 'summarization').rules).toMatchObject({ beams: 3, outputLength: 30, prefix: 'summarize: ' });
    expect(checkModelConfig(config, { num_beams: 2, max_length: 50 }).rules).toMatchObject({ beams: 2, outputLength: 50, prefix: 'p: ' });
    expect(checkModelConfig({ ...config, task_specific_params: { summarization: { min_length: -1 } } }, {}, 'summarization').problems).toEqual([
      { file: 'config.json', key: 'task_specific_params', reason: 'in `task_specific_params.summarization`, `min_length` is `-1`; expected a whole number from 0 up' },
    ]);
  });

  it('reads the generation config over the model config, even its nulls, as Transformers.js merges them', () => {
    expect(checkModelConfig({ ...marian, forced_bos_token_id: 5 }, {}).rules?.forcedFirst).toBe(5);
    expect(checkModelConfig({ ...marian, forced_bos_token_id: 5 }, { forced_bos_token_id: null }).rules?.forcedFirst).toBeUndefined();
  });

  it('runs a model whose bad words forbid one of its end tokens but not all, or only begin with one', () => {
    expect(checkModelConfig({ ...marian, eos_token_id: [0, 1] }, { bad_words_ids: [[0]] }).rules?.banned).toEqual([0]);
    expect(checkModelConfig(marian, { bad_words_ids: [[0, 5]] }).rules?.banned).toEqual([]);
  });

  it('takes single-token bad words as banned, and leaves longer ones out', () => {
    const { rules } = checkModelConfig({ ...marian, num_beams: 4, min_length: 3 }, { bad_words_ids: [[99], [5, 6]], num_beams: 2, eos_token_id: [0, 1] });
    expect(rules).toEqual({
      endIds: new Set([0, 1]), padId: 99, startId: 99, banned: [99], least: 2,
      beams: 2, repetitionPenalty: 1, noRepeatNgram: 0, lengthPenalty: 1, earlyStopping: false, renormalize: false, maxLength: 64, prefix: '',
    });
  });

  it.each([
    ['no end token anywhere', { eos_token_id: undefined }, {}, 'config.json', 'eos_token_id', 'no usable end token: `eos_token_id` is missing (and generation_config.json sets none)'],
    ['an end token set to null', { eos_token_id: null }, {}, 'config.json', 'eos_token_id', 'no usable end token: `eos_token_id` is missing'],
    ['an end token the generation config sets to null', {}, { eos_token_id: null }, 'generation_config.json', 'eos_token_id', 'no usable end token: `eos_token_id` is `null`'],
    ['an empty list of end tokens', {}, { eos_token_id: [] }, 'generation_config.json', 'eos_token_id', 'no usable end token: `eos_token_id` is an empty list'],
    ['an end token outside the vocabulary', { eos_token_id: 100 }, {}, 'config.json', 'eos_token_id', 'no usable end token: `eos_token_id` is 100, outside the vocabulary (`vocab_size` is 100)'],
    ['an end token beyond a smaller decoder vocabulary', { decoder_vocab_size: 50, eos_token_id: 60, pad_token_id: 1, decoder_start_token_id: 1 }, {}, 'config.json', 'eos_token_id', '`decoder_vocab_size` is 50'],
    ['a negative end token', { eos_token_id: -1 }, {}, 'config.json', 'eos_token_id', '`eos_token_id` is `-1`; expected a token id'],
    ['a start token outside the vocabulary', {}, { decoder_start_token_id: 250 }, 'generation_config.json', 'decoder_start_token_id', '`decoder_start_token_id` is 250, outside the vocabulary'],
    ['a padding token outside the vocabulary', { pad_token_id: 100 }, {}, 'config.json', 'pad_token_id', '`pad_token_id` is 100, outside the vocabulary'],
    ['a forced first token outside the vocabulary', {}, { forced_bos_token_id: 1000 }, 'generation_config.json', 'forced_bos_token_id', '`forced_bos_token_id` is 1000, outside the vocabulary'],
    ['no length limit', { max_position_embeddings: undefined }, {}, 'config.json', 'max_position_embeddings', '`max_position_embeddings` is missing; expected a whole number from 1 up'],
    ['a length limit of 0', { max_position_embeddings: 0 }, {}, 'config.json', 'max_position_embeddings', '`max_position_embeddings` is `0`'],
    ['a fractional length limit', { max_position_embeddings: 512.5 }, {}, 'config.json', 'max_position_embeddings', '`max_position_embeddings` is `512.5`'],
    ['a length limit written as text', { max_position_embeddings: '512' }, {}, 'config.json', 'max_position_embeddings', '`max_position_embeddings` is `"512"`'],
    ['no vocabulary size', { vocab_size: undefined }, {}, 'config.json', 'vocab_size', '`vocab_size` is missing'],
    ['a decoder-only model', { model_type: 'gpt2' }, {}, 'config.json', 'model_type', '`model_type` is `gpt2`; bitext runs only encoder-decoder models of type `marian` or `bart`'],
    ['no model type', { model_type: undefined }, {}, 'config.json', 'model_type', '`model_type` is missing'],
    ['a Marian said not to be an encoder-decoder', { is_encoder_decoder: false }, {}, 'config.json', 'is_encoder_decoder', '`is_encoder_decoder` is `false`'],
    ['a beam width of 0', {}, { num_beams: 0 }, 'generation_config.json', 'num_beams', '`num_beams` is `0`; expected a whole number from 1 up'],
    ['its end token among the bad words', {}, { bad_words_ids: [[99], [0]] }, 'generation_config.json', 'bad_words_ids', 'no usable end token: `bad_words_ids` forbids the end token (`eos_token_id` is 0), so no output could end'],
    ['every end token among the bad words', { eos_token_id: [0, 1], bad_words_ids: [[1], [0]] }, {}, 'config.json', 'bad_words_ids', 'forbids every end token (`eos_token_id` is [0,1])'],
  ])('refuses %s, naming the file and the key', (_, config, generation, file, key, reason) => {
    const { problems } = checkModelConfig({ ...marian, ...config }, generation);
    expect(problems).toContainEqual({ file, key, reason: expect.stringContaining(reason) });
  });

  it('names a config that is not an object', () => {
    expect(checkModelConfig([1, 2]).problems).toEqual([{ file: 'config.json', key: '', reason: 'holds `[1,2]`; expected a JSON object' }]);
  });
});

/** A copy of a generated test model whose config.json (and generation_config.json) are edited by `edit`. */
async function editedModel(model: string, edit: (config: Record<string, unknown>, generation: Record<string, unknown>) => void): Promise<string> {
  const directory = temporaryFolder('bitext-config');
  cpSync(path.join(await testModels(), model), path.join(directory, model), { recursive: true });
  const [config, generation] = ['config.json', 'generation_config.json'].map((file) => readJson(path.join(directory, model, file)));
  edit(config!, generation!);
  writeFileSync(path.join(directory, model, 'config.json'), JSON.stringify(config));
  writeFileSync(path.join(directory, model, 'generation_config.json'), JSON.stringify(generation));
  return directory;
}

describe('a model whose config bitext cannot run', () => {
  const withoutEnd = (config: Record<string, unknown>, generation: Record<string, unknown>) => {
    delete config['eos_token_id'];
    delete generation['eos_token_id'];
  };

  // Before the check, such a model decoded forever: the test must end quickly whatever the code does.
  it.each([
    ['marian-tiny', loadTranslator],
    ['bart-tiny', loadSummarizer],
  ])('is refused when %s is loaded, naming the file and the key, before anything is decoded', { timeout: 10_000 }, async (name, load) => {
    const model = `bitext-test/${name}`;
    const directory = await editedModel(model, withoutEnd);
    const failure = load(directory, { model, dtype: 'q8' });
    await expect(failure).rejects.toBeInstanceOf(ModelError);
    await expect(failure).rejects.toThrow(`Model \`${model}\` (q8) in ${path.join(directory, model)} cannot be run: config.json: no usable end token: \`eos_token_id\` is missing`);
  });

  it('is refused when generation_config.json is not JSON, and loaded when that file is absent', { timeout: 10_000 }, async () => {
    const model = 'bitext-test/marian-tiny';
    const directory = await editedModel(model, () => undefined);
    writeFileSync(path.join(directory, model, 'generation_config.json'), '{"eos_token_id": ');
    await expect(loadTranslator(directory, { model, dtype: 'q8' })).rejects.toThrow(/cannot be run: generation_config\.json: not valid JSON/);
    rmSync(path.join(directory, model, 'generation_config.json'));
    expect((await readModelConfig(path.join(directory, model))).rules?.endIds).toEqual(new Set([0]));
  });

  it.each([
    ['no end token', withoutEnd, 'config.json', 'no usable end token: `eos_token_id` is missing'],
    ['a length limit of 0', (config: Record<string, unknown>) => void (config['max_position_embeddings'] = 0), 'config.json', '`max_position_embeddings` is `0`'],
    ['a start token outside the vocabulary', (config: Record<string, unknown>, generation: Record<string, unknown>) => void (generation['decoder_start_token_id'] = 10_000), 'generation_config.json', '`decoder_start_token_id` is 10000, outside the vocabulary'],
    ['its end token among the bad words', (config: Record<string, unknown>, generation: Record<string, unknown>) => void (generation['bad_words_ids'] = [[0]]), 'generation_config.json', '`bad_words_ids` forbids the end token'],
  ])('with %s fails `models verify` as a problem of its config files', async (_, edit, file, reason) => {
    const model = 'bitext-test/marian-tiny';
    const directory = await editedModel(model, edit);
    const { missing, corrupt, unusable } = await verifyModel(directory, { model, dtype: 'q8', files: seq2seqFiles('q8') });
    expect(missing).toEqual([]);
    expect(corrupt).toEqual([]);
    expect(unusable).toEqual([{ file, reason: expect.stringContaining(reason) }]);
  });

  it('passes `models verify` untouched', async () => {
    const { missing, corrupt, unusable } = await verifyModel(await testModels(), { model: 'bitext-test/bart-tiny', dtype: 'fp32', files: seq2seqFiles('fp32') });
    expect([missing, corrupt, unusable]).toEqual([[], [], []]);
  });
});
