import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusBleu } from '../../src/metrics/bleu.js';
import { corpusChrf } from '../../src/metrics/chrf.js';
import { formatBleu } from '../../src/metrics/format.js';
import { splitLines } from '../../src/metrics/lines.js';
import { shared } from '../support/paths.js';
import { corrupt } from './corrupt.js';

const mt = path.join(shared, 'eval', 'mt');
const hasMt = existsSync(path.join(mt, 'newstest2014.fra-eng.eng'));
const skipReason = hasMt ? '' : ' (skipped: ../shared/eval/mt is not beside the project)';
const read = (file: string) => splitLines(readFileSync(path.join(mt, file), 'utf8'));
const newstest = { fra: 'newstest2014.fra-eng.fra', eng: 'newstest2014.fra-eng.eng' };
const tatoeba = { fra: 'tatoeba-test-v2021-08-07.fra-eng.fra', eng: 'tatoeba-test-v2021-08-07.fra-eng.eng' };

// Hypotheses and references as files: `damaged` is corrupt() of the English reference, written out and given to
// sacreBLEU 2.6.0 as `sacrebleu REF -i HYP -m bleu chrf` (and through its API for every digit). Expected: its values.
const cases: [string, () => string[], () => string[], number, number, string][] = [
  ['newstest2014: damaged reference', () => corrupt(read(newstest.eng)), () => read(newstest.eng), 73.79061054016465, 83.20054297351663,
    '73.8 81.5/75.0/70.8/68.6 (BP = 1.000 ratio = 1.032 hyp_len = 72938 ref_len = 70708)'],
  ['newstest2014: the reference against its damaged copy', () => read(newstest.eng), () => corrupt(read(newstest.eng)), 74.16644935433652, 81.7421348206002,
    '74.2 84.0/77.6/73.6/71.6 (BP = 0.969 ratio = 0.969 hyp_len = 70708 ref_len = 72938)'],
  ['newstest2014: the French source itself', () => read(newstest.fra), () => read(newstest.eng), 2.422056980605613, 28.5218456990794,
    '2.4 16.6/3.4/1.3/0.5 (BP = 1.000 ratio = 1.093 hyp_len = 77306 ref_len = 70708)'],
  ['newstest2014: the reference itself', () => read(newstest.eng), () => read(newstest.eng), 100, 100,
    '100.0 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 70708 ref_len = 70708)'],
  ['Tatoeba v2021-08-07: damaged reference', () => corrupt(read(tatoeba.eng)), () => read(tatoeba.eng), 68.63663456654542, 80.78997835031538,
    '68.6 79.3/70.4/65.1/61.0 (BP = 1.000 ratio = 1.041 hyp_len = 105966 ref_len = 101754)'],
  ['Tatoeba v2021-08-07: the French source itself', () => read(tatoeba.fra), () => read(tatoeba.eng), 1.1755827342323153, 17.74273408419031,
    '1.2 16.8/1.3/0.3/0.3 (BP = 1.000 ratio = 1.045 hyp_len = 106378 ref_len = 101754)'],
];

describe.skipIf(!hasMt)(`BLEU and chrF on the test sets, as sacreBLEU 2.6.0 scores them${skipReason}`, () => {
  it.each(cases)('%s', (_, hypotheses, references, bleu, chrf, line) => {
    const [hypothesisLines, referenceLines] = [hypotheses(), references()];
    const score = corpusBleu(hypothesisLines, referenceLines);
    expect(score.score).toBeCloseTo(bleu, 9);
    expect(formatBleu(score)).toBe(line);
    expect(corpusChrf(hypothesisLines, referenceLines).score).toBeCloseTo(chrf, 9);
  });

  // ref_words of the published scores (OPUS-MT leaderboard) is sacreBLEU's ref_len on the same reference.
  it.each([
    [newstest.eng, 70708],
    [tatoeba.eng, 101754],
  ])('counts the tokens of %s as the published ref_words, %i', (file, referenceWords) => {
    const reference = read(file);
    expect(corpusBleu(reference, reference).referenceLength).toBe(referenceWords);
  });
});
