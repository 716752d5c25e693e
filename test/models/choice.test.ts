/**
 * The two ways a step's tokens are chosen (`choice.ts`) decode the same: in the decoder's graph, and from the whole
 * logits in JavaScript (`wholeLogits`), on the generated models with real onnxruntime, greedy and beam search, with
 * each model's own rules and with the repetition guards and forced lengths on top.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecoderThread } from '../../src/models/decoder-client.js';
import type { DecodeOptions } from '../../src/models/decoding.js';
import { seq2seqSessionFiles, type Dtype } from '../../src/models/files.js';
import { readModelConfig, type DecodingRules, type ModelTask } from '../../src/models/model-config.js';
import { fullTestModels } from '../support/full-models.js';
import { hasShared, shared, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';

// Loading and decoding a full-size model on a busy shared machine: generous, so that only a hang fails.
const patience = 15 * 60_000;

/** A model's decoding thread, its rules and its tokenizer. */
async function open(directory: string, model: string, dtype: Dtype, task?: ModelTask) {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  Object.assign(env, { allowRemoteModels: false, localModelPath: `${directory}/` });
  const tokenizer = await AutoTokenizer.from_pretrained(model, { local_files_only: true });
  const folder = path.join(directory, model);
  const files = seq2seqSessionFiles(dtype);
  const rules = (await readModelConfig(folder, task)).rules!;
  const thread = await DecoderThread.start({ encoder: path.join(folder, files.encoder), decoder: path.join(folder, files.decoder), threads: 2, label: model });
  return { thread, rules, encode: (text: string) => tokenizer.encode(rules.prefix + text) };
}
type Side = Awaited<ReturnType<typeof open>>;

/** Both ways' outputs for `texts`, each input bounded by `bounds` (its source's token count in, its bounds out). */
async function bothWays(side: Side, texts: readonly string[], settings: Partial<DecodingRules>, bounds: (tokens: number) => { least: number; most: number }) {
  const sources = texts.map(side.encode);
  const options: DecodeOptions = { ...side.rules, ...settings, bounds: sources.map((source) => bounds(source.length)) };
  return { inGraph: await side.thread.decode(sources, options), whole: await side.thread.decode(sources, { ...options, wholeLogits: true }) };
}

const cases: [string, Partial<DecodingRules>][] = [
  ['greedy search', { beams: 1 }],
  ['greedy search, a repetition penalty and no repeated bigram', { beams: 1, repetitionPenalty: 1.6, noRepeatNgram: 2 }],
  ['3 beams', { beams: 3 }],
  ['4 beams, a repetition penalty and no repeated trigram', { beams: 4, repetitionPenalty: 1.4, noRepeatNgram: 3 }],
];

describe.each<[string, Dtype, ModelTask | undefined, string[]]>([
  ['bitext-test/marian-tiny', 'fp32', undefined, ['Le maire parle avec les employés de la ville.', 'Le chat mange.', 'Un chien rouge voit la maison !']],
  ['bitext-test/marian-tiny', 'q8', undefined, ['Le chat voit le chien et le maire voit la maison de la ville.', 'La maison.']],
  ['bitext-test/bart-tiny', 'fp32', 'summarization', ['the mayor speaks with the employees of the city .', 'the cat eats .', 'a red dog sees the big house .']],
])('%s (%s): the choice in the graph and from the whole logits', (model, dtype, task, texts) => {
  let side: Side;
  beforeAll(async () => {
    side = await open(await testModels(), model, dtype, task);
  });
  afterAll(() => side?.thread.close());

  it('is made in the graph', () => {
    expect(side.thread.choosesInGraph).toBe(true);
  });

  it.each(cases)('%s, the model’s own rules besides: the same tokens', async (_, settings) => {
    const { inGraph, whole } = await bothWays(side, texts, settings, () => ({ least: side.rules.least, most: 30 }));
    expect(inGraph).toEqual(whole);
    expect(inGraph.every((tokens) => tokens.length > 0)).toBe(true);
  });

  it.each([1, 3])('with %s beams and every output forced to a length (its end token forbidden until then): the same tokens', async (beams) => {
    const { inGraph, whole } = await bothWays(side, texts, { beams }, () => ({ least: 12, most: 12 }));
    expect(inGraph).toEqual(whole);
    expect(inGraph.map((tokens) => tokens.length)).toEqual(texts.map(() => 12));
  });
});

describe.skipIf(!hasShared)(`the full-size generated Marian (q8, as the bench runs it)${sharedSkipReason}`, () => {
  let side: Side;
  let sentences: string[];
  beforeAll(async () => {
    side = await open(await fullTestModels(), 'bitext-test/marian-full', 'q8');
    const french = readFileSync(path.join(shared, 'eval/mt/newstest2014.fra-eng.fra'), 'utf8').split('\n');
    sentences = french.filter((line) => line.trim() && side.encode(line).length <= 24).slice(0, 4);
  }, patience);
  afterAll(() => side?.thread.close());

  it.each<[string, Partial<DecodingRules>, number | undefined]>([
    ['greedy search, outputs forced to 20 tokens', { beams: 1 }, 20],
    ['4 beams, outputs forced to 20 tokens (renormalized with the end token forbidden at every step)', { beams: 4 }, 20],
    ['4 beams, its own rules', { beams: 4 }, undefined],
  ])('%s: the choice in the graph gives the same tokens as from the whole logits', async (_, settings, length) => {
    expect(side.thread.choosesInGraph).toBe(true);
    const { inGraph, whole } = await bothWays(side, sentences, settings, (tokens) => (length ? { least: length, most: length } : { least: 0, most: tokens + 4 }));
    expect(inGraph).toEqual(whole);
  }, patience);
});
