/**
 * bitext's decoding loop against Transformers.js's `generate()` on the same models and inputs: the same tokens.
 * Transformers.js v4 runs greedy search only (its `num_beams` takes each step's best token, shown below), so beams are
 * checked against a reference beam search in `beam-search-reference.test.ts`.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecoderThread } from '../../src/models/decoder-client.js';
import { seq2seqSessionFiles } from '../../src/models/files.js';
import { readModelConfig, type DecodingRules, type ModelTask } from '../../src/models/model-config.js';
import { summaryLength, translationBounds, translationLimit } from '../../src/models/transformers.js';
import type { LengthBounds } from '../../src/models/next-token.js';
import { fullTestModels } from '../support/full-models.js';
import { hasShared, shared, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { temporaryFolder } from '../support/temporary.js';

type Library = typeof import('@huggingface/transformers');
type Tokenizer = Awaited<ReturnType<Library['AutoTokenizer']['from_pretrained']>>;
type Model = Awaited<ReturnType<Library['AutoModelForSeq2SeqLM']['from_pretrained']>>;

// Loading and generating with full-size models on a busy shared machine: generous, so that only a hang fails.
const patience = 15 * 60_000;

/** One model, as each side loads it: Transformers.js's tokenizer and model, bitext's rules and decoding thread. */
async function open(directory: string, model: string, task?: ModelTask) {
  const transformers = await import('@huggingface/transformers');
  Object.assign(transformers.env, { allowRemoteModels: false, localModelPath: `${directory}/`, logLevel: transformers.LogLevel.ERROR });
  const tokenizer = await transformers.AutoTokenizer.from_pretrained(model, { local_files_only: true });
  const reference = await transformers.AutoModelForSeq2SeqLM.from_pretrained(model, { dtype: 'fp32', local_files_only: true });
  const folder = path.join(directory, model);
  const files = seq2seqSessionFiles('fp32');
  const { rules, problems } = await readModelConfig(folder, task);
  if (problems) throw new Error(JSON.stringify(problems));
  const thread = await DecoderThread.start({ encoder: path.join(folder, files.encoder), decoder: path.join(folder, files.decoder), threads: 2, label: model });
  const close = () => Promise.all([thread.close(), reference.dispose()]);
  return { tokenizer, reference, rules, thread, close };
}

/** Transformers.js's output for one text, as bitext's loop gives it: the start token and the end token left out. */
async function generated(reference: Model, tokenizer: Tokenizer, text: string, options: Record<string, unknown>, end: number): Promise<number[]> {
  const output = (await reference.generate({ ...tokenizer(text), ...options } as never)) as { tolist(): bigint[][] };
  const tokens = output.tolist()[0]!.map(Number).slice(1);
  return tokens.at(-1) === end ? tokens.slice(0, -1) : tokens;
}

/** bitext's loop on `texts` with the model's rules, `overrides`, and the bounds a loader would give each. */
function decoded(side: { thread: DecoderThread; rules: DecodingRules; tokenizer: Tokenizer }, texts: readonly string[], overrides: Partial<DecodingRules>, bounds: (tokens: number) => LengthBounds) {
  const sources = texts.map((text) => side.tokenizer.encode(side.rules.prefix + text));
  return side.thread.decode(sources, { ...side.rules, ...overrides, bounds: sources.map((source) => bounds(source.length)) });
}

