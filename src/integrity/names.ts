/**
 * Names and acronyms of a French sentence that its English translation lost. A capital makes a name candidate, but
 * not on a word French writes in lower case elsewhere (`french-lexicon.ts`): that is the head of a sentence
 * ("Selon", "Interrogé") or an institution's common noun ("la Banque mondiale"), which English translates.
 */
import type { Flag } from './flags.js';
import { isFrenchWord } from './french-lexicon.js';
import { isCapitalisedNoun, isFrenchCommonWord } from './french-words.js';
import { hasNameWord, indexNames, unexplainedNames } from './name-matching.js';
import { fold, lowerWord, startsSentence, wordsOf } from './words.js';

/** A name of the source: one capitalised word or several in a row (`Jhonathan Florez`, `Nouri al-Maliki`). */
export interface Name {
  text: string;
  words: string[];
  /** The last word that is no common French word: the head of "CGT Santé". */
  head: string;
  /** Where the name starts in the sentence, from 0 to 1. */
  place: number;
  /** One word after an article ("la Marine", "l'Ambassade"): maybe a common noun that English translates. */
  common: boolean;
  /** An acronym ("OIAC"), which English may say with its own ("OPCW") or in words. */
  acronym: boolean;
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

type WordClass = 'name' | 'common' | 'none';

/**
 * The capitalised names and acronyms of a French sentence. Capitalised words in a row make one name, a particle
 * between them too ("Charles de Gaulle", not after an acronym: "YMCA de Nouvelle-Galles" is two); a common word
 * inside one belongs to it ("Billy Long", "Président Obama"), but common words alone make none ("la Banque Mondiale").
 */
export function namesOf(source: string): Name[] {
  const names: Name[] = [];
  let run: { words: string[]; head: string; start: number; end: number; named: boolean; particle: boolean; atStart: boolean } | undefined;
  const close = () => {
    // Common words capitalised in a row inside a sentence name something too: "La Presse Canadienne", "Nouvelle Star".
    if (run && (run.named || (run.words.length > 1 && !run.atStart))) {
      const text = run.words.join(' ');
      const alone = run.words.length === 1;
      names.push({
        text, words: run.words, head: run.head || run.words.at(-1)!, place: run.start / source.length, acronym: alone && /^\p{Lu}+$/u.test(text),
        common: alone && /\p{Ll}/u.test(text) && article.test(source.slice(Math.max(0, run.start - 5), run.start)),
      });
    }
    run = undefined;
  };
  for (const word of wordsOf(source)) {
    const text = word.text.replace(elision, '');
    const start = word.index + word.text.length - text.length;
    const kind = classify(text, startsSentence(source, start));
    const spaced = run !== undefined && /^[\s\u00a0]+$/u.test(source.slice(run.end, word.index));
    if (kind === 'none') {
      const last = run?.words.at(-1) ?? '';
      if (run && spaced && !run.particle && particles.has(fold(text)) && !/^\p{Lu}+$/u.test(last)) {
        run.particle = true;
        run.end = start + text.length;
      } else close();
      continue;
    }
    // After a particle, only a name carries the name on ("Charles de Gaulle", not "Crystal du Weill Cornell Medical").
    if (run && spaced && (!run.particle || kind === 'name')) {
      run.words.push(text);
      run.particle = false;
    } else {
      // A particle that no name follows was not part of one.
      close();
      run = { words: [text], head: '', start, end: 0, named: false, particle: false, atStart: startsSentence(source, start) };
    }
    run.named ||= kind === 'name';
    if (kind === 'name') run.head = text;
    run.end = start + text.length;
  }
  close();
  return names;
}

function classify(text: string, atStart: boolean): WordClass {
  if (text.length < 2 || !/^\p{Lu}/u.test(text) || /\p{N}/u.test(text) || roman.test(text)) return 'none';
  const folded = fold(text);
  if (abbreviations.has(folded) || particles.has(folded) || isFrenchCommonWord(folded)) return 'none';
  if (/^\p{Lu}+$/u.test(text)) return 'name';
  const lowered = lowerWord(text);
  if (isFrenchWord(lowered) || isCapitalisedNoun(folded)) return 'common';
  if (!atStart) return 'name';
  const parts = lowered.split('-');
  if (parts.length > 1 && parts.every((part) => isFrenchWord(part) || isFrenchCommonWord(fold(part)))) return 'common';
  return inverted.test(folded) || frenchEnding.test(folded) || innerAccent.test(text.toLowerCase()) ? 'none' : 'name';
}

/**
 * A `name` flag for each name of the source that the translation lost: not its last word (a surname, "Unies" of
 * "Nations Unies"), nor its last word that is no common word ("CGT" of "CGT Santé"), nor more than half its words.
 * English may drop a first name or shorten a long name ("Southern California Assn. of Governments"), but not keep
 * "Barack" for "Barack Obama". A name English may have translated (one word after an article, "l'Ambassade" as "the
 * Embassy"; an acronym, "OIAC" as "OPCW") is forgiven by a nearby capitalised word of the translation that nothing in
 * the source accounts for, one name for one word.
 */
export function nameFlags(source: string, translation: string): Flag[] {
  const names = namesOf(source);
  if (!names.length) return [];
  const index = indexNames(translation);
  const lost = names.filter((name) => {
    if (hasNameWord(index, name.words.at(-1)!) || hasNameWord(index, name.head)) return false;
    return 2 * name.words.filter((word) => hasNameWord(index, word)).length <= name.words.length;
  });
  const lowered = lowerCased(names.filter((name) => !lost.includes(name) && !name.common), translation);
  if (!lost.some((name) => name.common || name.acronym)) return [...lost.map(flagOf), ...lowered];
  for (const { place, acronym } of unexplainedNames(source, translation)) {
    // Words may translate a common noun or an acronym; an English acronym, only an acronym ("US" is no "Marine").
    const candidates = lost.filter((name) => (name.acronym || (name.common && !acronym)) && Math.abs(name.place - place) <= nearby);
    if (!candidates.length) break;
    const nearest = candidates.reduce((best, name) => (Math.abs(name.place - place) < Math.abs(best.place - place) ? name : best));
    lost.splice(lost.indexOf(nearest), 1);
  }
  return [...lost.map(flagOf), ...lowered];
}

/**
 * Acronyms the translation kept but in lower case only ("ice" for ICE): one no longer reads as a name. Other names
 * are left alone: English writes some in lower case on purpose ("an intercom", "wi-fi").
 */
function lowerCased(names: readonly Name[], translation: string): Flag[] {
  const words = wordsOf(translation);
  return names.filter((name) => name.acronym && name.text.length > 1).flatMap((name) => {
    const uses = words.filter((word) => fold(word.text) === fold(name.head));
    if (!uses.length || uses.some((word) => /\p{Lu}/u.test(word.text))) return [];
    return [{ kind: 'name', detail: `${name.text} → ${uses[0]!.text} (in lower case)` }];
  });
}

// How far apart, in shares of the sentence, a name and the word that may translate it stand at most.
const nearby = 0.25;

const flagOf = (name: Name): Flag => ({ kind: 'name', detail: `${name.text} → missing` });
