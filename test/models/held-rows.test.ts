/**
 * Rows held to their terms, chosen two ways (`held-rows.ts`): greedy search from the few best candidates of the
 * decoder's graph, and from the whole logits. On crafted candidates, then on the generated Marians with real
 * onnxruntime, where both ways must give the same tokens, each term in every output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTermMatcher } from '../../src/glossary/match.js';
import { continuesWord, readConstraints, type Constraint, type Constraints } from '../../src/models/constraints.js';
import { DecoderThread } from '../../src/models/decoder-client.js';
import type { DecodeOptions } from '../../src/models/decoding.js';
import { seq2seqSessionFiles } from '../../src/models/files.js';
import { candidatesNeeded, heldCandidates, termStates } from '../../src/models/held-rows.js';
import { readModelConfig } from '../../src/models/model-config.js';
import { loadTermTokenizer } from '../../src/models/term-tokens.js';
import { splitSentences } from '../../src/text/sentences.js';
import { readGlossaryFile } from '../../scripts/evaluate/glossary-file.js';
import { fullTestModels } from '../support/full-models.js';
import { corpus, hasShared, projectRoot, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';

// Full-size models on a busy shared machine: generous, so that only a hang fails.
const patience = 15 * 60_000;

describe('greedy rows held to terms, from the graph’s candidates', () => {
  // Tokens: 1 the end; 10 11 a term; 20 glues onto a word; 30 stands alone.
  const joins = new Uint8Array(40);
  joins[20] = continuesWord;
  const terms: Constraint[] = [[[10, 11]]];
  const constraints: Constraints = { terms: [terms, []], joins };
  const rules = { endIds: new Set([1]), bounds: [{ least: 0, most: 20 }, { least: 0, most: 20 }] };
  const row = (input: number, ...tokens: number[]) => ({ input, hypothesis: { tokens: [0, ...tokens], score: 0 } });
  const choose = (rows: ReturnType<typeof row>[], candidates: { token: number; score: number }[][]) => heldCandidates(candidates, rows, termStates(rows, constraints), constraints, rules);

  it('puts the term in where the model would end, and completes a term the model began', () => {
    expect(choose([row(0, 30)], [[{ token: 1, score: -1 }]])).toEqual([[{ token: 10, score: -1 }]]);
    expect(choose([row(0, 30, 10)], [[{ token: 30, score: -2 }]])).toEqual([[{ token: 11, score: -2 }]]);
    // A row without terms keeps what the graph chose, its end too.
    expect(choose([row(0, 30), row(1, 30)], [[{ token: 30, score: -1 }], [{ token: 1, score: -1 }]])).toEqual([[{ token: 30, score: -1 }], [{ token: 1, score: -1 }]]);
  });

  it('after a term, takes the best candidate that does not glue onto it, asks for more candidates, and asks for the whole scores when all glue', () => {
    const rows = [row(0, 10, 11), row(1, 30)];
    expect(readConstraints([10, 11], terms, joins).closing).toBe(true);
    expect(candidatesNeeded(termStates(rows, constraints), 16)).toBe(16);
    expect(candidatesNeeded(termStates([row(0, 30)], constraints), 16)).toBe(1);
    expect(choose(rows, [[{ token: 20, score: -1 }, { token: 30, score: -2 }], [{ token: 30, score: -1 }]])).toEqual([[{ token: 30, score: -2 }], [{ token: 30, score: -1 }]]);
    expect(choose(rows, [[{ token: 20, score: -1 }], [{ token: 30, score: -1 }]])).toBeUndefined();
    // Every term met and no term just closed: the model's choice, its end included.
    expect(choose([row(0, 10, 11, 30)], [[{ token: 1, score: -1 }]])).toEqual([[{ token: 1, score: -1 }]]);
  });

  it('forces the next term where the room left is just enough for it', () => {
    const tight = { ...rules, bounds: [{ least: 0, most: 4 }] };
    const rows = [row(0, 30, 30)];
    expect(heldCandidates([[{ token: 30, score: -1 }]], rows, termStates(rows, constraints), constraints, tight)).toEqual([[{ token: 10, score: -1 }]]);
  });
});

type Library = typeof import('@huggingface/transformers');

/** A model's decoding thread, its rules, its tokenizer and how it writes terms. */
async function open(directory: string, model: string) {
  const transformers: Library = await import('@huggingface/transformers');
  Object.assign(transformers.env, { allowRemoteModels: false, localModelPath: `${directory}/`, logLevel: transformers.LogLevel.ERROR });
  const tokenizer = await transformers.AutoTokenizer.from_pretrained(model, { local_files_only: true });
  const folder = path.join(directory, model);
  const files = seq2seqSessionFiles('q8');
  const rules = (await readModelConfig(folder)).rules!;
  const thread = await DecoderThread.start({ encoder: path.join(folder, files.encoder), decoder: path.join(folder, files.decoder), threads: 2, label: model });
  const writer = await loadTermTokenizer(transformers, folder, tokenizer);
  return { thread, rules, writer, encode: (text: string) => tokenizer.encode(rules.prefix + text) };
}
type Side = Awaited<ReturnType<typeof open>>;

