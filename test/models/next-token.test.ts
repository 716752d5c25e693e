import { describe, expect, it } from 'vitest';
import { applyRules, argmax, BeamSearch, beamScores, logSumExp, repeatingTokens, toLogProbabilities, topTokens, type ScoreRules } from '../../src/models/next-token.js';

const rules: ScoreRules = { banned: [4], endIds: new Set([0]), repetitionPenalty: 1, noRepeatNgram: 0 };
const open = { least: 0, most: 10 };

describe('applyRules', () => {
  it('forbids banned tokens and the end token before the least length, and allows only the end token at the most', () => {
    const scores = Float32Array.of(1, 2, 3, 4, 5);
    applyRules(scores, [4, 7], { least: 2, most: 10 }, rules);
    expect([...scores]).toEqual([-Infinity, 2, 3, 4, -Infinity]);

    const last = Float32Array.of(1, 2, 3, 4, 5);
    applyRules(last, [4, 7, 8], { least: 2, most: 2 }, rules);
    expect([...last]).toEqual([0, -Infinity, -Infinity, -Infinity, -Infinity]);
  });

  it('forces the first token when the model names one, then lets the others be', () => {
    const first = Float32Array.of(1, 2, 3);
    applyRules(first, [2], open, { ...rules, banned: [], forcedFirst: 1 });
    expect([...first]).toEqual([-Infinity, 0, -Infinity]);
    const second = Float32Array.of(1, 2, 3);
    applyRules(second, [2, 1], open, { ...rules, banned: [], forcedFirst: 1 });
    expect([...second]).toEqual([1, 2, 3]);
  });

  it('lowers tokens already in the row, positive scores divided and negative multiplied, as Transformers.js does', () => {
    const scores = Float32Array.of(2, -2, 2, 4);
    applyRules(scores, [0, 1, 1], open, { ...rules, banned: [], repetitionPenalty: 2 });
    expect([...scores]).toEqual([1, -4, 2, 4]);
  });

  it('forbids a token that would repeat an n-gram of the row', () => {
    expect(repeatingTokens([9, 5, 6, 7, 5, 6], 3)).toEqual([7]);
    expect(repeatingTokens([9, 5, 6, 7, 5, 8], 3)).toEqual([]);
    expect(repeatingTokens([9, 5], 1)).toEqual([9, 5]);
    const scores = Float32Array.of(0, 0, 0, 0, 0, 0, 0, 9, 0, 0);
    applyRules(scores, [9, 5, 6, 7, 5, 6], open, { ...rules, banned: [], noRepeatNgram: 3 });
    expect(argmax(scores)).not.toBe(7);
  });
});

describe('choosing tokens', () => {
  it('takes the first of equal best scores, and ranks the best few, leaving out forbidden ones', () => {
    expect(argmax(Float32Array.of(1, 5, 5, 2))).toBe(1);
    expect(topTokens(Float32Array.of(1, 5, -Infinity, 3, 4), 3)).toEqual([{ token: 1, score: 5 }, { token: 4, score: 4 }, { token: 3, score: 3 }]);
    expect(topTokens(Float32Array.of(-Infinity, 2), 3)).toEqual([{ token: 1, score: 2 }]);
  });

  it('gives the log of the sum of the exponentials, which turns scores into log-probabilities', () => {
    const scores = Float32Array.of(Math.log(1), Math.log(3), -Infinity);
    expect(logSumExp(scores)).toBeCloseTo(Math.log(4), 6);
    expect(scores[1]! - logSumExp(scores)).toBeCloseTo(Math.log(0.75), 6);
    // Far below the best, a score changes nothing; all forbidden, there is nothing to normalize.
    expect(logSumExp(Float32Array.of(10, -50))).toBe(10);
    expect(logSumExp(Float32Array.of(-Infinity))).toBe(-Infinity);
  });
});

describe('beamScores', () => {
  const logits = () => Float32Array.of(Math.log(1), Math.log(2), Math.log(3), Math.log(4));
  const probabilities = (scores: Float32Array) => [...scores].map((score) => Math.exp(score));

  it('makes log-probabilities of the logits before the rules, so a repetition penalty multiplies a log-probability', () => {
    // Token 3 is in the row and had a positive logit: on logits, a penalty of 2 would halve it; on its
    // log-probability (log 0.4, negative), it doubles it: 0.4 becomes 0.16.
    const scores = logits();
    beamScores(scores, [3], open, { ...rules, banned: [], repetitionPenalty: 2, renormalize: false });
    expect(probabilities(scores)).toEqual([0.1, 0.2, 0.3, 0.16].map((value) => expect.closeTo(value, 6)));
  });

  it('gives a forbidden token’s share back to the others only when the model’s config asks (`renormalize_logits`)', () => {
    const kept = logits();
    beamScores(kept, [2], open, { ...rules, banned: [3], renormalize: false });
    expect(probabilities(kept)).toEqual([0.1, 0.2, 0.3, 0].map((value) => expect.closeTo(value, 6)));
    const renormalized = logits();
    beamScores(renormalized, [2], open, { ...rules, banned: [3], renormalize: true });
    expect(probabilities(renormalized)).toEqual([1 / 6, 2 / 6, 3 / 6, 0].map((value) => expect.closeTo(value, 6)));
  });

  it('leaves a forced token certain (log-probability 0), and a row with every token forbidden as it is', () => {
    const forced = logits();
    beamScores(forced, [2, 1], { least: 0, most: 1 }, { ...rules, banned: [], renormalize: false });
    expect([...forced]).toEqual([0, -Infinity, -Infinity, -Infinity]);
    const none = Float32Array.of(-Infinity, -Infinity);
    toLogProbabilities(none);
    expect([...none]).toEqual([-Infinity, -Infinity]);
  });
});

/** Log-probabilities over four tokens (0 is the end token) from the given probabilities. */
const step = (...probabilities: number[]) => Float32Array.from(probabilities, (probability) => (probability ? Math.log(probability) : -Infinity));

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
