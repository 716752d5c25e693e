import type { Sentence } from '../article.js';
import { countWords } from '../article.js';
import { fewestWords, isFragment } from './fragment.js';
import { hasFiniteVerb } from './verbs.js';
import { stopwords } from './stopwords.js';

/** The mark that ends a cut sentence. */
export const ellipsis = '…';

// Words as `countWords` counts them, so that a cut keeps exactly the words it says it keeps.
const wordPattern = /[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu;

/** A place between two words where a sentence may be cut: after `words` words, of a strength from 1 (a space) to 3. */
interface Gap {
  words: number;
  /** Where the kept text ends: after the words and any closing quote or bracket right after them. */
  end: number;
  strength: number;
  /** The clause mark at the gap (`;`, `,`, `–`, …), if any: an English cut prefers the same mark. */
  mark: string;
  /** The words on either side. */
  before: string;
  after: string;
}

/**
 * The places between the first `most` + 1 words of a text where it may be cut, in order. A gap must hold a space
 * (`1,5` and `l'enquête` are never cut). Strongest is a clause mark (`;`, `:`, a spaced dash, an opening bracket)
 * or a sentence end the splitter kept inside (`2018. A l'issue`, not `M. Dupont`); then a comma or a closing quote
 * or bracket; then a bare space. A cut inside brackets or quotes counts one less.
 */
function gapsOf(text: string, most = Infinity): { gaps: Gap[]; words: number; lastEnd: number } {
  const gaps: Gap[] = [];
  let words = 0;
  let previous = '';
  let previousEnd = -1;
  let depth = 0;
  let straightQuotes = 0;
  wordPattern.lastIndex = 0;
  for (let match = wordPattern.exec(text); match; match = wordPattern.exec(text)) {
    if (previousEnd >= 0) {
      const between = text.slice(previousEnd, match.index);
      for (const char of between) {
        if ('(«“['.includes(char)) depth++;
        else if (')»”]'.includes(char)) depth = Math.max(0, depth - 1);
        else if (char === '"') straightQuotes++;
      }
      if (/\s/u.test(between)) {
        // Kept with the words before: closing marks, `»` and brackets after a space too (« mot »), straight quotes
        // only attached; and units written after a space (`1,5 %`, `20 €`).
        const closers = /^[.!?…]?(?:[\s\u00a0\u202f]*[)»”\]%‰€£°]|["’])+/u.exec(between)?.[0].length ?? 0;
        const stop = /^[.!?…]/u.test(between) && !/^\p{Lu}[\p{Ll}]{0,3}$/u.test(previous);
        const clause = /[;:]|\s[–—-]\s|\(|,/u.exec(between)?.[0].trim();
        const mark = stop ? between[0]! : (clause ?? /[)»”\]"]/u.exec(between.slice(0, closers))?.[0] ?? '');
        const strength = stop || /[;:(]|\s[–—-]\s/u.test(between) ? 3 : mark ? 2 : 1;
        const open = depth > 0 || straightQuotes % 2 === 1;
        gaps.push({ words, end: previousEnd + closers, strength: open ? Math.max(1, strength - 1) : strength, mark, before: previous, after: match[0] });
      }
    }
    words++;
    if (words > most) break;
    previous = match[0];
    previousEnd = match.index + match[0].length;
  }
  return { gaps, words, lastEnd: previousEnd };
}

/** The kept beginning of a text, up to `end`, without the mark or space it ended on, and `…`. */
function keep(text: string, end: number): string {
  return `${text.slice(0, end).replace(/[\s\u00a0\u202f,;:.–—(«“-]+$/u, '')}${ellipsis}`;
}

/**
 * The latest gap from `index` back that makes a clean cut between words: not after a function word ("le président
 * de …" ends "le président …") nor inside a name ("Françoise … Kalb"), keeping at least `fewestWords`.
 */
function cleanWordCut(gaps: Gap[], index: number, language: string): number {
  const ignore = stopwords[language] ?? stopwords.eng!;
  const capital = /^\p{Lu}/u;
  let at = index;
  while (at > 0 && gaps[at]!.words > fewestWords) {
    const gap = gaps[at]!;
    if (!ignore.has(gap.before.toLowerCase()) && !(capital.test(gap.before) && capital.test(gap.after))) break;
    at--;
  }
  return at;
}

/**
 * A sentence of more than `most` words, cut to at most `most`, ending with `…`. The cut is at the latest clause
 * break that keeps at least `least` words, preferring one after the sentence's main verb (`complete`: a subject is
 * not left without it); else after the last whole word that fits, function words dropped. A cut never leaves a
 * fragment (see `isFragment`). Returns the text itself, complete, when it fits.
 */
export function cutSentence(text: string, most: number, least: number, language: string): { text: string; complete: boolean } {
  const { gaps, words, lastEnd } = gapsOf(text, most);
  if (words <= most) return { text, complete: true };
  const fitting = gaps.filter((gap) => gap.words <= most);
  const verb = firstVerb(text, fitting, language);
  const complete = (gap: Gap) => gap.words >= verb;
  const usable = (gap: Gap) => !isFragment(keep(text, gap.end), language, gap.words);
  const cut = (gap: Gap) => ({ text: keep(text, gap.end), complete: complete(gap) });
  const tiers = [
    (gap: Gap) => gap.strength === 3 && complete(gap),
    (gap: Gap) => gap.strength === 2 && complete(gap),
    (gap: Gap) => gap.strength === 3,
    (gap: Gap) => gap.strength === 2,
  ];
  for (const tier of tiers) {
    for (let index = fitting.length - 1; index >= 0 && fitting[index]!.words >= least; index--) {
      if (tier(fitting[index]!) && usable(fitting[index]!)) return cut(fitting[index]!);
    }
  }
  for (let index = cleanWordCut(fitting, fitting.length - 1, language); index >= 0; index--) {
    if (usable(fitting[index]!)) return cut(fitting[index]!);
  }
  // Nothing that fits stands alone, or no space to cut at (`a,b,c,…`): the words that fit, whatever they are.
  return fitting.length ? cut(fitting.at(-1)!) : { text: keep(text, lastEnd), complete: false };
}

/** The fewest words a beginning of the text needs to show a finite verb (by bisection: a longer one shows it too). */
function firstVerb(text: string, gaps: Gap[], language: string): number {
  const shows = hasFiniteVerb(text.slice(0, gaps.at(-1)?.end ?? 0), language);
  if (shows === undefined || !gaps.length) return 0;
  if (!shows) return Infinity;
  let low = 0;
  let high = gaps.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (hasFiniteVerb(text.slice(0, gaps[middle]!.end), language)) high = middle;
    else low = middle + 1;
  }
  return gaps[low]!.words;
}

/**
 * The English to show beside a sentence shown cut (`shown`, ending with `…`): the translation of the same beginning,
 * ending with `…`. Where the sentence was translated in pieces (`segments`), the pieces wholly kept are kept whole;
 * the piece the cut falls in, or a translation in one piece, is cut at the clause break nearest the same share of
 * its words, preferring the French cut's own mark, else at the word there. Returns the translation as it is when
 * the sentence was not cut, and `undefined` when it has none.
 */
export function cutTranslation(sentence: Sentence, shown: string): string | undefined {
  if (sentence.translation === undefined || shown === sentence.text) return sentence.translation;
  const kept = countWords(shown);
  const mark = gapsOf(sentence.text, kept).gaps.find((gap) => gap.words === kept)?.mark ?? '';
  const pieces = sentence.segments ?? [{ source: sentence.text, translation: sentence.translation }];
  const english: string[] = [];
  let before = 0;
  for (const piece of pieces) {
    const words = countWords(piece.source);
    if (before + words > kept) {
      english.push(cutAtShare(piece.translation, (kept - before) / words, mark));
      return english.join(' ');
    }
    english.push(piece.translation);
    before += words;
    if (before === kept) break;
  }
  return keep(english.join(' '), english.join(' ').length);
}

// How far from the same share of words an English clause break may be, as a share of the English words.
const shareTolerance = 0.15;

function cutAtShare(text: string, share: number, mark: string): string {
  const { gaps, words } = gapsOf(text);
  if (!gaps.length) return keep(text, text.length);
  const target = share * words;
  const distance = (gap: Gap) => Math.abs(gap.words - target);
  const nearest = (fits: (gap: Gap) => boolean, tolerance = Infinity) =>
    gaps.reduce<Gap | undefined>((best, gap) => (fits(gap) && distance(gap) <= tolerance && (!best || distance(gap) < distance(best)) ? gap : best), undefined);
  const tolerance = Math.max(2, shareTolerance * words);
  const clause = (mark ? nearest((gap) => gap.mark === mark && gap.strength > 1, tolerance) : undefined) ?? nearest((gap) => gap.strength > 1, tolerance);
  if (clause) return keep(text, clause.end);
  const word = gaps.indexOf(nearest(() => true)!);
  return keep(text, gaps[cleanWordCut(gaps, word, 'eng')]!.end);
}
