import { describe, expect, it } from 'vitest';
import { BeamSearch, candidateCount } from '../../src/models/beam-search.js';
import { topTokens } from '../../src/models/next-token.js';

/** A row's candidates over four tokens (0 is the end token), best first, from the given probabilities. */
const step = (...probabilities: number[]) => topTokens(Float32Array.from(probabilities, (probability) => (probability ? Math.log(probability) : -Infinity)), 4);

describe('BeamSearch', () => {
  it('finds the sequence greedy decoding misses: a likelier first token with unlikely sequels loses', () => {
    // Greedy takes 1 (0.5), then at best 0.3: 0.15. Taking 2 (0.4), then 3 (0.9), then the end: 0.36 × 1.
    const search = new BeamSearch(2, new Set([0]));
    let live = search.step([{ tokens: [9], score: 0 }], [step(0, 0.5, 0.4, 0.1)]).map((item) => item.hypothesis);
    expect(live.map((hypothesis) => hypothesis.tokens)).toEqual([[9, 1], [9, 2]]);
    const byLast = (hypothesis: { tokens: number[] }) => (hypothesis.tokens.at(-1) === 1 ? step(0.3, 0.3, 0.3, 0.1) : step(0.05, 0.05, 0, 0.9));
    live = search.step(live, live.map(byLast)).map((item) => item.hypothesis);
    expect(live[0]!.tokens).toEqual([9, 2, 3]);
    const next = search.step(live, live.map((hypothesis) => (hypothesis.tokens.at(-1) === 3 ? step(1, 0, 0, 0) : step(0.3, 0.3, 0.3, 0.1))));
    expect(search.best(next[0]?.hypothesis)!.tokens).toEqual([9, 2, 3, 0]);
  });

  it('with early stopping, is done as soon as it holds as many finished hypotheses as beams', () => {
    // One hypothesis finished earlier (0.3 over one token); a live one at 0.36 over two tokens could still beat it
    // once its length counts squared.
    const search = (earlyStopping: boolean) => {
      const beam = new BeamSearch(1, new Set([0]), { lengthPenalty: 2, earlyStopping });
      beam.finished.push({ tokens: [9, 0], score: Math.log(0.3) });
      return beam.step([{ tokens: [9, 5], score: Math.log(0.4) }], [step(0.1, 0, 0, 0.9)]);
    };
    expect(search(false).map((item) => item.hypothesis.tokens)).toEqual([[9, 5, 3]]);
    expect(search(true)).toEqual([]);
  });

  it('ranks finished hypotheses by log-probability over length to the length penalty', () => {
    // A 1-token end (log 0.3) against a 3-token one (log 0.2): per token, the longer wins only when length counts.
    const rank = (lengthPenalty: number) => {
      const search = new BeamSearch(2, new Set([0]), { lengthPenalty, earlyStopping: false });
      search.finished.push({ tokens: [9, 0], score: Math.log(0.3) }, { tokens: [9, 5, 6, 0], score: Math.log(0.2) });
      return search.best()!.tokens.length;
    };
    expect(rank(0)).toBe(2);
    expect(rank(1)).toBe(4);
  });

  it('is done once it holds as many finished hypotheses as beams and no live one can beat them', () => {
    const search = new BeamSearch(1, new Set([0]));
    const first = search.step([{ tokens: [9], score: 0 }], [step(0.9, 0.1, 0, 0)]);
    expect(first).toEqual([]);
    expect(search.best()!.tokens).toEqual([9, 0]);
  });
});

describe('candidateCount', () => {
  it('is twice the beams, or more with several end tokens, so that `beams` of them can go on whichever end first', () => {
    expect(candidateCount(4, new Set([0]))).toBe(8);
    expect(candidateCount(3, new Set([0, 1, 2]))).toBe(12);
  });
});
