/**
 * Sentence segmentation for French news text (English passages too). The splitter cuts after `.`, `!`, `?` or `…`
 * (and any closing quotes or brackets) when the next word starts a sentence, and never after an abbreviation,
 * an initial, a list number or a `[…]` elision mark. Sentences are exact substrings of the paragraph, trimmed.
 */

// Abbreviations after which a period does not end a sentence. Lower-cased, without the final period.
const abbreviations = new Set([
  // French
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'me', 'dr', 'pr', 'st', 'ste', 'mgr', 'cie', 'ets', 'av', 'bd', 'boul',
  'cf', 'ex', 'env', 'art', 'chap', 'fig', 'hab', 'min', 'max', 'no', 'nos', 'p', 'pp', 'vol', 'tél', 'tel', 'coll',
  'éd', 'ed', 'trad', 'réf', 'ref', 'sq', 'sqq', 'janv', 'févr', 'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc',
  'lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim', 'hon', 'gén', 'gal', 'cdt', 'lt', 'col', 'sgt', 'adj', 'dép',
  'apr', 'auj', 'c.-à-d', 'c-à-d', 'resp', 'vs', 'etc.-', 'approx', 'ca',
  // English
  'mr', 'mrs', 'ms', 'messrs', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'capt', 'sgt', 'jr', 'sr', 'inc', 'co',
  'corp', 'ltd', 'dept', 'est', 'fig', 'jan', 'feb', 'aug', 'dec', 'mt', 'ft', 'vs', 'e.g', 'i.e', 'al', 'approx',
]);

// Characters that may close a sentence after its final punctuation.
const closers = '»”"’\')]';
// What may open the next sentence: quotes, brackets or a dash, then an upper-case letter or a digit.
const nextSentence = /^[\s\u00a0\u202f]+(?=[«“"'(\[—–-]?[\s\u00a0\u202f]*[\p{Lu}\p{N}])/u;
// Text scraped from web pages often loses the break between paragraphs: "américains.Au lendemain". A sentence ending
// in a lower-case word, glued to a capitalized word, is cut there; "U.S.Army" or "Booking.com" are not.
const gluedSentence = /^(?=\p{Lu}\p{Ll})/u;
const gluedEnding = /\p{Ll}{2}[»”"’')\]]*[.!?…]+[»”"’')\]]*$/u;

/** Splits a paragraph into sentences. Returns `[text]` (trimmed) when there is a single sentence. */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.trim();
  const sentences: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (!isTerminal(text, index)) continue;
    let end = index + 1;
    // Runs of terminal punctuation ("?!", "...") and closing quotes belong to the sentence they end.
    while (end < text.length && (isTerminalChar(text[end]!) || closers.includes(text[end]!) || isSpaceBeforeCloser(text, end))) {
      end++;
    }
    if (char === '.' && !endsSentenceAfterPeriod(text, start, index)) continue;
    const gap = nextSentence.exec(text.slice(end)) ?? (gluedEnding.test(text.slice(start, end)) ? gluedSentence.exec(text.slice(end)) : null);
    if (!gap) continue;
    sentences.push(text.slice(start, end).trim());
    start = end + gap[0].length;
    index = start - 1;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

function isTerminalChar(char: string): boolean {
  return char === '.' || char === '!' || char === '?' || char === '…';
}

function isTerminal(text: string, index: number): boolean {
  const char = text[index]!;
  if (!isTerminalChar(char)) return false;
  // "[…]" and "(...)" mark an elision inside a quote, not the end of a sentence.
  const before = text.slice(Math.max(0, index - 3), index);
  if ((char === '…' || char === '.') && /[[(](\.{0,2})$/.test(before)) return false;
  return true;
}

// French typography puts a (narrow) no-break space before a closing guillemet: "complices. »".
function isSpaceBeforeCloser(text: string, index: number): boolean {
  return /[\s\u00a0\u202f]/.test(text[index]!) && text[index + 1] === '»';
}

function endsSentenceAfterPeriod(text: string, start: number, period: number): boolean {
  const word = /([\p{L}\p{N}.\-]+)$/u.exec(text.slice(start, period))?.[1] ?? '';
  if (!word) return true;
  const bare = word.toLowerCase();
  if (abbreviations.has(bare)) return false;
  // Initials and dotted acronyms: "J. Smith", "U.S. Immigration".
  if (/^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) return false;
  // List numbering: "1. Appelez…, 2. Supprimez…"; a year or a longer number ends sentences as usual.
  if (/^\d{1,2}$/.test(word)) {
    const before = text.slice(Math.max(start, period - word.length - 2), period - word.length);
    if (/(^|[\s:,;(])$/.test(before) && isListMarker(text, start, period - word.length)) return false;
  }
  return true;
}

// A number is a list marker when it starts the sentence or follows ":" / "," — "téléphone : 1. Appelez".
function isListMarker(text: string, start: number, numberStart: number): boolean {
  const before = text.slice(start, numberStart).trimEnd();
  return before === '' || /[:,;]$/.test(before);
}
