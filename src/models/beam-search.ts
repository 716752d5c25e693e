/** Beam search over each step's best candidates per row, wherever they were chosen (`choice.ts`). */
import type { BeamRules, Candidate, Hypothesis } from './next-token.js';

/**
 * One input's beam search, as Hugging Face's `_beam_search` runs it: at each step, the continuations of the live
 * beams are ranked by their summed log-probabilities (each row's best candidates, rules applied) and the
 * best `2 × beams` kept (more with several end tokens); an end token among the first `beams` of them finishes a
 * hypothesis, the others extend up to `beams` live ones. The search is done when `beams` hypotheses are finished and
 * (unless it stops early) the best live one, over its length to the length penalty, cannot beat the worst of them;
 * or when none is left alive.
 */
export class BeamSearch {
  readonly finished: Hypothesis[] = [];

  /** How many continuations each step ranks (`candidateCount`). */
  readonly #kept: number;

  constructor(
    readonly beams: number,
    private readonly endIds: ReadonlySet<number>,
    private readonly rules: Pick<BeamRules, 'lengthPenalty' | 'earlyStopping'> = { lengthPenalty: 1, earlyStopping: false },
  ) {
    this.#kept = candidateCount(beams, endIds);
  }

  /**
   * The next live hypotheses, each with the index (into `live`) of the one it extends. `next[i]` holds the best tokens
   * that may follow `live[i]` with their log-probabilities, rules applied, best first: at least `candidateCount` of
   * them, or all the rules allow.
   */
  step(live: readonly Hypothesis[], next: readonly (readonly Candidate[])[]): { hypothesis: Hypothesis; parent: number }[] {
    const candidates = live.flatMap((hypothesis, parent) =>
      next[parent]!.slice(0, this.#kept).map(({ token, score }) => ({ parent, token, score: hypothesis.score + score })),
    );
    candidates.sort((a, b) => b.score - a.score);
    const extended: { hypothesis: Hypothesis; parent: number }[] = [];
    for (const [rank, candidate] of candidates.slice(0, this.#kept).entries()) {
      const tokens = [...live[candidate.parent]!.tokens, candidate.token];
      if (this.endIds.has(candidate.token)) {
        if (rank < this.beams) this.#finish({ tokens, score: candidate.score });
      } else {
        extended.push({ hypothesis: { tokens, score: candidate.score }, parent: candidate.parent });
      }
      if (extended.length === this.beams) break;
    }
    if (this.finished.length >= this.beams && extended.length) {
      if (this.rules.earlyStopping) return [];
      const worst = Math.min(...this.finished.map((hypothesis) => this.#normalized(hypothesis)));
      if (worst >= this.#normalized(extended[0]!.hypothesis)) return [];
    }
    return extended;
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

/**
 * How many continuations of each row a beam search step ranks: enough that `beams` of them do not end, whichever end
 * tokens come first.
 */
export function candidateCount(beams: number, endIds: ReadonlySet<number>): number {
  return Math.max(2, 1 + endIds.size) * beams;
}
