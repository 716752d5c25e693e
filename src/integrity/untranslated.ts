/** Translations left in French: the source given back, or French words where English ones should be. */
import type { Flag } from './flags.js';
import { frenchOnlyWords } from './french-words.js';
import { namesOf } from './names.js';
import { fold, wordsOf } from './words.js';

const englishWords = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'and', 'is', 'are', 'was', 'were', 'be', 'been', 'that', 'this', 'it', 'for',
  'with', 'on', 'as', 'by', 'at', 'from', 'he', 'she', 'they', 'we', 'you', 'i', 'his', 'her', 'their', 'not', 'have',
  'has', 'had', 'will', 'would', 'which', 'who', 'but', 'or', 'do', 'does', 'did', 'there', 'what', 'my', 'your',
]);

const frenchLetters = /^\p{Ll}.*[éèêàâçùûîôœëï]/u;
const letters = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * An `untranslated` flag when the translation is the source, or has three French words or more and over twice as many
 * as English grammatical words.
 */
export function untranslatedFlags(source: string, translation: string): Flag[] {
  // Cheap tests first: an echo has about the source's length, and its first letters.
  const echo = Math.abs(source.length - translation.length) < 0.2 * source.length + 8
    && letters(source.slice(0, 40)).slice(0, 12) === letters(translation.slice(0, 40)).slice(0, 12) && letters(source) === letters(translation);
  if (echo) {
    // A sentence of names and numbers alone ("Jhonathan Florez", "BMW 320") is its own translation.
    const words = wordsOf(source).filter((word) => !/^\p{N}+$/u.test(word.text)).length;
    const namesOnly = namesOf(source).reduce((total, name) => total + name.words.length, 0) === words;
    return namesOnly ? [] : [{ kind: 'untranslated', detail: 'same as the source' }];
  }
  // French words: its grammatical words, and lower-case words with letters English keeps for a few borrowings ("café").
  const words = wordsOf(translation);
  const french = words.filter((word) => frenchOnlyWords.has(fold(word.text)) || frenchLetters.test(word.text)).map((word) => word.text.toLowerCase());
  const english = words.filter((word) => englishWords.has(fold(word.text))).length;
  if (french.length < 3 || french.length <= 2 * english) return [];
  return [{ kind: 'untranslated', detail: `reads as French: ${[...new Set(french)].slice(0, 3).join(', ')}` }];
}
