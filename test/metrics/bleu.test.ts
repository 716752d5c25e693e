import { describe, expect, it } from 'vitest';
import { corpusBleu, scoreBleu } from '../../src/metrics/bleu.js';

const dogHypotheses = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
const dogReferences = ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'];

// Expected values: sacreBLEU 2.6.0, BLEU().corpus_score(hypotheses, [references]) (13a, mixed case, smooth exp,
// effective order off). The first four corpora come from sacreBLEU's own tests (test/test_bleu.py,
// test/test_sentence_bleu.py at mjpost/sacrebleu@f615c7286d4d813370efb824d94fc2bfcd3a6b94), scored here with one
// reference and the default settings; 8.493 for issue #98 and 0.0 for issue #141 are the values those tests assert.
describe('corpusBleu', () => {
  it.each([
    ['statistics case of test_bleu.py', ['am I am a character sequence'], ['I am a symbol string sequence a a'],
      23.263472697663296, [66.66666666666667, 40.0, 25.0, 16.666666666666668], 0.7165313105737893, 6, 8, [4, 2, 1, 0], [6, 5, 4, 3]],
    ['issue #98 of test_sentence_bleu.py (8.493)', ['Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;'],
      ['producţia de zahăr brut se exprimă în zahăr alb;'],
      8.493098745313148, [35.714285714285715, 15.384615384615385, 4.166666666666667, 2.272727272727273], 1.0, 14, 10, [5, 2, 0, 0], [14, 13, 12, 11]],
    ['issue #141 of test_sentence_bleu.py: no match is 0', ['this is a cat'], ['okay thanks'], 0.0, [0, 0, 0, 0], 1.0, 4, 2, [0, 0, 0, 0], [4, 3, 2, 1]],
    ['empty hypotheses of test_bleu.py are kept', ['', '', ''], dogReferences, 0.0, [0, 0, 0, 0], 0.0, 0, 17, [0, 0, 0, 0], [0, 0, 0, 0]],
    ['README corpus of test_bleu.py, first reference only', dogHypotheses, dogReferences,
      45.06750632106114, [70.58823529411765, 42.857142857142854, 36.36363636363637, 37.5], 1.0, 17, 17, [12, 6, 4, 3], [17, 14, 11, 8]],
    ['one 4-gram missed', ['this is a fest'], ['this is a test'], 59.460355750136046, [75.0, 66.66666666666667, 50.0, 50.0], 1.0, 4, 4, [3, 2, 1, 0], [4, 3, 2, 1]],
    ['a corpus without 3-grams is 0 even when exact', ['a test'], ['a test'], 0.0, [100.0, 100.0, 0, 0], 1.0, 2, 2, [2, 1, 0, 0], [2, 1, 0, 0]],
    ['short hypothesis: brevity penalty', ['the cat'], ['the cat sat on the mat'], 0.0, [100.0, 100.0, 0, 0], 0.1353352832366127, 2, 6, [2, 1, 0, 0], [2, 1, 0, 0]],
    ['clipped counts, smoothed orders', ['the the the the the the the'], ['the cat is on the mat'],
      7.809849842300637, [28.571428571428573, 8.333333333333334, 5.0, 3.125], 1.0, 7, 6, [2, 0, 0, 0], [7, 6, 5, 4]],
    ['mixed case', ['The cat sat on the mat.'], ['the cat sat on the mat.'], 80.91067115702207, [85.71428571428571, 83.33333333333333, 80.0, 75.0], 1.0, 7, 7, [6, 5, 4, 3], [7, 6, 5, 4]],
  ])('%s', (_, hypotheses, references, score, precisions, brevityPenalty, hypothesisLength, referenceLength, counts, totals) => {
    const bleu = corpusBleu(hypotheses, references);
    expect(bleu.score).toBeCloseTo(score, 9);
    bleu.precisions.forEach((precision, order) => expect(precision).toBeCloseTo(precisions[order]!, 9));
    expect(bleu.brevityPenalty).toBeCloseTo(brevityPenalty, 12);
    expect(bleu).toMatchObject({ hypothesisLength, referenceLength, counts, totals });
    expect(bleu.ratio).toBe(referenceLength ? hypothesisLength / referenceLength : 0);
  });

  it.each([
    [['a'], ['a', 'b'], 'Expected one reference for each hypothesis, got 1 hypotheses and 2 references'],
    [[], [], 'Expected at least one hypothesis and its reference, got none'],
  ])('refuses %j against %j', (hypotheses, references, message) => {
    expect(() => corpusBleu(hypotheses, references)).toThrow(new RangeError(message));
  });
});

// sacreBLEU's test/test_bleu.py: test_case_scoring (0.8375922397 on the 0-1 scale) and the all-zero degenerate cases.
describe('scoreBleu', () => {
  it.each([
    [[9, 7, 5, 3], [10, 8, 6, 4], 11, 11, 83.75922397],
    [[0, 0, 0, 0], [4, 4, 2, 1], 0, 1, 0],
    [[0, 0, 0, 0], [10, 11, 12, 0], 14, 10, 0],
    [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0],
  ])('scores counts %j of totals %j (lengths %i, %i) as %d', (counts, totals, hypothesisLength, referenceLength, expected) => {
    expect(scoreBleu(counts, totals, hypothesisLength, referenceLength).score).toBeCloseTo(expected, 6);
  });
});
