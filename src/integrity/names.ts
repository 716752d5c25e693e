/**
 * Names and acronyms of a French sentence that its English translation lost. A capital makes a name candidate, but
 * not on a word French writes in lower case elsewhere (`french-lexicon.ts`): that is the head of a sentence
 * ("Selon", "Interrogé") or an institution's common noun ("la Banque mondiale"), which English translates.
 */
import type { Flag } from './flags.js';
import { isFrenchWord } from './french-lexicon.js';
import { isFrenchCommonWord } from './french-words.js';
import { hasNameWord, indexNames, unexplainedNames } from './name-matching.js';
import { fold, lowerWord, startsSentence, wordsOf } from './words.js';

/** A name of the source: one capitalised word or several in a row (`Jhonathan Florez`, `Nouri al-Maliki`). */
export interface Name {
  text: string;
  words: string[];
  /** Where the name starts in the sentence, from 0 to 1. */
  place: number;
  /** One word after an article ("la Marine", "l'Ambassade"): maybe a common noun that English translates. */
  common: boolean;
}

const elision = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\p{Lu})/iu;
// Titles and units that take a capital without being names: "M. Dupont", "4,1 Md$".
const abbreviations = new Set(['m', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'me', 'mgr', 'dr', 'pr', 'st', 'ste', 'md', 'mds', 'mrd', 'mrds']);
// Particles inside a name: they neither make one nor end one ("Nouri Al Maliki", "Ludwig van Beethoven").
const particles = new Set(['al', 'el', 'ben', 'bin', 'ibn', 'abu', 'van', 'von', 'der', 'den', 'di', 'da', 'del', 'della', 'dos', 'das', 'du', 'de', 'la', 'le', 'les']);
const article = /(?:^|[\s'’])(?:le|la|les|du|des|au|aux)[\s\u00a0]+$|(?:^|\s)l['’]$/iu;
const roman = /^[IVXLC]+(?:e|er|re|ère|ème)?$/u;
// At the head of a sentence, a verb with its pronoun ("Avez-vous", "A-t-il") or a word with French endings or accents
// inside ("Interrogé", "Heureusement", "Colère") is no name; "-er" ends "Bombardier" and "Fischer" as often as verbs.
const inverted = /-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles|moi|toi|le|la|les|lui|leur|y|en|ce|ci)$/u;
const frenchEnding = /(?:ment|ée?s?|ant|ez|ons)$/u;
const innerAccent = /.[éèêàçôûîùœ]/u;

/** The capitalised names and acronyms of a French sentence. */
export function namesOf(source: string): Name[] {
  const names: Name[] = [];
  let end = -1;
  for (const word of wordsOf(source)) {
    const text = word.text.replace(elision, '');
    const start = word.index + word.text.length - text.length;
    const last = names.at(-1);
    if (!isNameWord(text, startsSentence(source, start))) {
      // One particle may stand inside a name ("Charles de Gaulle"); "cheval de Troie de la Flandre" is two names.
      if (!(last && end >= 0 && particles.has(fold(text)) && /^[\s\u00a0]+$/u.test(source.slice(end, word.index)))) end = -1;
      continue;
    }
    // Capitalised words with only spaces and a particle between them make one name.
    if (last && end >= 0 && /^[\s\u00a0]+(?:\p{L}+[\s\u00a0]+)?$/u.test(source.slice(end, start))) last.words.push(text);
    else names.push({ text, words: [text], place: start / source.length, common: article.test(source.slice(Math.max(0, start - 5), start)) });
    end = start + text.length;
  }
  for (const name of names) {
    name.text = name.words.join(' ');
    name.common &&= name.words.length === 1 && /\p{Ll}/u.test(name.text);
  }
  return names;
}

function isNameWord(text: string, atStart: boolean): boolean {
  if (text.length < 2 || !/^\p{Lu}/u.test(text) || /\p{N}/u.test(text) || roman.test(text)) return false;
  const folded = fold(text);
  if (abbreviations.has(folded) || particles.has(folded) || isFrenchCommonWord(folded)) return false;
  if (/^\p{Lu}+$/u.test(text)) return true;
  const lowered = lowerWord(text);
  if (isFrenchWord(lowered)) return false;
  if (!atStart) return true;
  const parts = lowered.split('-');
  if (parts.length > 1 && parts.every((part) => isFrenchWord(part) || isFrenchCommonWord(fold(part)))) return false;
  return !(inverted.test(folded) || frenchEnding.test(folded) || innerAccent.test(text.toLowerCase()));
}

/**
 * A `name` flag for each name of the source that the translation lost: its last word (a surname, the head of
 * "Nations Unies") is not there, nor more than half its words. English may drop a first name, or abbreviate one word
 * of a long name ("Southern California Assn. of Governments"), but not keep "Barack" for "Barack Obama". A name the
 * translation may have translated (one word after an article: "l'Ambassade" as "the Embassy") is forgiven by a
 * capitalised word of the translation that nothing in the source accounts for, nearby, one name for one word.
 */
export function nameFlags(source: string, translation: string): Flag[] {
  const names = namesOf(source);
  if (!names.length) return [];
  const index = indexNames(translation);
  const lost = names.filter((name) => {
    if (hasNameWord(index, name.words.at(-1)!)) return false;
    return 2 * name.words.filter((word) => hasNameWord(index, word)).length <= name.words.length;
  });
  if (!lost.some((name) => name.common)) return lost.map(flagOf);
  for (const place of unexplainedNames(source, translation)) {
    const candidates = lost.filter((name) => name.common && Math.abs(name.place - place) <= nearby);
    if (!candidates.length) break;
    const nearest = candidates.reduce((best, name) => (Math.abs(name.place - place) < Math.abs(best.place - place) ? name : best));
    lost.splice(lost.indexOf(nearest), 1);
  }
  return lost.map(flagOf);
}

// How far apart, in shares of the sentence, a name and the word that may translate it stand at most.
const nearby = 0.25;

const flagOf = (name: Name): Flag => ({ kind: 'name', detail: `${name.text} → missing` });
