/** Words of a sentence as the checks compare them: lower case, accents, ligatures and curly apostrophes made plain. */

const marks = /\p{M}+/gu;

/** The text as the checks compare it: lower case, no accents (`État` ⇒ `etat`), `œ` ⇒ `oe`, `’` ⇒ `'`. */
export function fold(text: string): string {
  // Most words are plain ASCII: they need no Unicode normalisation, which costs more than all the rest.
  if (ascii.test(text)) return text.toLowerCase().replace(/`/g, "'");
  return text.normalize('NFD').replace(marks, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/[’‘`´]/g, "'");
}

const ascii = /^[\x00-\x7f]*$/;

/** A word in lower case with its accents, apostrophes made plain: how the French lexicon holds it. */
export function lowerWord(word: string): string {
  return word.toLowerCase().replace(/[’‘]/g, "'");
}

// A word: letters and digits, held together by apostrophes, hyphens and inner dots ("aujourd'hui", "Jean-Marc",
// "U.S"), so that a name is one word on both sides.
const wordPattern = /[\p{L}\p{N}]+(?:['’.‐-][\p{L}\p{N}]+)*/gu;

/** A word of a sentence and where it starts. */
export interface Word {
  text: string;
  index: number;
}

/** The words of a text, in order. */
export function wordsOf(text: string): Word[] {
  return [...text.matchAll(wordPattern)].map((match) => ({ text: match[0], index: match.index }));
}

/** The letters and digits of a text, for lengths that spacing and punctuation do not change. */
export function countLetters(text: string): number {
  return text.replace(/[^\p{L}\p{N}]+/gu, '').length;
}

// Where a sentence, a quotation or an aside starts, a capital says nothing of the word.
const opening = new Set(['«', '“', '"', '(', '[', '—', '–', '-', '\'', '‘', '’']);
const stops = new Set(['.', '!', '?', ':', ';', '…']);

/** Whether the word at `index` heads a sentence, a quotation or an aside, where any word takes a capital. */
export function startsSentence(text: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && /[\s\u00a0\u202f]/u.test(text[at]!)) at--;
  if (at < 0) return true;
  // An opening quote, not the apostrophe of "l'Hôtel-Dieu" or "d'Obama".
  if (opening.has(text[at]!)) return !/['’]/u.test(text[at]!) || at === 0 || /[\s\u00a0\u202f]/u.test(text[at - 1]!);
  while (at >= 0 && /[»”"’)\]]/u.test(text[at]!)) at--;
  return at >= 0 && stops.has(text[at]!);
}
