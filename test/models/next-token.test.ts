import { describe, expect, it } from 'vitest';
import { applyRules, argmax, beamScores, logSumExp, repeatingTokens, toLogProbabilities, topTokens, type ScoreRules } from '../../src/models/next-token.js';

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