/** Whether `tokens` hold `sequence` as a run of tokens. */
const holds = (tokens: readonly number[], sequence: readonly number[]) => tokens.some((_, at) => sequence.every((token, index) => tokens[at + index] === token));

/**
 * The three ways' outputs for `texts` held to `terms`: the graph's candidates (16 after a term), the graph's best
 * alone after a term (a step whose best candidate glues reads its whole logits again), and the whole logits throughout.
 */
async function threeWays(side: Side, texts: readonly string[], terms: readonly (readonly string[])[], room: number) {
  const sources = texts.map(side.encode);
  const constraints: Constraints = { terms: terms.map((list) => list.map((term) => side.writer.constraint(term)!)), joins: side.writer.joins };
  const options: DecodeOptions = { ...side.rules, beams: 1, constraints, bounds: sources.map((source) => ({ least: 0, most: source.length + room })) };
  const [inGraph, rereading, whole] = [
    await side.thread.decode(sources, options),
    await side.thread.decode(sources, { ...options, candidatesAfterTerm: 1 }),
    await side.thread.decode(sources, { ...options, wholeLogits: true }),
  ];
  return { inGraph, rereading, whole, constraints };
}

describe('greedy search held to terms on marian-tiny (real onnxruntime): the graph’s candidates and the whole logits agree', () => {
  let side: Side;
  beforeAll(async () => {
    side = await open(await testModels(), 'bitext-test/marian-tiny');
  }, patience);
  afterAll(() => side?.thread.close());

  it('gives the same tokens, every term in its output', async () => {
    const texts = ['Le chat mange.', 'Le chat voit le chien.', 'Le maire parle avec les employés de la ville.', 'La maison.', 'Un chien rouge voit la maison !'];
    const terms = [['dog'], ['cat', 'dog'], ['big house', 'mayor'], [], ['red']];
    const { inGraph, rereading, whole, constraints } = await threeWays(side, texts, terms, 6);
    expect(inGraph).toEqual(whole);
    expect(rereading).toEqual(whole);
    constraints.terms.forEach((list, index) => list.forEach((sequences) => expect(sequences.some((sequence) => holds(whole[index]!, sequence))).toBe(true)));
  }, patience);
});

describe.skipIf(!hasShared)(`greedy search held to the news glossary on the full-size generated Marian${sharedSkipReason}`, () => {
  let side: Side;
  beforeAll(async () => {
    side = await open(await fullTestModels(), 'bitext-test/marian-full');
  }, patience);
  afterAll(() => side?.thread.close());

  it('gives the same tokens from the graph’s candidates as from the whole logits over the corpus’s sentences with terms', async () => {
    const glossary = readGlossaryFile(path.join(projectRoot, 'test/fixtures/glossary/news.tsv'));
    const findTerms = createTermMatcher(glossary.entries);
    const sentences = readdirSync(corpus).sort().flatMap((file) => readFileSync(path.join(corpus, file), 'utf8').split('\n')).flatMap((line) => splitSentences(line))
      .filter((sentence) => findTerms(sentence).length && side.encode(sentence).length <= 40).slice(0, 24);
    const terms = sentences.map((sentence) => [...new Set(findTerms(sentence).map((match) => match.entry.target))].filter((term) => side.writer.constraint(term)));
    expect(terms.flat().length).toBeGreaterThan(20);
    const { inGraph, rereading, whole, constraints } = await threeWays(side, sentences, terms, 12);
    expect(inGraph).toEqual(whole);
    expect(rereading).toEqual(whole);
    constraints.terms.forEach((list, index) => list.forEach((sequences) => expect(sequences.some((sequence) => holds(whole[index]!, sequence))).toBe(true)));
  }, patience);

  it('and where the model begins a term itself, what follows the term (the best piece that does not glue onto it)', async () => {
    // Untrained, this model writes `▁abolish` over and over: a term that begins so is begun by the model at once,
    // completed, and followed by the model's choice with room to spare.
    const sentences = ['Les raids de l’ICE : une situation explosive'];
    const words = ['tax', 'the', 'it', 'House', 'police', 'raids', 'gas', 'rules', 'Paris', 'ICE', 'mayor', 'law', 'war', 'day', 'one', 'and'];
    const terms = sentences.flatMap(() => words.map((word) => [`abolish ${word}`]));
    const texts = sentences.flatMap((sentence) => words.map(() => sentence));
    const { inGraph, rereading, whole, constraints } = await threeWays(side, texts, terms, 12);
    expect(inGraph).toEqual(whole);
    expect(rereading).toEqual(whole);
    const begun = constraints.terms.filter(([sequences], index) => sequences!.some((sequence) => sequence.every((token, at) => whole[index]![at] === token)));
    expect(begun.length).toBeGreaterThan(terms.length / 2);
    constraints.terms.forEach(([sequences], index) => expect(sequences!.some((sequence) => holds(whole[index]!, sequence))).toBe(true));
  }, patience);
});
