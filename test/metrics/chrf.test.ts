import { describe, expect, it } from 'vitest';
import { chrfStatistics, corpusChrf, scoreChrf } from '../../src/metrics/chrf.js';

// Expected values: sacreBLEU 2.6.0, CHRF().corpus_score(hypotheses, [references]) (chrF2, eff:yes).
describe('corpusChrf', () => {
  it.each([
    [['abcdefg'], ['hijklmnop'], 0.0],
    [['aa'], ['ab'], 25.0],
    [['a', 'b'], ['a', 'c'], 50.0],
    [['a b c'], ['abc'], 100.0],
    [[''], ['reference'], 0.0],
    [['Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '], ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'], 64.818123726097],
    [['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'], ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'], 50.043063606582294],
    [['😀😀 é'], ['😀😀e'], 38.888888888888886],
    // The second reference has no 3- to 6-grams: its hypothesis n-grams of those orders are not counted at all.
    [['ab', 'abcdefgh'], ['abcdefgh', 'ab'], 32.50000000000001],
  ])('scores %j against %j as %d', (hypotheses, references, expected) => {
    expect(corpusChrf(hypotheses, references).score).toBeCloseTo(expected, 9);
  });

  it('refuses a corpus whose sides differ in length', () => {
    expect(() => corpusChrf(['a', 'b'], ['a'])).toThrow(RangeError);
  });
});

// sacreBLEU's test/test_chrf.py, test_cases_effective_order: beta 3, eps_smoothing off (sacreBLEU's `eff:yes`).
describe('scoreChrf with beta 3, as sacreBLEU tests it', () => {
  it.each([
    [['a'], ['a'], 100.0],
    [[''], ['reference'], 0.0],
    [['a b c'], ['a b c'], 100.0],
    [['a b c'], ['abc'], 100.0],
    [[''], ['c'], 0.0],
    [['a', 'b'], ['a', 'c'], 50.0],
    [['aa'], ['ab'], 25.0],
  ])('scores %j against %j as %d', (hypotheses, references, expected) => {
    const statistics = hypotheses
      .map((hypothesis, index) => chrfStatistics(hypothesis, references[index]!))
      .reduce((sum, segment) => sum.map((value, position) => value + segment[position]!));
    expect(scoreChrf(statistics, 3)).toBeCloseTo(expected, 4);
  });
});

describe('chrfStatistics', () => {
  it('counts code points, not UTF-16 units, and no hypothesis n-grams of an order the reference lacks', () => {
    expect(chrfStatistics('😀a b', '😀ab')).toEqual([3, 3, 3, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
