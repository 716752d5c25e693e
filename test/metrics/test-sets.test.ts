import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/metrics/lines.js';
import { contentHash, knownTestSets, recogniseTestSet } from '../../src/metrics/test-sets.js';
import { shared } from '../support/paths.js';

const ab = '911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2'; // sha256 of "a\nb\n"

describe('contentHash', () => {
  it.each([
    [['a', 'b']],
    [['a', 'b', '']],
    [['a\r', 'b\r', '']],
    [['\ufeffa', 'b \u00a0\t']],
  ])('gives %j the hash of "a\\nb\\n"', (lines) => {
    expect(contentHash(lines)).toBe(ab);
  });

  it.each([
    [['a', 'b', '', ''], 'dd31f7aed6a0d50f3271d4b3317235ffb619038130db1ef5f4c3b7b2c0fb9216'],
    [[], 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [[' a', 'b'], undefined],
    [['a', '\ufeffb'], undefined],
  ])('tells %j apart from "a\\nb\\n"', (lines, hash) => {
    expect(contentHash(lines)).not.toBe(ab);
    if (hash) expect(contentHash(lines)).toBe(hash);
  });
});

describe('knownTestSets', () => {
  it('knows newstest2014, Tatoeba v2021-08-07 and FLORES devtest (101 and 200), each side once', () => {
    expect(knownTestSets.map((testSet) => [testSet.name, ...testSet.aliases])).toEqual([
      ['newstest2014'],
      ['tatoeba-test-v2021-08-07'],
      ['flores101-devtest', 'flores200-devtest'],
    ]);
    const hashes = knownTestSets.flatMap((testSet) => [testSet.source.sha256, testSet.reference.sha256]);
    expect(new Set(hashes).size).toBe(6);
  });
});

const mt = path.join(shared, 'eval', 'mt');
const hasMt = existsSync(path.join(mt, 'newstest2014.fra-eng.eng'));
const skipReason = hasMt ? '' : ' (skipped: ../shared/eval/mt is not beside the project)';
const read = (file: string) => splitLines(readFileSync(path.join(mt, file), 'utf8'));

describe.skipIf(!hasMt)(`recogniseTestSet on the files of ../shared/eval/mt${skipReason}`, () => {
  it.each([
    ['newstest2014.fra-eng', 'newstest2014', 3003],
    ['tatoeba-test-v2021-08-07.fra-eng', 'tatoeba-test-v2021-08-07', 12681],
  ])('recognises %s as %s, from either side or both', (stem, name, segments) => {
    const source = read(`${stem}.fra`);
    const reference = read(`${stem}.eng`);
    expect(source).toHaveLength(segments);
    expect(recogniseTestSet({ source, reference })).toMatchObject({ testSet: { name, segments }, matched: ['source', 'reference'], differs: [] });
    expect(recogniseTestSet({ source })).toMatchObject({ testSet: { name }, matched: ['source'], differs: [] });
    expect(recogniseTestSet({ reference })).toMatchObject({ testSet: { name }, matched: ['reference'], differs: [] });
  });

  it('recognises a file with Windows line ends and a byte-order mark', () => {
    const text = readFileSync(path.join(mt, 'newstest2014.fra-eng.eng'), 'utf8');
    expect(recogniseTestSet({ reference: splitLines(`\uFEFF${text.replaceAll('\n', '\r\n')}`) })?.testSet.name).toBe('newstest2014');
  });

  it('says which file differs when a reference has one line edited', () => {
    const reference = read('newstest2014.fra-eng.eng');
    reference[1500] += ' (edited)';
    expect(recogniseTestSet({ source: read('newstest2014.fra-eng.fra'), reference })).toMatchObject({
      testSet: { name: 'newstest2014' }, matched: ['source'], differs: ['reference'],
    });
  });

  it.each([
    ['one line missing', () => read('newstest2014.fra-eng.fra').slice(1)],
    ['the English as the source', () => read('tatoeba-test-v2021-08-07.fra-eng.eng').map((line) => line.toUpperCase())],
  ])('recognises nothing in a file with %s', (_, source) => {
    expect(recogniseTestSet({ source: source() })).toBeUndefined();
  });
});
