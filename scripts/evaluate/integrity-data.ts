/** The parallel texts `eval:integrity` reads from ../shared, and the parts it tunes on and holds out. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NumberedPair } from './integrity-score.js';

/** The pairs of `<name>.fra` and `<name>.eng` in `folder`, numbered from 1. */
export function readPairs(folder: string, name: string): NumberedPair[] {
  const read = (language: string) => readFileSync(path.join(folder, `${name}.${language}`), 'utf8').replace(/\n$/, '').split('\n');
  const sources = read('fra');
  const references = read('eng');
  if (sources.length !== references.length) throw new Error(`${name}: ${sources.length} French lines and ${references.length} English`);
  return sources.map((source, index) => ({ source, reference: references[index]!, line: index + 1 }));
}

/**
 * The rules were tuned on newstest lines 1–2000 and on Tatoeba's odd lines; newstest 2001–3003 and Tatoeba's even
 * lines are held out. (Tatoeba is sorted by its French, so halves by line would differ in kind; odd and even do not.)
 */
export function integrityParts(folder: string): Record<IntegrityPart, NumberedPair[]> {
  const news = readPairs(folder, 'newstest2014.fra-eng');
  const tatoeba = readPairs(folder, 'tatoeba-test-v2021-08-07.fra-eng');
  return {
    'newstest tune (1–2000)': news.slice(0, 2000),
    'newstest held out (2001–3003)': news.slice(2000),
    'tatoeba tune (odd lines)': tatoeba.filter((pair) => pair.line % 2 === 1),
    'tatoeba held out (even lines)': tatoeba.filter((pair) => pair.line % 2 === 0),
  };
}

/**
 * The Tatoeba sentences of ../shared/eval/langid in the languages other than French and English, per ISO 639-3 code:
 * the odd lines teach \`language-words.ts\` the words of each language, the even lines are written in its place.
 */
export function foreignSentences(folder: string, lines: 'odd' | 'even'): Record<string, string[]> {
  const codes = readdirSync(folder).flatMap((file) => /^tatoeba-test-v2021-08-07\.([a-z]{3})$/u.exec(file)?.[1] ?? []).filter((code) => code !== 'fra' && code !== 'eng').sort();
  return Object.fromEntries(codes.map((code) => [code, readFileSync(path.join(folder, `tatoeba-test-v2021-08-07.${code}`), 'utf8').replace(/\n$/, '').split('\n')
    .filter((_, index) => (index % 2 === 0) === (lines === 'odd'))]));
}

export type IntegrityPart = 'newstest tune (1–2000)' | 'newstest held out (2001–3003)' | 'tatoeba tune (odd lines)' | 'tatoeba held out (even lines)';
