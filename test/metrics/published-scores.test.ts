import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePublishedScores, PublishedScoresError, publishedScoresFor, readPublishedScores } from '../../src/metrics/published-scores.js';
import { knownTestSets, type TestSetName } from '../../src/metrics/test-sets.js';
import { shared } from '../support/paths.js';

const fixture = fileURLToPath(new URL('fixtures/published-scores/scores.tsv', import.meta.url));
const testSet = (name: TestSetName) => knownTestSets.find((known) => known.name === name)!;
const header = '# model\ttestset\tchrF\tBLEU\tn_sents\tref_words\tsource';

describe('readPublishedScores on a hand-written file', () => {
  it('reads every row of every column layout: chrF on the 0-100 scale, numbers not given left out, `same` resolved', async () => {
    const v1 = 'example/leaderboard@0000000:fr-en/v1.scores.txt';
    expect(await readPublishedScores(fixture)).toEqual([
      { model: 'example-model(v1)', testSet: 'newstest2014', chrf: 61.234, bleu: 35.5, segments: 3003, referenceWords: 70708, source: v1, line: 3 },
      { model: 'example-model(v1)', testSet: 'flores200-devtest', chrf: 60, bleu: 40, segments: 1012, referenceWords: 24721, source: v1, line: 4 },
      { model: 'example-model(v1,README)', testSet: 'newstest2014-fren.fr.en', chrf: 70, bleu: 55, source: 'example/README.md', line: 6 },
      { model: 'owner/other-model', testSet: 'newstest2014', chrf: 50, source: 'example/other@1111111', line: 9 },
      { model: 'owner/other-model', testSet: 'tatoeba-test-v2021-08-07', bleu: 50.1, source: 'example/other@1111111 (no chrF line in the file)', line: 10 },
      { model: 'owner/other-model', testSet: 'flores101-devtest', chrf: 55, bleu: 41, source: 'example/other@1111111', line: 11 },
    ]);
  });

  it.each([
    ['newstest2014', undefined, [3, 9]], // not the README row: another version of the test set, under another name
    ['flores101-devtest', undefined, [4, 11]], // line 4 is written under its FLORES-200 name: the same lines
    ['tatoeba-test-v2021-08-07', undefined, [10]],
    ['newstest2014', 'example-model', [3]],
    ['newstest2014', 'Helsinki-NLP/example-model', [3]],
    ['newstest2014', 'owner/other-model', [9]],
    ['newstest2014', 'other-model', []],
    ['newstest2014', 'example', []],
  ] as const)('finds the scores on %s of model %s on lines %j', async (name, model, lines) => {
    expect(publishedScoresFor(await readPublishedScores(fixture), testSet(name), model).map((score) => score.line)).toEqual(lines);
  });

  it('rejects with the file system error for a missing file', async () => {
    await expect(readPublishedScores(path.join(path.dirname(fixture), 'missing.tsv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('parsePublishedScores', () => {
  it.each([
    ['no column line, once', 'm\tnewstest2014\t0.5\t30.0\t1\t2\tsrc\nm\tt\t0.5\t30.0\t1\t2\tsrc', [[1, 'expected the column line `# model<TAB>testset<TAB>chrF<TAB>BLEU<TAB>n_sents<TAB>ref_words<TAB>source` before the first score']]],
    ['an unknown column', '# model\ttestset\tchrF\tTER\tsource\nm\tt\t0.5\t1\tsrc', [
      [1, 'expected columns among model, testset, chrF, BLEU, n_sents, ref_words, source, found `TER`'],
      [2, 'expected the column line `# model<TAB>testset<TAB>chrF<TAB>BLEU<TAB>n_sents<TAB>ref_words<TAB>source` before the first score'],
    ]],
    ['a column line without a score or a source', '# model\ttestset\tn_sents', [[1, 'expected a column source and a column chrF or BLEU, found none']]],
    ['a missing field', `${header}\nm\tnewstest2014\t0.5\t30.0\t1\tsrc`, [[2, 'expected 7 tab-separated fields (model, testset, chrF, BLEU, n_sents, ref_words, source), found 6']]],
    ['chrF on the 0-100 scale', `${header}\nm\tnewstest2014\t63.3\t38.0\t3003\t70708\tsrc`, [[2, 'expected chrF as a number from 0 to 1 (the 0-to-1 scale) or `-`, found `63.3`']]],
    ['BLEU and chrF swapped', `${header}\nm\tnewstest2014\t38.0\t0.63\t3003\t70708\tsrc`, [[2, 'expected chrF as a number from 0 to 1 (the 0-to-1 scale) or `-`, found `38.0`']]],
    ['a row without a score', `${header}\nm\tnewstest2014\t-\t-\t3003\t70708\tsrc`, [[2, 'expected a chrF or a BLEU score, found neither']]],
    ['a count that is not one', `${header}\nm\tnewstest2014\t0.5\t30\tmany\t-\tsrc`, [[2, 'expected n_sents as a whole number or `-`, found `many`']]],
    ['`same` on the first row', `${header}\nm\tnewstest2014\t0.5\t30\t1\t2\tsame`, [[2, 'expected a source, found `same` with no row above']]],
    ['every problem, not the first', `${header}\nm\t\t0.5\tx\t1\t2\tsrc\nm\tt\t2\t30\t1\t2\tsrc`, [
      [2, 'expected a test set name, found an empty field'],
      [2, 'expected BLEU as a number from 0 to 100 or `-`, found `x`'],
      [3, 'expected chrF as a number from 0 to 1 (the 0-to-1 scale) or `-`, found `2`'],
    ]],
  ])('reports %s with its line', (_, text, expected) => {
    let error: unknown;
    try {
      parsePublishedScores(text, 'scores.tsv');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PublishedScoresError);
    const { file, problems, message } = error as PublishedScoresError;
    expect(file).toBe('scores.tsv');
    expect(problems.map((problem) => [problem.line, problem.message])).toEqual(expected);
    expect(message).toContain(`line ${expected[0]![0]}: `);
  });
});

const real = path.join(shared, 'eval', 'scores', 'opus-mt-fr-en_published_scores.tsv');
const skipReason = existsSync(real) ? '' : ' (skipped: ../shared/eval/scores is not beside the project)';

describe.skipIf(!existsSync(real))(`readPublishedScores on ../shared/eval/scores/opus-mt-fr-en_published_scores.tsv${skipReason}`, () => {
  it.each([
    ['newstest2014', 38.0, 63.278, 3003, 70708],
    ['tatoeba-test-v2021-08-07', 58.3, 72.829, 12681, 101754],
    ['flores101-devtest', 41.7, 66.894, 1012, 24721],
  ] as const)('gives Helsinki-NLP/opus-mt-fr-en on %s: BLEU %d, chrF %d, %i segments, %i reference words', async (name, bleu, chrf, segments, referenceWords) => {
    const known = testSet(name);
    expect(publishedScoresFor(await readPublishedScores(real), known, 'Helsinki-NLP/opus-mt-fr-en')).toEqual([
      expect.objectContaining({ model: 'opus-mt-fr-en(opus-2020-02-26)', testSet: name, bleu, chrf, segments, referenceWords }),
    ]);
    expect(known.segments).toBe(segments);
  });

  it('gives the same scores on FLORES-101 and FLORES-200 devtest where a model has both: the lines are the same', async () => {
    const scores = publishedScoresFor(await readPublishedScores(real), testSet('flores101-devtest'), 'Helsinki-NLP/opus-mt-tc-big-fr-en');
    expect(scores.map(({ testSet: name, bleu, chrf }) => [name, bleu, chrf])).toEqual([
      ['flores101-devtest', 46.0, 69.35],
      ['flores200-devtest', 46.0, 69.35],
    ]);
  });
});
