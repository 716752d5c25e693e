import { countScripts } from './characters.js';

export { countLetters } from './characters.js';

/** Longest character n-gram a language model counts. */
export const longestNgram = 5;

const wordPattern = /[\p{L}\p{M}]+/gu;

/** The words of a text as the language model sees them: NFC, lower case, letters only (apostrophes split). */
export function modelWords(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(wordPattern) ?? [];
}

/**
 * The features the language model counts: each word whole (`_word`), and the character n-grams of ` word `
 * (1 to `longestNgram` long; spaces mark the word's edges). `_` cannot occur in an n-gram, so the two never meet.
 */
export function languageFeatures(text: string, longest = longestNgram): string[] {
  const features: string[] = [];
  for (const word of modelWords(text)) {
    features.push(`_${word}`);
    const padded = ` ${word} `;
    for (let length = 1; length <= longest; length++) {
      for (let start = 0; start + length <= padded.length; start++) {
        if (length === 1 && start === 0) continue;
        if (length === 1 && start === padded.length - 1) continue;
        features.push(padded.slice(start, start + length));
      }
    }
  }
  return features;
}

/** Share of a text's letters written in the Latin script (1 for a text without letters). */
export function latinShare(text: string): number {
  const { letters, latin } = countScripts(text);
  return letters ? latin / letters : 1;
}
