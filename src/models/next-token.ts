/**
 * The rules that shape a row's scores before its next token is chosen (forbidden tokens, the repetition guards, its
 * length bounds), in the order Hugging Face's `generate()` applies them: greedy search applies them to the logits;
 * beam search to log-probabilities, made log-probabilities again after the rules only when the model's config asks
 * (`renormalize_logits`). Beam search itself is in `beam-search.ts`.
 */

/** How long a row's output may be, in tokens before the end token. */
export interface LengthBounds {
  /** The end token is forbidden until this many tokens are out. */
  least: number;
  /** Once this many tokens are out, only the end token may follow. */
  most: number;
}

export interface ScoreRules {
  /** Never generated (Marian's padding token, which doubles as its decoder start). */
  banned: readonly number[];
  endIds: ReadonlySet<number>;
  /** Above 1 lowers the score of every token already in the row. */
  repetitionPenalty: number;
  /** Forbids a token that would repeat an n-gram of this size already in the row (0: off). */
  noRepeatNgram: number;
  /** The only token allowed first (BART's beginning-of-sentence), when the model's config names one. */
  forcedFirst?: number;
}

/**
 * Applies the rules to `scores` (one row's logits or log-probabilities, changed in place). `history` is the row so
 * far, its decoder start token first, as Transformers.js counts it; `generated` of those tokens came from the model.
 */
export function applyRules(scores: Float32Array, history: readonly number[], bounds: LengthBounds, rules: ScoreRules): void {
  const forced = forcedTokens(history, bounds, rules);
  if (forced) return allowOnly(scores, forced);
  for (const [token, change] of ruleChanges(history, bounds, rules)) scores[token] = changedScore(scores[token]!, change);
}

/**
 * The only tokens a row may take next, when the rules leave it no choice: its end tokens once it is at its bound, the
 * forced first token before anything else; `undefined` when the model's scores choose. Lowest token first.
 */
export function forcedTokens(history: readonly number[], bounds: LengthBounds, rules: ScoreRules): number[] | undefined {
  const generated = history.length - 1;
  if (generated >= bounds.most) return [...rules.endIds].sort((a, b) => a - b);
  if (generated === 0 && rules.forcedFirst !== undefined) return [rules.forcedFirst];
  return undefined;
}

/** What the rules do to one token's score: see `changedScore`. */
export interface ScoreChange {
  factor: number;
  bias: number;
}

/**
 * The tokens whose scores the rules change for a row the model's scores choose for (see `forcedTokens`): the banned
 * tokens, those the repetition penalty lowers, those that would repeat an n-gram, and the end tokens before the row's
 * least length. The same list serves the rules in JavaScript (`applyRules`) and in the decoder's graph.
 */
export function ruleChanges(history: readonly number[], bounds: LengthBounds, rules: ScoreRules): Map<number, ScoreChange> {
  const changes = new Map<number, ScoreChange>();
  const forbid = (token: number) => changes.set(token, { factor: changes.get(token)?.factor ?? 1, bias: -Infinity });
  if (rules.repetitionPenalty !== 1) for (const token of history) changes.set(token, { factor: rules.repetitionPenalty, bias: 0 });
  rules.banned.forEach(forbid);
  if (rules.noRepeatNgram > 0) repeatingTokens(history, rules.noRepeatNgram).forEach(forbid);
  if (history.length - 1 < bounds.least) rules.endIds.forEach(forbid);
  return changes;
}

/**
 * A score as a rule changes it: Hugging Face's repetition penalty (a score below 0 multiplied by the factor, another
 * divided by it), then the bias (`-Infinity` forbids the token).
 */
export function changedScore(score: number, { factor, bias }: ScoreChange): number {
  return (score < 0 ? score * factor : score / factor) + bias;
}

/** Forbids every token but `tokens`, which score 0. */
function allowOnly(scores: Float32Array, tokens: Iterable<number>): void {
  scores.fill(-Infinity);
  for (const token of tokens) scores[token] = 0;
}

/** Tokens that would complete an n-gram of `size` already present in `history`. */
export function repeatingTokens(history: readonly number[], size: number): number[] {
  const prefix = history.slice(history.length - size + 1);
  if (history.length + 1 < size) return [];
  const tokens: number[] = [];
  for (let start = 0; start + size <= history.length; start++) {
    if (prefix.every((token, offset) => history[start + offset] === token)) tokens.push(history[start + size - 1]!);
  }
  return tokens;
}

/**
 * A beam search row's scores as Hugging Face's beam search makes them (in place): the logits turned into
 * log-probabilities, then the rules (so a repetition penalty multiplies a log-probability), then, if `renormalize`,
 * log-probabilities again. Without it, a forbidden token's share is not given back to the others.
 */
export function beamScores(scores: Float32Array, history: readonly number[], bounds: LengthBounds, rules: ScoreRules & Pick<BeamRules, 'renormalize'>): void {
  toLogProbabilities(scores);
  applyRules(scores, history, bounds, rules);
  if (rules.renormalize) toLogProbabilities(scores);
}

/** Turns scores into log-probabilities, in place (a log-softmax); scores all forbidden stay so. */
export function toLogProbabilities(scores: Float32Array): void {
  const total = logSumExp(scores);
  if (total === -Infinity) return;
  for (let token = 0; token < scores.length; token++) scores[token] = scores[token]! - total;
}

/** The highest-scoring token (the first of equals). */
export function argmax(scores: Float32Array): number {
  let best = 0;
  for (let token = 1; token < scores.length; token++) if (scores[token]! > scores[best]!) best = token;
  return best;
}

/**
 * `log Σ exp(score)`: a score minus it is the token's log-probability. Scores more than 40 below the highest are
 * left out of the sum (most of a vocabulary, for a trained model): a million of them add less than 1e-11 to it.
 */
export function logSumExp(scores: Float32Array): number {
  let highest = -Infinity;
  for (const score of scores) if (score > highest) highest = score;
  if (highest === -Infinity) return -Infinity;
  const floor = highest - 40;
  let sum = 0;
  for (const score of scores) if (score > floor) sum += Math.exp(score - highest);
  return highest + Math.log(sum);
}

/** A token a row may take next and its score (rules applied). */
export interface Candidate {
  token: number;
  score: number;
}

/** The `count` highest-scoring tokens, best first (the lower token first among equals), leaving out forbidden ones. */
export function topTokens(scores: Float32Array, count: number): Candidate[] {
  const best: Candidate[] = [];
  for (let token = 0; token < scores.length; token++) {
    const score = scores[token]!;
    if (score === -Infinity || (best.length === count && score <= best[count - 1]!.score)) continue;
    let place = best.length;
    while (place > 0 && best[place - 1]!.score < score) place--;
    best.splice(place, 0, { token, score });
    if (best.length > count) best.pop();
  }
  return best;
}

/** A partial output: its tokens (the decoder start first) and the sum of their log-probabilities. */
export interface Hypothesis {
  tokens: number[];
  score: number;
}

/** How a beam search ranks finished hypotheses and when it stops, as a model's generation config sets it. */
export interface BeamRules {
  /** A finished hypothesis scores its log-probability divided by its length to this power (1: the mean). */
  lengthPenalty: number;
  /** Stop as soon as `beams` hypotheses are finished, rather than when no live one can beat them. */
  earlyStopping: boolean;
  /** Make scores log-probabilities again once the rules have forbidden tokens (`renormalize_logits`). */
  renormalize: boolean;
}
