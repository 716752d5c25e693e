import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { appendPosition, SelfCache } from '../../src/models/cache.js';
import { choiceFeeds, choosesInGraph, type ChoiceRules } from '../../src/models/choice.js';
import type { Seq2SeqSessions, Tensor, TensorData, TensorType } from '../../src/models/session.js';
import { encodeModel, Graph, int } from '../../scripts/test-models/onnx-graph.js';
import { withChoice } from '../support/choice.js';

const tensor = (type: TensorType, data: TensorData, dims: readonly number[]) => new OrtTensor(type, data as never, dims) as Tensor;

/**
 * A decoder whose cache is an attention layer's: `present` is `past` with one position appended, each row's token
 * id times its head and position within it, so that a row or a position out of place shows.
 */
async function cachingDecoder(withNewest: boolean): Promise<Seq2SeqSessions> {
  const graph = new Graph('decoder');
  const ids = graph.input('input_ids', 'int64', ['rows', 1]);
  const past = graph.input('past_key_values.0.decoder.key', 'float32', ['rows', 2, 'past', 3]);
  const pattern = graph.constant('pattern', 'float32', [1, 2, 1, 3], Float32Array.of(1, 2, 3, 10, 20, 30));
  const token = graph.op('Reshape', [graph.op('Cast', [ids], { to: int(1) }), graph.ints('shape', [-1, 1, 1, 1])]);
  graph.output('present.0.decoder.key', graph.op('Concat', [past, graph.op('Mul', [token, pattern])], { axis: int(2) }), 'float32', ['rows', 2, 'present', 3]);
  graph.output('logits', graph.op('Expand', [graph.constant('zeros', 'float32', [1, 1, 4], new Float32Array(4)), graph.op('Concat', [graph.op('Shape', [ids]), graph.ints('vocabulary', [4])], { axis: int(0) })]), 'float32', ['rows', 1, 4]);
  const model = encodeModel(graph);
  const decoder = await InferenceSession.create(withNewest ? await withChoice(model) : model);
  return { encoder: decoder, decoder, tensor };
}

const rules: ChoiceRules = { beams: 1, bounds: [], banned: [], endIds: new Set([0]), repetitionPenalty: 1, noRepeatNgram: 0, renormalize: false };

/** The cache after feeding `tokens[step]` (one per row) at each step, rows kept as `parents[step]` say. */
async function cacheAfter(withNewest: boolean, tokens: number[][], parents: (number[] | undefined)[]): Promise<number[]> {
  const sessions = await cachingDecoder(withNewest);
  const cache = new SelfCache(sessions, tokens[0]!.length);
  for (const [step, fed] of tokens.entries()) {
    const feeds = { ...cache.feeds, input_ids: tensor('int64', BigInt64Array.from(fed, BigInt), [fed.length, 1]) };
    // The choice is not read here: it is fed the least work.
    const rows = fed.map((token, input) => ({ input, hypothesis: { tokens: [token], score: 0 } }));
    const choice = choosesInGraph(sessions.decoder) ? choiceFeeds(sessions, rows, rules, false) : {};
    const outputs = await sessions.decoder.run({ ...feeds, ...choice }, cache.fetches);
    cache.update(outputs, parents[step]);
  }
  return [...(cache.feeds['past_key_values.0.decoder.key']!.data as Float32Array)];
}

describe('the decoder’s own cache', () => {
  it('is the same rebuilt from each step’s newest position as taken whole from each step’s present, rows reordered and dropped', async () => {
    const tokens = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11]];
    const parents = [undefined, [2, 0, 0], [1, 2], undefined];
    const whole = await cacheAfter(false, tokens, parents);
    expect(await cacheAfter(true, tokens, parents)).toEqual(whole);
    // Two rows of two heads, four positions of three numbers; the first row's tokens: 1 and 4 (row 0, then the
    // second row), 8 (the second row, then the first), 10.
    expect(whole).toHaveLength(2 * 2 * 4 * 3);
    expect(whole.slice(0, 12)).toEqual([1, 2, 3, 4, 8, 12, 8, 16, 24, 10, 20, 30]);
  });

  it('fetches only the newest position when the graph gives it', async () => {
    const sessions = await cachingDecoder(true);
    expect(new SelfCache(sessions, 1).fetches).toEqual(['newest.0.decoder.key']);
    expect(new SelfCache(await cachingDecoder(false), 1).fetches).toEqual(['present.0.decoder.key']);
  });
});

describe('appendPosition', () => {
  it('keeps rows `parents`, in that order, each with its newest position after its past', () => {
    const past = tensor('float32', Float32Array.of(1, 2, 3, 4), [2, 1, 2, 1]);
    const newest = tensor('float32', Float32Array.of(5, 6), [2, 1, 1]);
    const appended = appendPosition({ tensor } as Seq2SeqSessions, past, newest, [1, 1, 0], new Float32Array(20));
    expect(appended.dims).toEqual([3, 1, 3, 1]);
    expect([...(appended.data as Float32Array)]).toEqual([3, 4, 6, 3, 4, 6, 1, 2, 5]);
  });
});
