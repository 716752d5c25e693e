/**
 * bitext's own decoding loop over a seq2seq model's ONNX sessions in the Optimum layout: `encoder_model` once, then
 * `decoder_model_merged` one token at a time with its key/value cache. Unlike Transformers.js's `generate()`, a row
 * leaves the batch the step it ends — its cache rows are dropped — so a batch costs what its live rows cost, not
 * its longest row times its size. Beam search keeps `beams` rows per input and reorders the cache the same way.
 */
import { BeamSearch } from './beam-search.js';
import { Buffers, emptyCache, gatherRows, isSelfCache, SelfCache } from './cache.js';
import type { Constraints } from './constraints.js';
import { heldScores, termStep } from './held-rows.js';
import { choiceFeeds, choosesInGraph, graphCandidates, rowScores, scoreCandidates, stepFetches, watchedScores, type Row } from './choice.js';
import type { BeamRules, Candidate, LengthBounds, ScoreRules } from './next-token.js';
import type { Seq2SeqSessions, Tensor, TensorData } from './session.js';

export { gatherRows } from './cache.js';
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
  /** Terms each input's output must hold (`constraints.ts`); without, or with none, decoding is as if there were none. */
  constraints?: Constraints;
  /**
   * How many candidates the graph gives a row that has just completed a term (greedy search; beam search: this many
   * more than it ranks), so that the best not glued onto it is among them (`held-rows.ts`; tests lower it).
   */
  candidatesAfterTerm?: number;
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

  // What the decoder reads besides the new tokens and its own cache: the encoder's output and the cross-attention
  // cache (made at the first step), one row per decoder row.
  let encoderState: Record<string, Tensor> = {
    encoder_hidden_states: encoded['last_hidden_state']!,
    encoder_attention_mask: encoderFeeds.attention_mask,
    ...emptyCache(sessions.decoder, sessions, sources.length, (name) => !isSelfCache(name)),
  };
  const cache = new SelfCache(sessions, sources.length);
  const buffers = new Buffers();
  // A finished row keeps its place (fed padding, its output unread) until enough rows have finished to be worth
  // copying the cache without them.
  let rows: (Row | undefined)[] = sources.map((_, input) => ({ input, hypothesis: { tokens: [options.startId], score: 0 } }));
  const outputs: number[][] = sources.map(() => []);
  const searches = sources.map(() => new BeamSearch(options.beams, options.endIds, options));
  const withChoice = choosesInGraph(sessions.decoder);
  const constrained = options.constraints?.terms.some((terms) => terms.length) ? options.constraints : undefined;
  // Rows held to terms choose from the graph's candidates too (`held-rows.ts`).
  const inGraph = withChoice && !options.wholeLogits;
  // The cross-attention cache comes out once: later steps give empty placeholders for it.
  const crossCache = (sessions.decoder.outputNames ?? []).filter((name) => name.startsWith('present.') && !name.includes('.decoder.'));
  const fetches = [...stepFetches(inGraph), ...cache.fetches];

  for (let step = 0; rows.some(Boolean); step++) {
    const held = constrained && inGraph ? termStep(rows, constrained, options, options.candidatesAfterTerm) : undefined;
    const feeds = {
      ...encoderState,
      ...cache.feeds,
      input_ids: sessions.tensor('int64', BigInt64Array.from(rows, (row) => BigInt(row?.hypothesis.tokens.at(-1) ?? options.padId)), [rows.length, 1]),
      use_cache_branch: sessions.tensor('bool', Uint8Array.of(step > 0 ? 1 : 0), [1]),
      ...(withChoice ? choiceFeeds(sessions, rows, options, inGraph, held) : {}),
    };
    const picked = pick(feeds, sessions.decoder.inputNames);
    let result = await sessions.decoder.run(picked, step ? fetches : [...fetches, ...crossCache]);
    let candidates = inGraph ? graphCandidates(result, rows, options) : undefined;
    if (candidates && held) candidates = held.candidates(candidates, watchedScores(result));
    if (!candidates) {
      // A row's candidates could not tell what its terms allow (rare): the same step again, its whole logits out.
      if (inGraph) result = await sessions.decoder.run(picked, ['logits', ...cache.fetches, ...(step ? [] : crossCache)]);
      const scores = rowScores(result['logits']!, rows, options);
      candidates = scoreCandidates(constrained ? heldScores(scores, rows, constrained, options) : scores, options);
    }
    let next = options.beams === 1 ? greedyStep(rows, candidates, options, outputs) : beamStep(rows, candidates, searches, options.bounds, outputs);
    if (step === 0) {
      for (const [name, value] of Object.entries(result)) {
        if (name.startsWith('present.') && !name.includes('.decoder.')) encoderState[name.replace('present.', 'past_key_values.')] = value;
      }
    }
    const finished = next.filter((item) => !item.row).length;
    const reordered = next.some((item, index) => item.parent !== index) || next.length !== rows.length;
    let parents: number[] | undefined;
    if (reordered || (finished && finished >= next.length * compactShare)) {
      next = next.filter((item) => item.row);
      parents = next.map((item) => item.parent);
      // What comes from the encoder is the same for every beam of an input: when each row still reads the input
      // it read before (beams reordered within their inputs), only the decoder's own cache moves.
      const sameInputs = parents.length === rows.length && next.every((item, index) => item.row!.input === rows[index]!.input);
      const gather = ([name, value]: [string, Tensor]) => {
        const data = value.data as TensorData;
        return [name, gatherRows(sessions, value, parents!, buffers.next(name, data, value.dims[0] ? (data.length / value.dims[0]) * parents!.length : 0))];
      };
      if (parents.length && !sameInputs) encoderState = Object.fromEntries(Object.entries(encoderState).map(gather));
    }
    if (next.some((item) => item.row)) cache.update(result, parents);
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

/** The feeds a session declares, and only those (a graph may not read every input of the Optimum layout). */
function pick(feeds: Record<string, Tensor>, names: readonly string[]): Record<string, Tensor> {
  const picked: Record<string, Tensor> = {};
  for (const name of names) {
    if (!feeds[name]) throw new Error(`the decoding loop has no value for the model's input \`${name}\``);
    picked[name] = feeds[name];
  }
  return picked;
}
