import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatModel, loadShippedModel, parseModel, type ModelCounts } from '../../src/language/model.js';

const counts: ModelCounts = {
  languages: ['fra', 'eng'],
  longestNgram: 1,
  alpha: 1,
  temperatures: [2, 3, 4],
  trainedOn: 'a test',
  counts: new Map([
    ['_le', [3, 0]],
    ['_the', [0, 5]],
    ['l', [4, 1]],
    ['e', [6, 6]],
  ]),
};

describe('language model file', () => {
  it('reads back what it writes, and scores by smoothed naive Bayes', () => {
    const bytes = formatModel(counts);
    expect(formatModel(counts).equals(bytes)).toBe(true);
    const model = parseModel(bytes);
    expect(model.languages).toEqual(['fra', 'eng']);
    // fra saw 13 features, eng 12; 4 features in the vocabulary; alpha 1.
    const { scores, known, temperature } = model.score('le');
    // `le` gives _le, l, e (n-grams of length 1; the edge spaces alone are not counted).
    expect(known).toBe(3);
    expect(temperature).toBe(2);
    const expected = (row: number[], total: number) => row.reduce((sum, count) => sum + Math.log((count + 1) / (total + 4)), 0);
    expect(scores[0]).toBeCloseTo(expected([3, 4, 6], 13), 5);
    expect(scores[1]).toBeCloseTo(expected([0, 1, 6], 12), 5);
  });

  it('uses the temperature for the text length: one word, two, more', () => {
    const model = parseModel(formatModel(counts));
    expect(model.score('le the').temperature).toBe(3);
    expect(model.score('le le le le').temperature).toBe(4);
    // Without oneWordExponent (files written before it), one word has one temperature whatever its length.
    expect(model.score('le').temperature).toBe(2);
    expect(model.score('lelele').temperature).toBe(2);
  });

  it('gives one word a temperature that grows with the features found in it', () => {
    const model = parseModel(formatModel({ ...counts, oneWordExponent: 0.5 }));
    expect(model.oneWordExponent).toBe(0.5);
    // `le`: _le, l, e known (3 features); `lelele`: l and e three times each (6); both at 2 · known^0.5.
    expect(model.score('le').temperature).toBeCloseTo(2 * Math.sqrt(3));
    expect(model.score('lelele').temperature).toBeCloseTo(2 * Math.sqrt(6));
    expect(model.score('le the').temperature).toBe(3);
  });

  it('ignores features it never saw', () => {
    const model = parseModel(formatModel(counts));
    expect(model.score('xyz').known).toBe(0);
  });

  it('refuses a file that is not a model, or a malformed line, naming the file and line', () => {
    expect(() => parseModel(gzipSync('hello\n'), 'm.gz')).toThrow(/m.gz is not a bitext language model/);
    const header = JSON.stringify({ ...counts, counts: undefined });
    expect(() => parseModel(gzipSync(`bitext-language-model 1\n${header}\n_le\t3 x\n`), 'm.gz')).toThrow(/m.gz: line 3 is malformed/);
    expect(() => parseModel(gzipSync(`bitext-language-model 1\n${header}\n_le\t3\n`), 'm.gz')).toThrow(/line 3 has 1 counts for 2 languages/);
    expect(() => parseModel(gzipSync(`bitext-language-model 1\n${header}\n_le\t3 0\nle\t1 1\n_le\t1 0\n`), 'm.gz')).toThrow(/m.gz: line 5 repeats a feature/);
    expect(() => parseModel(gzipSync(`bitext-language-model 1\n${header}\nle\t3 0\nle\t1 1\n`), 'm.gz')).toThrow(/m.gz: line 4 repeats a feature/);
    const longer = JSON.stringify({ ...counts, counts: undefined, longestNgram: 7 });
    expect(() => parseModel(gzipSync(`bitext-language-model 1\n${longer}\n_le\t3 0\n`), 'm.gz')).toThrow(/m.gz: n-grams of up to 7 characters; bitext reads models with n-grams of up to 6/);
  });

  it('ships a model for the default candidates, read once per process', async () => {
    const model = await loadShippedModel();
    expect(model.languages).toEqual(['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'cat', 'ron']);
    expect(loadShippedModel()).toBe(loadShippedModel());
  });
});
