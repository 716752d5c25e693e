import { createHash } from 'node:crypto';
import { trimEnd } from './whitespace.js';

/** The name a known test set has in published score files (the OPUS-MT leaderboard's names). */
export type TestSetName = 'newstest2014' | 'tatoeba-test-v2021-08-07' | 'flores101-devtest';

/** One side of a test set: its language (ISO 639-3), and the hash of its content from {@link contentHash}. */
export interface TestSetSide {
  language: 'fra' | 'eng';
  sha256: string;
}

/** A public French→English test set bitext recognises by the content of its files. */
export interface KnownTestSet {
  name: TestSetName;
  /** Other names of exactly the same lines. */
  aliases: readonly string[];
  title: string;
  segments: number;
  source: TestSetSide;
  reference: TestSetSide;
}

// Hashes computed from the files, never copies of them. newstest2014 and Tatoeba: the files in ../shared/eval/mt,
// byte for byte those of Helsinki-NLP/OPUS-MT-testsets@ac0f19c0be3cb4e0d9450fcb2d7a9847c4bdd180 (testsets/fra-eng/
// newstest2014.{fra,eng}, testsets/eng-fra/tatoeba-test-v2021-08-07.{fra,eng}). FLORES: the same repository and
// commit, datasets/facebook/flores/flores101_dataset/devtest/{fra,eng}.devtest and flores200_dataset/devtest/
// {fra,eng}_Latn.devtest, extracted there from the two official archives: they are the same files, so one hash
// stands for both releases.
/** The test sets recognised by content, with the hash of each side. */
export const knownTestSets: readonly KnownTestSet[] = [
  {
    name: 'newstest2014',
    aliases: [],
    title: 'WMT14 news test set (newstest2014), French→English',
    segments: 3003,
    source: { language: 'fra', sha256: '2bd07dc204f965bf88e90adb6223a8cb850f9bf9840df6af1f4945195936656e' },
    reference: { language: 'eng', sha256: '9a12cb6e8efb3509ebede627e4a9c83ee64935509d561ff70f4b7bd5f93f6096' },
  },
  {
    name: 'tatoeba-test-v2021-08-07',
    aliases: [],
    title: 'Tatoeba Challenge test set v2021-08-07, French→English',
    segments: 12681,
    source: { language: 'fra', sha256: '095313ff04016e5ddeff7557d1c5590f19724d239e424cab313b2d03ca66d365' },
    reference: { language: 'eng', sha256: '714a848bd6ab4421cafd1b9b09fd26328306fab1bc8006e820fa77a8cbe57636' },
  },
  {
    name: 'flores101-devtest',
    aliases: ['flores200-devtest'],
    title: 'FLORES-101 devtest fra→eng, the same lines as FLORES-200 devtest fra_Latn→eng_Latn',
    segments: 1012,
    source: { language: 'fra', sha256: '7705fd9e7384d9d08bca868845c092d94b11b9fbead4531809df9e669670d7a5' },
    reference: { language: 'eng', sha256: '612e9fbe87997617c0fa8fa8929654a4f49b728d96738112c2b86ef6a1d78d88' },
  },
];

/** A test set found by content, and which of the given files are its own. */
export interface TestSetMatch {
  testSet: KnownTestSet;
  /** The given files that have the content of the test set's side. */
  matched: ('source' | 'reference')[];
  /** The given files that do not: a reference with edited lines, or one from another test set. */
  differs: ('source' | 'reference')[];
}

/**
 * The hash that identifies a file's content: SHA-256, in hex, of its lines each followed by a line feed, after a
 * byte-order mark is removed from the first line, trailing whitespace (`\r` included) from every line, and an empty
 * last line (what splitting a text that ends with a line feed leaves) is dropped.
 */
export function contentHash(lines: readonly string[]): string {
  const normalized = lines.length > 0 && lines[lines.length - 1] === '' ? lines.slice(0, -1) : [...lines];
  const hash = createHash('sha256');
  normalized.forEach((line, index) => hash.update(`${trimEnd(index === 0 ? line.replace(/^\uFEFF/u, '') : line)}\n`));
  return hash.digest('hex');
}

/**
 * Recognises a known test set from the lines of its source file, of its reference file, or both (the source
 * decides when both are given); undefined when neither is a known test set's.
 */
export function recogniseTestSet(files: { source?: readonly string[]; reference?: readonly string[] }): TestSetMatch | undefined {
  const sides = (['source', 'reference'] as const).filter((side) => files[side] !== undefined);
  const hashes = new Map(sides.map((side) => [side, contentHash(files[side]!)]));
  for (const side of sides) {
    const testSet = knownTestSets.find((known) => known[side].sha256 === hashes.get(side));
    if (!testSet) continue;
    const matched = sides.filter((given) => testSet[given].sha256 === hashes.get(given));
    return { testSet, matched, differs: sides.filter((given) => !matched.includes(given)) };
  }
  return undefined;
}

/** Whether a name written in a score file is this test set's. */
export function isNameOf(testSet: KnownTestSet, name: string): boolean {
  return name === testSet.name || testSet.aliases.includes(name);
}
