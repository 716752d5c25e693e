/**
 * bitext's own decoding loop over a seq2seq model's ONNX sessions in the Optimum layout: `encoder_model` once, then
 * `decoder_model_merged` one token at a time with its key/value cache. Unlike Transformers.js's `generate()`, a row
 * leaves the batch the step it ends — its cache rows are dropped — so a batch costs what its live rows cost, not
 * its longest row times its size. Beam search keeps `beams` rows per input and reorders the cache the same way.
 */
import { BeamSearch } from './beam-search.js';
import { choiceFeeds, choosesInGraph, graphCandidates, rowScores, scoreCandidates, stepFetches, type Row } from './choice.js';
import type { BeamRules, Candidate, LengthBounds, ScoreRules } from './next-token.js';
import type { Seq2SeqSessions, Tensor, TensorData, TensorType } from './session.js';

export type { Seq2SeqSessions, Session, Tensor, TensorType } from './session.js';

export interface DecodeOptions extends ScoreRules, BeamRules {
  beams: number;
  startId: number;
  padId: number;
  /**
   * The longest sequence the decoder reads, its start token included: the model's `max_position_embeddings`. No row
   * runs past it whatever `bounds` say, and each row ends at its bound even if the model never gives its end token.
   */
  maxLength: number;
  /** Each input's length bounds. */
  bounds: readonly LengthBounds[];
  /**
   * Choose each step's tokens from the whole logits in JavaScript even when the decoder's graph can choose
   * (`choice.ts`): for rules that read every score. Slower; the same tokens.
   */
  wholeLogits?: boolean;
}

/**
 * Finished rows leave the batch once they are this share of it. Copying the cache without them costs about what a
 * few rows' decoding steps do; on the bench's sentences, waiting for a quarter was as fast as dropping each row the
 * step it ends, or a few percent faster (within the machine's noise).
 */
const compactShare = 0.25;

/** Generates for `sources` (token ids, end token included): each input's tokens, start and end tokens left out. */
export async function decode(sessions: Seq2SeqSessions, sources: readonly (readonly number[])[], settings: DecodeOptions): Promise<number[][]> {
  if (!sources.length) return [];
  const options = { ...settings, bounds: cappedBounds(settings) };
  const width = Math.max(...sources.map((source) => source.length));
  const ids = new BigInt64Array(sources.length * width).fill(BigInt(options.padId));
  const mask = new BigInt64Array(sources.length * width);
  sources.forEach((source, row) => source.forEach((token, column) => {
    ids[row * width + column] = BigInt(token);
    mask[row * width + column] = 1n;
  }));
  const dims = [sources.length, width];
  const encoderFeeds = { input_ids: sessions.tensor('int64', ids, dims), attention_mask: sessions.tensor('int64', mask, dims) };
  const encoded = await sessions.encoder.run(pick(encoderFeeds, sessions.encoder.inputNames), ['last_hidden_state']);

  // What the decoder reads besides the new tokens: the encoder's output and the cache, one row per decoder row.
  let state: Record<string, Tensor> = {
    encoder_hidden_states: encoded['last_hidden_state']!,
    encoder_attention_mask: encoderFeeds.attention_mask,
    ...emptyCache(sessions, sources.length),
  };
  // A finished row keeps its place (fed padding, its output unread) until enough rows have finished to be worth
  // copying the cache without them.
  let rows: (Row | undefined)[] = sources.map((_, input) => ({ input, hypothesis: { tokens: [options.startId], score: 0 } }));
  const outputs: number[][] = sources.map(() => []);
  const buffers = new Map<string, TensorData>();
  const searches = sources.map(() => new BeamSearch(options.beams, options.endIds, options));
  const withChoice = choosesInGraph(sessions.decoder);
  const inGraph = withChoice && !options.wholeLogits;
  const fetches = stepFetches(sessions.decoder, inGraph);

  for (let step = 0; rows.some(Boolean); step++) {
    const feeds = {
      ...state,
      input_ids: sessions.tensor('int64', BigInt64Array.from(rows, (row) => BigInt(row?.hypothesis.tokens.at(-1) ?? options.padId)), [rows.length, 1]),
      use_cache_branch: sessions.tensor('bool', Uint8Array.of(step > 0 ? 1 : 0), [1]),
      ...(withChoice ? choiceFeeds(sessions, rows, options, inGraph) : {}),
    };
    const result = await sessions.decoder.run(pick(feeds, sessions.decoder.inputNames), fetches);
    const candidates = inGraph ? graphCandidates(result, rows, options) : scoreCandidates(rowScores(result['logits']!, rows, options), options);
    let next = options.beams === 1 ? greedyStep(rows, candidates, options, outputs) : beamStep(rows, candidates, searches, options.bounds, outputs);
    for (const [name, value] of Object.entries(result)) {
      if (!name.startsWith('present.')) continue;
      // Once cached, the cross-attention keys and values come back as empty placeholders: keep the first step's.
      if (step > 0 && name.includes('.encoder.')) continue;
      state[name.replace('present.', 'past_key_values.')] = value;
    }
    const finished = next.filter((item) => !item.row).length;
    const reordered = next.some((item, index) => item.parent !== index) || next.length !== rows.length;
    if (reordered || (finished && finished >= next.length * compactShare)) {
      next = next.filter((item) => item.row);
      const parents = next.map((item) => item.parent);
      // What comes from the encoder is the same for every beam of an input: when each row still reads the input
      // it read before (beams reordered within their inputs), only the decoder's own cache moves.
      const sameInputs = parents.length === rows.length && next.every((item, index) => item.row!.input === rows[index]!.input);
      const gather = (name: string, value: Tensor) => {
        // The decoder's own cache is this step's output, so it may go into the buffer the last reorder wrote: that
        // step has run. What comes from the encoder may be a reorder's buffer itself, so it goes into new memory.
        if (name.startsWith('past_key_values.') && name.includes('.decoder.')) return gatherRows(sessions, value, parents, reorderBuffer(buffers, name, value, parents.length));
        return sameInputs ? value : gatherRows(sessions, value, parents);
      };
      if (parents.length) state = Object.fromEntries(Object.entries(state).map(([name, value]) => [name, gather(name, value)]));
    }
    rows = next.map((item) => item.row);
  }
  return outputs;
}

