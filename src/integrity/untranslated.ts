/**
 * Translations left in French, wholly or in part, or written in another language: the source given back, or a
 * stretch of words English does not write where English ones should be.
 */
import type { Flag } from './flags.js';
import { inFrenchLexicon } from './french-lexicon.js';
import { frenchOnlyWords } from './french-words.js';
import { englishWrites, foreignLanguagesOf } from './language-words.js';
import { namesOf } from './names.js';
import { fold, lowerWord, startsSentence, wordsOf, type Word } from './words.js';

// English grammatical and everyday words: each one makes a stretch less likely to be in another language.
const englishWords = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'and', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'that', 'this', 'it',
  'for', 'with', 'on', 'as', 'by', 'at', 'from', 'he', 'she', 'they', 'we', 'you', 'i', 'his', 'her', 'their', 'not',
  'have', 'has', 'had', 'will', 'would', 'which', 'who', 'but', 'or', 'do', 'does', 'did', 'there', 'what', 'my',
  'your', 'me', 'him', 'them', 'us', 'our', 'its', 'can', 'could', 'should', 'if', 'so', 'all', 'just', 'about', 'up',
  'out', 'than', 'then', 'when', 'how', 'why', 'where', 'am', 'very', 'here', 'get', 'got', 'no', 'yes', 'please',
  'let', 'go', 'like', 'want', 'know', 'think', "don't", "it's", "i'm", "can't", 'one', 'time', 'good',
]);

const languageNames: Readonly<Record<string, string>> = {
  fra: 'French', deu: 'German', spa: 'Spanish', ita: 'Italian', por: 'Portuguese', nld: 'Dutch', cat: 'Catalan', ron: 'Romanian',
};

// Lower-case words with letters English does not write, by the language that writes them most.
const lettersOf: readonly [RegExp, string][] = [
  [/^\p{Ll}.*[éèêàâçùûîôœëï]/u, 'fra'], [/^\p{Ll}.*[äöüß]/u, 'deu'], [/^\p{Ll}.*ñ/u, 'spa'], [/^\p{Ll}.*[ãõ]/u, 'por'], [/^\p{Ll}.*[ăâșşțţ]/u, 'ron'],
];
const capital = /^\p{Lu}/u;
// A capital, after an elision if any: "l'Etude" is a word of a name.
const nameStart = /^(?:(?:[ldjmnstcLDJMNSTC]|[qQ]u)['’])?\p{Lu}/u;
// A title in quotation marks: a capital, then three more words at most ("Gloire du matin").
const quotes = /["«“]/u;
const quotedTitle = /(?:"|«|“)\s*\p{Lu}[^"«»“”.!?]{0,40}?\s*(?:"|»|”)/gu;
const letters = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The languages of a word English does not write: French (its grammatical words, the lexicon's words English does
 * not share), other languages' common words, and letters English does not write ("très", "für"). Empty for a word
 * English writes, or no language tells.
 */
function languagesOfWord(word: Word, folded: string): readonly string[] {
  const lowered = lowerWord(word.text);
  const french = frenchOnlyWords.has(folded) || (inFrenchLexicon(lowered) && !englishWrites(lowered));
  const foreign = foreignLanguagesOf(lowered);
  const languages = french ? ['fra', ...foreign] : foreign;
  if (languages.length) return languages;
  if (folded === lowered) return none;
  const lettered = lettersOf.find(([pattern]) => pattern.test(word.text));
  return lettered ? [lettered[1]] : none;
}

const none: readonly string[] = [];

interface Marked {
  text: string;
  languages: readonly string[];
}

// The stretch of a translation that reads least as English: each word of another language counts 1, each English
// word −1, a word of a name nothing, any other word (a number, a word both languages write) −0.2. Calibrated by
// `npm run eval:integrity` (false flags on human references, and the corruptions it flags).
const englishCost = 1;
const otherCost = 0.2;
const nameCost = 0;
const leastMarked = 3;

interface Judged {
  word: Word;
  /** The languages the word tells, none if it may be English. */
  languages: readonly string[];
  /** An English grammatical or everyday word. */
  english: boolean;
  /** A capital inside a sentence, or a grammatical word between two (`Observatoire pour la Conservation`). */
  name: boolean;
}

function judge(text: string): Judged[] {
  const titles = !quotes.test(text) ? [] : [...text.matchAll(quotedTitle)].filter((match) => wordsOf(match[0]).length <= 4).map((match) => [match.index, match.index + match[0].length] as const);
  const judged = wordsOf(text).map((word): Judged => {
    const titled = titles.some(([start, end]) => word.index > start && word.index < end);
    if (titled || (nameStart.test(word.text) && !startsSentence(text, word.index))) return { word, languages: none, english: false, name: true };
    const folded = fold(word.text);
    const languages = languagesOfWord(word, folded);
    return { word, languages, english: !languages.length && englishWords.has(folded), name: false };
  });
  // The words of another language between two words of a name belong to the name.
  for (let start = 1; start < judged.length; start++) {
    if (!judged[start - 1]!.name || !judged[start]!.languages.length) continue;
    let end = start;
    while (end < judged.length && judged[end]!.languages.length) end++;
    if (end < judged.length && judged[end]!.name) for (let index = start; index < end; index++) judged[index] = { ...judged[index]!, languages: none, name: true };
    start = end;
  }
  return judged;
}

interface Stretch {
  marked: Marked[];
  /** How many words it spans, from its first word of another language to its last. */
  span: number;
}

function foreignStretch(words: readonly Judged[]): Stretch {
  let best: Stretch = { marked: [], span: 0 };
  let bestScore = 0;
  let score = 0;
  let marked: Marked[] = [];
  let first = 0;
  words.forEach(({ word, languages, english, name }, index) => {
    const step = languages.length ? 1 : english ? -englishCost : name ? -nameCost : -otherCost;
    if (score + step <= 0) {
      score = 0;
      marked = [];
      return;
    }
    if (!marked.length) first = index;
    score += step;
    if (languages.length) marked.push({ text: word.text, languages });
    if (score > bestScore) {
      bestScore = score;
      best = { marked: [...marked], span: index - first + 1 };
    }
  });
  return best.marked.length >= leastMarked && bestScore >= leastMarked - 1 ? best : { marked: [], span: 0 };
}

// The language most of the words can be in; French, the source's, where it is as common as any.
function mainLanguage(marked: readonly Marked[]): string {
  const counts = new Map<string, number>([['fra', 0]]);
  for (const { languages } of marked) for (const language of languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/**
 * An `untranslated` flag when the translation is the source; or when it has a stretch of three words or more that
 * English does not write, with few English words between them (the source's end left in French: `partly French`);
 * or when it has no English word, and words of another language make half its lower-case words or more (`reads as`).
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
  const words = judge(translation);
  const all = words.filter((word) => word.languages.length).map(({ word, languages }) => ({ text: word.text, languages }));
  const lowerCase = words.filter(({ word }) => !capital.test(word.text)).length;
  const whole = all.length >= 2 && !words.some((word) => word.english) && 2 * all.length >= lowerCase;
  const stretch = whole ? { marked: all, span: words.length } : foreignStretch(words);
  if (!stretch.marked.length) return [];
  const code = mainLanguage(stretch.marked);
  const shown = [...new Set(stretch.marked.map((word) => word.text.toLowerCase()))].slice(0, 3).join(', ');
  // A stretch over most of the words: the translation reads as that language; else part of it does.
  return [{ kind: 'untranslated', detail: `${3 * stretch.span >= 2 * words.length ? 'reads as' : 'partly'} ${languageNames[code] ?? code}: ${shown}` }];
}
