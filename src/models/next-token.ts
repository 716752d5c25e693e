/**
 * Choosing the next token of each row in a decoding step: the rules that shape a row's scores (forbidden tokens,
 * the repetition guards, its length bounds), then greedy choice or one step of beam search, in the order Hugging Face's
 * `generate()` applies them: greedy search applies the rules to the logits; beam search to log-probabilities, made
 * log-probabilities again after the rules only when the model's config asks (`renormalize_logits`).
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
  const generated = history.length - 1;
  if (generated >= bounds.most) return allowOnly(scores, rules.endIds);
  if (generated === 0 && rules.forcedFirst !== undefined) return allowOnly(scores, [rules.forcedFirst]);
  for (const token of rules.banned) scores[token] = -Infinity;
  if (rules.repetitionPenalty !== 1) {
    for (const token of new Set(history)) {
      const score = scores[token]!;
      scores[token] = score < 0 ? score * rules.repetitionPenalty : score / rules.repetitionPenalty;
    }
  }
  if (rules.noRepeatNgram > 0) for (const token of repeatingTokens(history, rules.noRepeatNgram)) scores[token] = -Infinity;
  if (generated < bounds.least) for (const end of rules.endIds) scores[end] = -Infinity;
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

/** The `count` highest-scoring tokens, best first, leaving out forbidden ones. */
export function topTokens(scores: Float32Array, count: number): { token: number; score: number }[] {
  const best: { token: number; score: number }[] = [];
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

/**
 * One input's beam search, as Hugging Face's `_beam_search` runs it: at each step, the continuations of the live
 * beams are ranked by their summed log-probabilities (`scores` are each row's, rules applied: see `beamScores`) and the
 * best `2 × beams` kept (more with several end tokens); an end token among the first `beams` of them finishes a
 * hypothesis, the others extend up to `beams` live ones. The search is done when `beams` hypotheses are finished and
 * (unless it stops early) the best live one, over its length to the length penalty, cannot beat the worst of them;
 * or when none is left alive.
 */
export class BeamSearch {
  readonly finished: Hypothesis[] = [];

  /** How many continuations each step ranks: enough that `beams` of them do not end, whichever end tokens come first. */
  readonly #kept: number;

  constructor(
    readonly beams: number,
    private readonly endIds: ReadonlySet<number>,
    private readonly rules: Pick<BeamRules, 'lengthPenalty' | 'earlyStopping'> = { lengthPenalty: 1, earlyStopping: false },
  ) {
    this.#kept = Math.max(2, 1 + endIds.size) * beams;
  }

  /**
   * The next live hypotheses, each with the index (into `live`) of the one it extends. `scores[i]` holds the
   * log-probabilities of the tokens that may follow `live[i]`, rules applied.
   */
  step(live: readonly Hypothesis[], scores: readonly Float32Array[]): { hypothesis: Hypothesis; parent: number }[] {
    const candidates = live.flatMap((hypothesis, parent) =>
      topTokens(scores[parent]!, this.#kept).map(({ token, score }) => ({ parent, token, score: hypothesis.score + score })),
    );
    candidates.sort((a, b) => b.score - a.score);
    const next: { hypothesis: Hypothesis; parent: number }[] = [];
    for (const [rank, candidate] of candidates.slice(0, this.#kept).entries()) {
      const tokens = [...live[candidate.parent]!.tokens, candidate.token];
      if (this.endIds.has(candidate.token)) {
        if (rank < this.beams) this.#finish({ tokens, score: candidate.score });
      } else {
        next.push({ hypothesis: { tokens, score: candidate.score }, parent: candidate.parent });
      }
      if (next.length === this.beams) break;
    }
    if (this.finished.length >= this.beams && next.length) {
      if (this.rules.earlyStopping) return [];
      const worst = Math.min(...this.finished.map((hypothesis) => this.#normalized(hypothesis)));
      if (worst >= this.#normalized(next[0]!.hypothesis)) return [];
    }
    return next;
  }

  /** The best finished hypothesis; `fallback` (the best live one) when none finished. */
  best(fallback?: Hypothesis): Hypothesis | undefined {
    return [...this.finished].sort((a, b) => this.#normalized(b) - this.#normalized(a))[0] ?? fallback;
  }

  #finish(hypothesis: Hypothesis): void {
    this.finished.push(hypothesis);
    if (this.finished.length > this.beams) {
      const scores = this.finished.map((item) => this.#normalized(item));
      this.finished.splice(scores.indexOf(Math.min(...scores)), 1);
    }
  }

  /** A hypothesis's score for its length: the generated tokens count, the end token too, the start token not. */
  #normalized(hypothesis: Hypothesis): number {
    return hypothesis.score / (hypothesis.tokens.length - 1) ** this.rules.lengthPenalty;
  }
}
