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
import type { Candidate } from '../../src/models/next-token.js';
import { termStep } from '../../src/models/held-rows.js';
import { readModelConfig } from '../../src/models/model-config.js';
import { loadTermTokenizer } from '../../src/models/term-tokens.js';
import { splitSentences } from '../../src/text/sentences.js';
import { readGlossaryFile } from '../../scripts/evaluate/glossary-file.js';
import { fullTestModels } from '../support/full-models.js';
import { corpus, hasShared, projectRoot, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';

// Full-size models on a busy shared machine: generous, so that only a hang fails.
const patience = 15 * 60_000;

describe('rows held to terms, from the graph’s candidates', () => {
  // Tokens: 1 the end; 10 11 a term; 20 glues onto a word; 30 and 31 stand alone.
  const joins = new Uint8Array(40);
  joins[20] = continuesWord;
  const terms: Constraint[] = [[[10, 11]]];
  const constraints: Constraints = { terms: [terms, []], joins };
  const rules = { beams: 1, banned: [], endIds: new Set([1]), repetitionPenalty: 1, noRepeatNgram: 0, bounds: [{ least: 0, most: 20 }, { least: 0, most: 20 }] };
  const row = (input: number, ...tokens: number[]) => ({ input, hypothesis: { tokens: [0, ...tokens], score: 0 } });
  const candidate = (token: number, score: number) => ({ token, score });
  const choose = (rows: ReturnType<typeof row>[], candidates: Candidate[][], settings = rules) => termStep(rows, constraints, settings, 16).candidates(candidates, new Float32Array(rows.length));

  describe('greedy search', () => {
    it('puts the term in where the model would end, and completes a term the model began', () => {
      expect(choose([row(0, 30)], [[candidate(1, -1)]])).toEqual([[candidate(10, -1)]]);
      expect(choose([row(0, 30, 10)], [[candidate(30, -2)]])).toEqual([[candidate(11, -2)]]);
      // A row without terms keeps what the graph chose, its end too.
      expect(choose([row(0, 30), row(1, 30)], [[candidate(30, -1)], [candidate(1, -1)]])).toEqual([[candidate(30, -1)], [candidate(1, -1)]]);
    });

    it('after a term, takes the best candidate that does not glue onto it, asks for more candidates, and asks for the whole scores when all glue', () => {
      const rows = [row(0, 10, 11), row(1, 30)];
      expect(readConstraints([10, 11], terms, joins).closing).toBe(true);
      expect(termStep(rows, constraints, rules, 16).least).toBe(16);
      expect(termStep([row(0, 30)], constraints, rules, 16).least).toBe(1);
      expect(choose(rows, [[candidate(20, -1), candidate(30, -2)], [candidate(30, -1)]])).toEqual([[candidate(30, -2)], [candidate(30, -1)]]);
      expect(choose(rows, [[candidate(20, -1)], [candidate(30, -1)]])).toBeUndefined();
      // Every term met and no term just closed: the model's choice, its end included.
      expect(choose([row(0, 10, 11, 30)], [[candidate(1, -1)]])).toEqual([[candidate(1, -1)]]);
    });

    it('forces the next term where the room left is just enough for it', () => {
      const tight = { ...rules, bounds: [{ least: 0, most: 4 }] };
      expect(choose([row(0, 30, 30)], [[candidate(30, -1)]], tight)).toEqual([[candidate(10, -1)]]);
    });
  });

  describe('beam search (2 beams: 4 candidates ranked)', () => {
    const beams = { ...rules, beams: 2 };
    const none = new Float32Array(2);
    const watched = (...scores: number[]) => Float32Array.from(scores);

    it('watches the token a row would be forced to, asks for enough candidates, and forces it at its own score', () => {
      const step = termStep([row(0, 30), row(1, 30)], constraints, beams, 16);
      // 4 ranked, and the end token dropped while a term is missing.
      expect(step.least).toBe(5);
      expect(step.watch).toEqual([10, undefined]);
      const other = [candidate(30, -1), candidate(31, -2), candidate(32, -3), candidate(33, -4), candidate(34, -5)];
      // Not forced: the end token dropped, the first four kept.
      expect(step.candidates([[candidate(30, -1), candidate(1, -1.5), candidate(31, -2), candidate(32, -3), candidate(33, -4)], other], watched(-9, 0))).toEqual([
        [candidate(30, -1), candidate(31, -2), candidate(32, -3), candidate(33, -4)], other,
      ]);
      // The model prefers to end: the term goes in, at its own score, alone.
      expect(step.candidates([[candidate(1, -0.5), candidate(30, -1), candidate(31, -2), candidate(32, -3), candidate(33, -4)], other], watched(-7.25, 0))).toEqual([[candidate(10, -7.25)], other]);
    });

    it('completes a term at its own score, and after it drops what glues; too few left: the whole scores', () => {
      const begun = termStep([row(0, 30, 10)], constraints, beams, 16);
      expect(begun.watch).toEqual([11]);
      expect(begun.candidates([[candidate(30, -1), candidate(31, -2), candidate(32, -3), candidate(33, -4), candidate(34, -5)]], watched(-9))).toEqual([[candidate(11, -9)]]);
      const closed = termStep([row(0, 10, 11)], constraints, beams, 0);
      expect(closed.least).toBe(5);
      expect(closed.watch).toEqual([undefined]);
      expect(closed.candidates([[candidate(20, -1), candidate(30, -2), candidate(1, -3), candidate(31, -4), candidate(32, -5)]], none)).toEqual([[candidate(30, -2), candidate(1, -3), candidate(31, -4), candidate(32, -5)]]);
      expect(closed.candidates([[candidate(20, -1), candidate(20, -2), candidate(30, -3), candidate(20, -4), candidate(31, -6)]], none)).toBeUndefined();
      // Fewer candidates than asked: they are every token the rules allow, and those left stand.
      expect(closed.candidates([[candidate(20, -1), candidate(30, -2)]], none)).toEqual([[candidate(30, -2)]]);
    });

    it('leaves a forced token the rules forbid to the whole scores (there it takes the row’s lowest score)', () => {
      const step = termStep([row(0, 30)], constraints, beams, 16);
      expect(step.candidates([[candidate(1, -0.5), candidate(30, -1), candidate(31, -2), candidate(32, -3), candidate(33, -4)]], watched(-Infinity))).toBeUndefined();
    });
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
 * The three ways' outputs for `texts` held to `terms`: the graph's candidates (16 more after a term), as few as can
 * be after a term (a step whose candidates all glue reads its whole logits again), and the whole logits throughout.
 */
async function threeWays(side: Side, texts: readonly string[], terms: readonly (readonly string[])[], room: number, beams = 1) {
  const sources = texts.map(side.encode);
  const constraints: Constraints = { terms: terms.map((list) => list.map((term) => side.writer.constraint(term)!)), joins: side.writer.joins };
  const options: DecodeOptions = { ...side.rules, beams, constraints, bounds: sources.map((source) => ({ least: 0, most: source.length + room })) };
  const [inGraph, rereading, whole] = [
    await side.thread.decode(sources, options),
    await side.thread.decode(sources, { ...options, candidatesAfterTerm: beams === 1 ? 1 : 0 }),
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

  it.each([1, 3])('gives the same tokens, every term in its output (beams %i)', async (beams) => {
    const texts = ['Le chat mange.', 'Le chat voit le chien.', 'Le maire parle avec les employés de la ville.', 'La maison.', 'Un chien rouge voit la maison !'];
    const terms = [['dog'], ['cat', 'dog'], ['big house', 'mayor'], [], ['red']];
    const { inGraph, rereading, whole, constraints } = await threeWays(side, texts, terms, 6, beams);
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

  it.each([1, 4])('gives the same tokens from the graph’s candidates as from the whole logits over the corpus’s sentences with terms (beams %i)', async (beams) => {
    const glossary = readGlossaryFile(path.join(projectRoot, 'test/fixtures/glossary/news.tsv'));
    const findTerms = createTermMatcher(glossary.entries);
    const sentences = readdirSync(corpus).sort().flatMap((file) => readFileSync(path.join(corpus, file), 'utf8').split('\n')).flatMap((line) => splitSentences(line))
      .filter((sentence) => findTerms(sentence).length && side.encode(sentence).length <= 40).slice(0, 24);
    const terms = sentences.map((sentence) => [...new Set(findTerms(sentence).map((match) => match.entry.target))].filter((term) => side.writer.constraint(term)));
    expect(terms.flat().length).toBeGreaterThan(20);
    const { inGraph, rereading, whole, constraints } = await threeWays(side, sentences, terms, 12, beams);
    expect(inGraph).toEqual(whole);
    expect(rereading).toEqual(whole);
    constraints.terms.forEach((list, index) => list.forEach((sequences) => expect(sequences.some((sequence) => holds(whole[index]!, sequence))).toBe(true)));
  }, patience);

  it.each([1, 4])('and where the model begins a term itself, what follows the term (the best piece that does not glue onto it; beams %i)', async (beams) => {
    // Untrained, this model writes `▁abolish` over and over: a term that begins so is begun by the model at once,
    // completed, and followed by the model's choice with room to spare.
    const sentences = ['Les raids de l’ICE : une situation explosive'];
    const words = ['tax', 'the', 'it', 'House', 'police', 'raids', 'gas', 'rules', 'Paris', 'ICE', 'mayor', 'law', 'war', 'day', 'one', 'and'];
    const terms = sentences.flatMap(() => words.map((word) => [`abolish ${word}`]));
    const texts = sentences.flatMap((sentence) => words.map(() => sentence));
    const { inGraph, rereading, whole, constraints } = await threeWays(side, texts, terms, 12, beams);
    expect(inGraph).toEqual(whole);
    expect(rereading).toEqual(whole);
    // Greedy search begins most of them at once; beam search, weighing every continuation, need not.
    const begun = constraints.terms.filter(([sequences], index) => sequences!.some((sequence) => sequence.every((token, at) => whole[index]![at] === token)));
    if (beams === 1) expect(begun.length).toBeGreaterThan(terms.length / 2);
    constraints.terms.forEach(([sequences], index) => expect(sequences!.some((sequence) => holds(whole[index]!, sequence))).toBe(true));
  }, patience);
});