describe.skipIf(!hasShared)(`greedy search on the full-size generated Marian (fp32), against Transformers.js${sharedSkipReason}`, () => {
  const model = 'bitext-test/marian-full';
  let side: Awaited<ReturnType<typeof open>>;
  let sentences: string[];
  let plain: number[][];
  const greedy = { beams: 1, lengthRatio: 1, repetitionPenalty: 1, noRepeatNgram: 0 };
  const bounds = (settings: typeof greedy) => (tokens: number) => translationBounds(settings, tokens, translationLimit(side.rules), side.rules.least);

  beforeAll(async () => {
    side = await open(await fullTestModels(), model);
    // Four newstest2014 sentences of up to 24 tokens: a few seconds a setting on each side.
    const french = readFileSync(path.join(shared, 'eval/mt/newstest2014.fra-eng.fra'), 'utf8').split('\n');
    sentences = french.filter((line) => line.trim() && side.tokenizer.encode(line).length <= 24).slice(0, 4);
    plain = await decoded(side, sentences, { beams: 1 }, bounds(greedy));
  }, patience);
  afterAll(() => side?.close());

  it.each([
    ['plain greedy search', {}],
    ['a repetition penalty', { repetitionPenalty: 3 }],
    ['no repeated bigram', { noRepeatNgram: 2 }],
    ['a repetition penalty and no repeated trigram', { repetitionPenalty: 3, noRepeatNgram: 3 }],
  ])('%s: the same tokens for newstest2014 sentences', async (name, guards) => {
    const settings = { ...greedy, ...guards };
    const ours = await decoded(side, sentences, { beams: 1, repetitionPenalty: settings.repetitionPenalty, noRepeatNgram: settings.noRepeatNgram }, bounds(settings));
    const theirs = [];
    for (const [index, sentence] of sentences.entries()) {
      const { most } = bounds(settings)(side.tokenizer.encode(sentence).length);
      // `max_new_tokens` counts the end token; `bad_words_ids`, `forced_eos_token_id` and the rest come from the config.
      const options = { num_beams: 1, max_new_tokens: most + 1, repetition_penalty: settings.repetitionPenalty, no_repeat_ngram_size: settings.noRepeatNgram };
      theirs[index] = await generated(side.reference, side.tokenizer, sentence, options, 0);
    }
    expect(ours).toEqual(theirs);
    // The guards change what the untrained model says, so a rule applied wrongly shows.
    if (name !== 'plain greedy search') expect(ours).not.toEqual(plain);
  }, patience);

  it('is what Transformers.js v4 gives for `num_beams: 4` too: its beam search keeps each step’s best token', async () => {
    const [sentence] = sentences;
    const most = plain[0]!.length;
    const beams = await generated(side.reference, side.tokenizer, sentence!, { num_beams: 4, max_new_tokens: most + 1 }, 0);
    expect(beams).toEqual(await generated(side.reference, side.tokenizer, sentence!, { num_beams: 1, max_new_tokens: most + 1 }, 0));
    expect(beams).toEqual(plain[0]);
  }, patience);
});

describe('greedy search on the generated BART (fp32), against Transformers.js', () => {
  const texts = ['the mayor speaks with the employees of the city .', 'the cat eats .', 'we refuse the letter of the newspaper .'];
  const variants: Record<string, Record<string, unknown>> = {
    'its own config (least length 4, no repeated trigram, forced first and last tokens, 64 at most)': {},
    'a repetition penalty, with which it ends by itself after 50 tokens': { repetition_penalty: 1.5 },
    'least length 51, which lets it end there': { repetition_penalty: 1.5, min_length: 51 },
    'least length 52, which does not': { repetition_penalty: 1.5, min_length: 52 },
    'no repeated bigram': { no_repeat_ngram_size: 2 },
  };
  let directory: string;
  const outputs = new Map<string, number[][]>();

  beforeAll(async () => {
    // Each variant is a copy of the model whose generation config says it, read as it is by both sides.
    const models = await testModels();
    directory = temporaryFolder('bitext-bart-variants');
    Object.values(variants).forEach((changes, index) => {
      const folder = path.join(directory, `bitext-test/bart-${index}`);
      cpSync(path.join(models, 'bitext-test/bart-tiny'), folder, { recursive: true });
      const generation = JSON.parse(readFileSync(path.join(folder, 'generation_config.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(path.join(folder, 'generation_config.json'), JSON.stringify({ ...generation, ...changes }));
    });
  }, patience);

  it.each(Object.keys(variants).map((name, index) => [name, index] as const))('%s: the same tokens', async (name, index) => {
    const side = await open(directory, `bitext-test/bart-${index}`, 'summarization');
    try {
      const ours = await decoded(side, texts, { beams: 1 }, () => ({ least: side.rules.least, most: summaryLength({}, side.rules, side.rules.maxLength) }));
      const theirs = [];
      for (const text of texts) theirs.push(await generated(side.reference, side.tokenizer, side.rules.prefix + text, { num_beams: 1 }, 2));
      expect(ours).toEqual(theirs);
      outputs.set(name, ours);
    } finally {
      await side.close();
    }
  }, patience);

  it('is a case where each rule above changes the output, so that the comparisons can tell', () => {
    const [own, penalty, allowed, held, bigram] = Object.keys(variants).map((name) => outputs.get(name)!);
    expect(penalty).not.toEqual(own);
    expect(bigram).not.toEqual(own);
    // A least length counted one token off either way changes where the output ends.
    expect([penalty, allowed, held].map((rows) => rows!.map((tokens) => tokens.length))).toEqual([[50, 50, 50], [50, 50, 50], [62, 62, 62]]);
  });
});
