/**
 * Learns the word lists of `src/integrity/language-words.ts`, which tell a translation left in French or written in
 * another language from English: the French lexicon's words that English writes too (`table`, `question`: no sign
 * of French), and the commonest words of Tatoeba's sentences in seven other languages that English does not write.
 */
import { writeFileSync } from 'node:fs';
import { lowerWord, wordsOf } from '../../src/integrity/words.js';
import { linesOf } from './integrity-learn.js';

/** What `learnLanguageWords` finds. */
export interface LanguageWords {
  /** Words of the French lexicon that the English of the tuning part writes too. */
  shared: string[];
  /** Per ISO 639-3 code, its commonest words that English does not write. */
  foreign: Record<string, string[]>;
}

/** `top` words per language, the commonest; words with digits are left out, and so is every word English writes. */
export function learnLanguageWords(frenchWords: readonly string[], englishSentences: readonly string[], foreignSentences: Record<string, readonly string[]>, top: number): LanguageWords {
  const english = new Set(englishSentences.flatMap((sentence) => wordsOf(sentence).map((word) => lowerWord(word.text))));
  const foreign: Record<string, string[]> = {};
  for (const [code, sentences] of Object.entries(foreignSentences)) {
    const counts = new Map<string, number>();
    for (const sentence of sentences) {
      for (const word of wordsOf(sentence)) {
        const lowered = lowerWord(word.text);
        if (!english.has(lowered) && !/\d/u.test(lowered)) counts.set(lowered, (counts.get(lowered) ?? 0) + 1);
      }
    }
    foreign[code] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top).map(([word]) => word).sort();
  }
  return { shared: frenchWords.filter((word) => english.has(word)).sort(), foreign };
}

/** Writes the lists as a TypeScript module. */
export function writeLanguageWords(file: string, learned: LanguageWords, origin: string): void {
  const foreign = Object.entries(learned.foreign).map(([code, words]) => `  ${code}: [\n${linesOf(words).replace(/^ {2}/gmu, '    ')}\n  ],`).join('\n');
  writeFileSync(file, `/**
 * Words that tell French, or another language, from English: the words of the French lexicon that English writes too
 * (${learned.shared.length}), which are no sign of French; and the commonest words of ${Object.keys(learned.foreign).length} other languages that English does not write
 * (${Object.values(learned.foreign).reduce((total, words) => total + words.length, 0)}). Learned by \`npm run eval:integrity -- --learn\` from ${origin}. Generated: do not edit by hand.
 */
const shared = [
${linesOf(learned.shared)}
];

const foreign: Readonly<Record<string, readonly string[]>> = {
${foreign}
};

/** Whether a word of the French lexicon, as \`lowerWord\` gives it, is one English writes too. */
export function englishWrites(lowered: string): boolean {
  return sharedSet.has(lowered);
}

/** The languages (ISO 639-3) that a word, as \`lowerWord\` gives it, is a common word of, where English does not write it. */
export function foreignLanguagesOf(lowered: string): readonly string[] {
  return languagesOf.get(lowered) ?? [];
}

const sharedSet: ReadonlySet<string> = new Set(shared.join(' ').split(' '));
const languagesOf = new Map<string, string[]>();
for (const [code, lines] of Object.entries(foreign)) {
  for (const word of lines.join(' ').split(' ')) languagesOf.set(word, [...(languagesOf.get(word) ?? []), code]);
}
`);
}
