/**
 * The choice in the graph against the choice in JavaScript, step by step, on logits the test chooses: a decoder whose
 * logits are its input, with the choice appended (real onnxruntime). Ties, positive and negative logits, forbidden,
 * penalized and forced tokens, and rows with nothing left to choose all give the same candidates either way.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { choiceFragment, writeWithChoice } from '../../src/models/choice-graph.js';
import { choiceFeeds, choosesInGraph, graphCandidates, rowScores, scoreCandidates, type ChoiceRules, type Row } from '../../src/models/choice.js';
import type { Seq2SeqSessions, Tensor, TensorData, TensorType } from '../../src/models/session.js';
import { encodeModel, Graph } from '../../scripts/test-models/onnx-graph.js';
import { outlineOf, withChoice } from '../support/choice.js';
import { temporaryFolder } from '../support/temporary.js';

const vocabulary = 12;

/** A decoder model whose `logits` output is its `scores` input, in the given opset. */
function passThrough(opset = 17, output = 'logits'): Uint8Array {
  const graph = new Graph('pass-through');
  const scores = graph.input('scores', 'float32', ['rows', 1, vocabulary]);
  graph.output(output, graph.op('Identity', [scores]), 'float32', ['rows', 1, vocabulary]);
  const model = onnxProto.onnx.ModelProto.decode(encodeModel(graph));
  model.opsetImport[0]!.version = opset;
  return onnxProto.onnx.ModelProto.encode(model).finish();
}

async function sessionsWithChoice(): Promise<Seq2SeqSessions> {
  const decoder = await InferenceSession.create(await withChoice(passThrough()));
  const tensor = (type: TensorType, data: TensorData, dims: readonly number[]) => new OrtTensor(type, data as never, dims) as Tensor;
  return { encoder: decoder, decoder, tensor };
}

// Rows of logits with ties (5 twice, 2 three times), positive and negative values, and one with every token even.
const logits = [
  [2, 5, -1, 5, 0.5, -3, 2, 1, -0.5, 2, 4, -2],
  [-1, -2, -0.5, -4, 3, 3, -1, 0, 1, -2, 0.25, 1],
  [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  [0.3, -0.2, 1.7, 1.7, -5, 0, 2.2, -1, 0.9, 0.1, -0.7, 1.1],
  [4, -1, 0, 2, 1, -2, 3, 0.5, -0.5, 1.5, -3, 2.5],
];
const row = (input: number, tokens: number[]): Row => ({ input, hypothesis: { tokens, score: 0 } });
// Histories: one that repeats (penalized tokens, a repeated bigram), one at its first token, one at its bound, one
// finished (no row), one whose least length forbids its end token (and whose rules are fewer than the first row's).
const rows: (Row | undefined)[] = [row(0, [11, 3, 1, 3]), row(1, [11]), row(2, [11, 4, 6, 7, 8]), undefined, row(4, [11])];
const bounds = [{ least: 0, most: 10 }, { least: 0, most: 10 }, { least: 0, most: 4 }, { least: 0, most: 10 }, { least: 3, most: 10 }];
const base: ChoiceRules = { beams: 1, bounds, banned: [11], endIds: new Set([0]), repetitionPenalty: 1, noRepeatNgram: 0, renormalize: false };

describe('the choice in the graph', () => {
  it.each<[string, Partial<ChoiceRules>]>([
    ['greedy search', {}],
    ['greedy search with a repetition penalty (logits above and below 0) and no repeated bigram', { repetitionPenalty: 1.7, noRepeatNgram: 2 }],
    ['greedy search with a forced first token', { forcedFirst: 7 }],
    ['beam search', { beams: 2 }],
    ['beam search, renormalized after the rules (Marian’s)', { beams: 2, renormalize: true, noRepeatNgram: 2 }],
    ['beam search with a penalty, renormalized', { beams: 3, renormalize: true, repetitionPenalty: 1.3 }],
    ['beam search with a penalty and two end tokens, one forced at the bound', { beams: 2, repetitionPenalty: 2, endIds: new Set([0, 10]), renormalize: true }],
    ['beam search with every token banned: no candidates, but for the row at its bound', { beams: 2, banned: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }],
  ])('%s: the same tokens as from the whole logits, and the same scores to float precision', async (_, rules) => {
    const sessions = await sessionsWithChoice();
    const options = { ...base, ...rules };
    const flat = Float32Array.from(logits.flat());
    const outputs = await sessions.decoder.run({ scores: sessions.tensor('float32', flat, [logits.length, 1, vocabulary]), ...choiceFeeds(sessions, rows, options) }, ['choice.scores', 'choice.tokens']);
    const inGraph = graphCandidates(outputs, rows, options);
    const whole = scoreCandidates(rowScores({ type: 'float32', data: Float32Array.from(flat), dims: [logits.length, 1, vocabulary] }, rows, options), options);
    expect(inGraph.map((candidates) => candidates?.map(({ token }) => token))).toEqual(whole.map((candidates) => candidates?.map(({ token }) => token)));
    inGraph.forEach((candidates, index) => candidates?.forEach(({ score }, rank) => {
      const expected = whole[index]![rank]!.score;
      if (expected === -Infinity) expect(score).toBe(-Infinity);
      else expect(score).toBeCloseTo(expected, 5);
    }));
    // Rows where the model's scores choose give every candidate asked for: the comparison is not of empty lists.
    if (rules.beams && !rules.banned) expect(inGraph[0]).toHaveLength(rules.endIds?.size === 2 ? 6 : 2 * rules.beams);
  });

  it('takes the lower token first among equal scores, as JavaScript does', async () => {
    const sessions = await sessionsWithChoice();
    const options = { ...base, beams: 4, banned: [] };
    const even = Float32Array.from(logits.flat());
    const outputs = await sessions.decoder.run({ scores: sessions.tensor('float32', even, [logits.length, 1, vocabulary]), ...choiceFeeds(sessions, rows, options) }, ['choice.scores', 'choice.tokens']);
    expect(graphCandidates(outputs, rows, options)[1]!.map(({ token }) => token)).toEqual([4, 5, 8, 11, 10, 7, 2, 0]);
  });
});

describe('a decoder that cannot take the choice', () => {
  it.each([
    ['an opset before 11', passThrough(10)],
    ['no `logits` output', passThrough(17, 'scores_out')],
  ])('is left as it is when it has %s', async (_, model) => {
    expect(choiceFragment(await outlineOf(model))).toBeUndefined();
  });

  it('is copied with the choice from its file when it can, and the copy chooses in the graph', async () => {
    const folder = temporaryFolder('bitext-choice');
    const [file, copies] = [path.join(folder, 'decoder.onnx'), mkdtempSync(path.join(folder, 'copies-'))];
    writeFileSync(file, passThrough());
    const session = await InferenceSession.create((await writeWithChoice(file, copies))!);
    expect(choosesInGraph(session)).toBe(true);
    writeFileSync(file, passThrough(10));
    expect(await writeWithChoice(file, copies)).toBeUndefined();
  });
});
