/**
 * Whether a translation kept a word of a French name. English may spell it otherwise: without accents, with a
 * possessive (`Hollande's`), on a shared stem (`Londres`, `London`), as the table of `translated-names.ts` says
 * (`Allemagne`, `Germany`), or as an acronym in another order (`OTAN`, `NATO`) or spelt out (`PS`, "Socialist Party").
 */
import { editDistance } from '../text/suggest.js';
import { englishFormsOf } from './translated-names.js';
import { fold, startsSentence, wordsOf } from './words.js';

/** What a translation offers to find names in: its folded words, its acronyms and its capitalised words. */
export interface NameIndex {
  words: Set<string>;
  /** The folded words joined by single spaces, hyphens made spaces, for phrases ("united states"). */
  spaced: string;
  acronyms: string[];
  /** The initials of each run of capitalised words, for acronyms spelt out. */
  initials: string[];
}

// Small words inside a name spelt out: "Union for a Popular Movement".
const connectors = new Set(['of', 'for', 'the', 'and', 'on', 'in', 'a', 'de', 'du', 'des', 'la', 'le']);
const elided = /^(?:[ldjmnstc]|qu)'/u;

/** Indexes a translation once for every name looked up in it. */
export function indexNames(translation: string): NameIndex {
  const words = new Set<string>();
  const list: string[] = [];
  const acronyms: string[] = [];
  const initials: string[] = [''];
  for (const word of wordsOf(translation)) {
    const plain = word.text.replace(/['’]s?$/u, '');
    const folded = fold(plain);
    list.push(folded);
    for (const form of [folded, folded.replace(elided, ''), folded.replace(/[.-]/g, ''), ...folded.split('-')]) words.add(form);
    const letters = plain.replace(/\./g, '');
    // Acronyms with a plural or a small letter inside: "MDGs", "DDoS".
    if (/^\p{Lu}[\p{Lu}\p{Ll}]*$/u.test(letters) && (letters.match(/\p{Lu}/gu)?.length ?? 0) >= Math.max(2, letters.length - 1)) acronyms.push(letters.replace(/\p{Ll}/gu, '').toUpperCase());
    if (/^\p{Lu}/u.test(plain)) initials[initials.length - 1] += letters[0]!;
    else if (!connectors.has(folded) && initials.at(-1)) initials.push('');
  }
  return { words, spaced: ` ${list.join(' ').replace(/-/g, ' ')} `, acronyms, initials: initials.filter(Boolean) };
}

/** Whether one word of a French name is in the translation, in any of the forms English gives it. */
export function hasNameWord(index: NameIndex, word: string): boolean {
  const folded = fold(word);
  if (has(index, folded) || has(index, folded.replace(/-/g, '')) || hasForm(index, folded)) return true;
  // One part of a compound will do: "Saint-Pierre" as "St Pierre".
  if (folded.includes('-') && folded.split('-').some((part) => part.length > 2 && (index.words.has(part) || hasForm(index, part)))) return true;
  if (/^\p{Lu}{2,6}$/u.test(word) && hasAcronym(index, word, 1)) return true;
  // "l'Otan", "l'Onu": acronyms written as words must match more closely.
  if (word.length <= 5 && hasAcronym(index, word.toUpperCase(), 0)) return true;
  for (const candidate of index.words) if (cognate(folded, candidate)) return true;
  return false;
}

// A word or phrase of the translation, its plural too ("Caribbeans").
function has(index: NameIndex, form: string): boolean {
  if (form.includes(' ') || form.includes('-')) return index.spaced.includes(` ${form.replace(/-/g, ' ')} `);
  return index.words.has(form) || index.words.has(`${form}s`);
}

function hasForm(index: NameIndex, folded: string): boolean {
  return englishFormsOf(folded).some((form) => has(index, form));
}

// The same name across the two languages: a shared beginning of five letters (`Américains`, `Americans`), or of four
// and more than half the longer word (`Londres`, `London`; not `Goodyear`, "good"), or a letter or two apart
// (`Ouganda`, `Uganda`; `Parlement`, `Parliament`). Four-letter words must match: "Moore" is not "more".
function cognate(french: string, english: string): boolean {
  const shorter = Math.min(french.length, english.length);
  if (shorter < 4) return false;
  let prefix = 0;
  while (prefix < shorter && french[prefix] === english[prefix]) prefix++;
  if (prefix >= 5 || (prefix === 4 && prefix * 2 > Math.max(french.length, english.length))) return true;
  if (shorter < 5 || Math.abs(french.length - english.length) > 2) return false;
  return editDistance(french, english) <= (shorter >= 6 && prefix > 0 ? 2 : 1);
}

// `OTAN` is `NATO`, `ONU` is `UN`, `ASFC` is `CBSA`, `NYMEX` is "New York Mercantile Exchange", `UMP` is "Union for a
// Popular Movement": the same letters in any order, one fewer, or (with `others` 1) one other.
function hasAcronym(index: NameIndex, acronym: string, others: 0 | 1): boolean {
  const letters = sorted(acronym);
  const close = (other: string) => {
    if (other.length < 2 || other.length > acronym.length || other.length < acronym.length - 1) return false;
    return shared(letters, sorted(other)) >= Math.max(2, other.length - (other.length === acronym.length ? others : 0));
  };
  if (index.acronyms.some(close)) return true;
  // Initials come by chance more easily: one fewer only for acronyms of four letters or more.
  return index.initials.some((run) => {
    for (let length = Math.max(3, acronym.length - 1); length <= acronym.length; length++) {
      for (let first = 0; first + length <= run.length; first++) if (close(run.slice(first, first + length))) return true;
    }
    return false;
  });
}

const sorted = (text: string) => [...text].sort().join('');

// How many letters two sorted strings have in common, counted with their repeats.
function shared(a: string, b: string): number {
  let count = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      count++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return count;
}

// Capitals of English that name nothing.
const englishCapitals = new Set(['i', 'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'ok']);

/** A run of capitalised words of a translation that no word of the source accounts for. */
export interface Unexplained {
  /** Where it starts, from 0 to 1. */
  place: number;
  /** An acronym ("OPCW"), rather than words ("Embassy", "New Flemish Alliance"). */
  acronym: boolean;
}

/**
 * The runs of capitalised words of a translation that no word of the source accounts for, by the same rules read the
 * other way: "Embassy" for "Ambassade", "OPCW" for "OIAC". The head of a sentence, where any word takes a capital, is
 * left out, and so is a headline in title case.
 */
export function unexplainedNames(source: string, translation: string): Unexplained[] {
  const words = wordsOf(translation);
  const long = words.filter((word) => word.text.length > 3);
  if (2 * long.filter((word) => /^\p{Lu}/u.test(word.text)).length > long.length) return [];
  const sourceIndex = indexNames(source);
  const forms = new Set(wordsOf(source).flatMap((word) => englishFormsOf(fold(word.text).replace(elided, ''))).flatMap((form) => form.split(' ')));
  const runs: Unexplained[] = [];
  let end = -1;
  for (const word of words) {
    const plain = word.text.replace(/['’]s?$/u, '');
    const folded = fold(plain);
    const unexplained = /^\p{Lu}/u.test(plain) && !englishCapitals.has(folded) && !startsSentence(translation, word.index)
      && !forms.has(folded) && !hasNameWord(sourceIndex, plain);
    const acronym = !/\p{Ll}/u.test(plain.slice(1));
    if (unexplained && end >= 0 && /^[\s\u00a0]+$/u.test(translation.slice(end, word.index))) runs.at(-1)!.acronym &&= acronym;
    else if (unexplained) runs.push({ place: word.index / translation.length, acronym });
    end = unexplained ? word.index + word.text.length : -1;
  }
  return runs;
}