/**
 * Each input's bounds within the model's length limit. The decoder reads the start token and every generated token
 * but the last, so at most `maxLength - 1` tokens come before the end token. Without this cap, a model with no end
 * token it ever gives (or none the rules can force) would decode forever.
 */
function cappedBounds(options: DecodeOptions): LengthBounds[] {
  if (!Number.isInteger(options.maxLength) || options.maxLength < 1) {
    throw new Error(`the decoding loop needs the model's length limit, a whole number from 1 up; got ${options.maxLength}`);
  }
  const cap = options.maxLength - 1;
  return options.bounds.map(({ least, most }) => {
    // A bound that is not a number (a settings bug) must not lift the cap: `generated >= NaN` is never true.
    const capped = most >= 0 ? Math.min(most, cap) : Number.isNaN(most) ? cap : 0;
    return { least: Math.min(least, capped), most: capped };
  });
}

/** Whether `row` holds as many tokens as its bound allows: whatever the model gives next, the row ends. */
function atBound(row: Row, bounds: readonly LengthBounds[]): boolean {
  return row.hypothesis.tokens.length - 1 >= bounds[row.input]!.most;
}

/**
 * Greedy: each row takes its best token; a row that ends (its end token, or its bound reached, where the rules allow
 * only the end token if the model has one) has its output written and stays, finished, in place.
 */
function greedyStep(rows: readonly (Row | undefined)[], candidates: readonly (Candidate[] | undefined)[], options: DecodeOptions, outputs: number[][]) {
  return rows.map((row, parent) => {
    if (!row) return { row, parent };
    // No candidate: the rules allow nothing (a bound with no end token to force), and the row ends.
    const token = candidates[parent]![0]?.token;
    if (token !== undefined && !options.endIds.has(token) && !atBound(row, options.bounds)) {
      return { row: { input: row.input, hypothesis: { tokens: [...row.hypothesis.tokens, token], score: 0 } }, parent };
    }
    outputs[row.input] = row.hypothesis.tokens.slice(1);
    return { row: undefined, parent };
  });
}

/**
 * Beam search: each input's rows (consecutive, all of one length) are ranked together; a finished input leaves the
 * batch, as does one at its bound, whose forced end tokens (if any) have just finished its hypotheses.
 */
function beamStep(rows: readonly (Row | undefined)[], candidates: readonly (Candidate[] | undefined)[], searches: readonly BeamSearch[], bounds: readonly LengthBounds[], outputs: number[][]) {
  const next: { row: Row | undefined; parent: number }[] = [];
  for (let first = 0; first < rows.length;) {
    const input = rows[first]!.input;
    let end = first;
    while (end < rows.length && rows[end]!.input === input) end++;
    const group = rows.slice(first, end) as Row[];
    const live = searches[input]!.step(group.map((row) => row.hypothesis), candidates.slice(first, end) as Candidate[][]);
    if (live.length && !atBound(group[0]!, bounds)) {
      for (const { hypothesis, parent } of live) next.push({ row: { input, hypothesis }, parent: first + parent });
    } else {
      const best = searches[input]!.best(group[0]!.hypothesis)!;
      const tokens = best.tokens.slice(1);
      outputs[input] = searches[input]!.finished.includes(best) ? tokens.slice(0, -1) : tokens;
    }
    first = end;
  }
  return next;
}

/** The decoder's cache inputs, empty (no past tokens), for `rows` rows; their shapes come from the session. */
function emptyCache(sessions: Seq2SeqSessions, rows: number): Record<string, Tensor> {
  const cache: Record<string, Tensor> = {};
  for (const input of sessions.decoder.inputMetadata) {
    if (!input.name.startsWith('past_key_values.')) continue;
    // `[batch, heads, past length, head size]`: the batch is `rows`, the length 0, the rest as declared.
    const dims = (input.shape ?? []).map((dim, axis) => (axis === 0 ? rows : typeof dim === 'number' ? dim : 0));
    const type = input.type === 'float16' ? 'float16' : 'float32';
    cache[input.name] = sessions.tensor(type, type === 'float16' ? new Uint16Array(0) : new Float32Array(0), dims);
  }
  return cache;
}

/** A tensor made of rows `parents` of `tensor` (its first axis), in that order; written at the start of `into` if given. */
export function gatherRows(sessions: Seq2SeqSessions, tensor: Tensor, parents: readonly number[], into?: TensorData): Tensor {
  const data = tensor.data as TensorData;
  const size = tensor.dims[0] ? data.length / tensor.dims[0] : 0;
  const gathered = into ? into.subarray(0, parents.length * size) : new (data.constructor as new (length: number) => TensorData)(parents.length * size);
  parents.forEach((parent, row) => gathered.set(data.subarray(parent * size, (parent + 1) * size) as never, row * size));
  return sessions.tensor(tensor.type as TensorType, gathered, [parents.length, ...tensor.dims.slice(1)]);
}

/**
 * The buffer the decoder's cache `name` is reordered into, kept from step to step and grown by half when too small.
 * Every step's cache comes out of onnxruntime in new memory (see `decoder-thread.ts`); reordering it into new memory
 * as well doubled the garbage, and the collections took a tenth of a beam search. A buffer fed to a step is free
 * again once the step has run, when the next reorder writes it.
 */
function reorderBuffer(buffers: Map<string, TensorData>, name: string, tensor: Tensor, rows: number): TensorData {
  const data = tensor.data as TensorData;
  const needed = tensor.dims[0] ? (data.length / tensor.dims[0]) * rows : 0;
  let buffer = buffers.get(name);
  if (!buffer || buffer.constructor !== data.constructor || buffer.length < needed) {
    buffer = new (data.constructor as new (length: number) => TensorData)(Math.ceil(needed * 1.5));
    buffers.set(name, buffer);
  }
  return buffer;
}

/** The feeds a session declares, and only those (a graph may not read every input of the Optimum layout). */
function pick(feeds: Record<string, Tensor>, names: readonly string[]): Record<string, Tensor> {
  const picked: Record<string, Tensor> = {};
  for (const name of names) {
    if (!feeds[name]) throw new Error(`the decoding loop has no value for the model's input \`${name}\``);
    picked[name] = feeds[name];
  }
  return picked;
}
