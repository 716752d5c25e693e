/**
 * How each name of a French sentence came out in its English: the run of capitalised words of the translation that
 * holds it, found by the rules the name check uses (accents, shared stems, translated place names, acronyms), or
 * none. Across a batch, one name rendered two ways is worth a look; the renderings also make a starter glossary.
 */
import type { Term } from '../article.js';
import { holdsTerm } from '../glossary/match.js';
import { hasNameWord, indexNames } from './name-matching.js';
import { englishFormsOf } from './translated-names.js';
import { namesOf } from './names.js';
import { fold, wordsOf } from './words.js';

/** A name of the source and its English: the words as the translation writes them, or `null` when none holds it. */
export interface NameRendering {
  name: string;
  rendering: string | null;
}

// Words that may stand inside a run of capitalised English words ("Bank of England", "Nouri al-Maliki").
const inside = new Set(['of', 'for', 'the', 'and', 'de', 'du', 'la', 'le', 'van', 'von', 'al', 'el', 'bin', 'ben']);
// Capitalised words that head a run without belonging to the name.
const heads = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'for', 'by', 'with', 'from', 'to', 'of', 'and', 'but', 'mr', 'mrs', 'ms', 'dr', 'president', 'minister']);

/** The names of a sentence and their renderings; a glossary term's name is rendered as the glossary says when it is. */
export function nameRenderings(source: string, translation: string, terms: readonly Term[] = []): NameRendering[] {
  const runs = capitalisedRuns(translation);
  const seen = new Set<string>();
  const renderings: NameRendering[] = [];
  for (const name of namesOf(source)) {
    if (seen.has(name.text)) continue;
    seen.add(name.text);
    const term = terms.find((candidate) => fold(candidate.source).replace(/-/g, ' ') === fold(name.text).replace(/-/g, ' '));
    if (term) {
      renderings.push({ name: name.text, rendering: holdsTerm(translation, term.target) ? term.target : null });
      continue;
    }
    // The name as written wins over a looser match: "ICE" is ICE, not "Immigration and Customs Enforcement" beside it.
    const exact = runs.find((candidate) => ` ${fold(candidate.join(' ')).replace(/-/g, ' ')} `.includes(` ${fold(name.text).replace(/-/g, ' ')} `));
    if (exact) {
      renderings.push({ name: name.text, rendering: narrow(exact, name.words) });
      continue;
    }
    // An English form the name is known to take, as a phrase: "United States" for `États-Unis`, not "States".
    const phrase = knownPhrase(runs, name.text);
    if (phrase) {
      renderings.push({ name: name.text, rendering: phrase });
      continue;
    }
    const run = runs.find((candidate) => hasNameWord(indexNames(candidate.join(' ')), name.head) || hasNameWord(indexNames(candidate.join(' ')), name.words.at(-1)!));
    renderings.push({ name: name.text, rendering: run ? narrow(run, name.words) : null });
  }
  return renderings;
}

/** The words of a run that spell an English form of the name of more than one word, as the run writes them. */
function knownPhrase(runs: readonly string[][], name: string): string | undefined {
  const phrases = englishFormsOf(fold(name)).filter((form) => form.includes(' '));
  for (const run of runs) {
    const folded = run.map((word) => fold(word));
    for (const phrase of phrases) {
      const parts = phrase.split(' ');
      for (let start = 0; start + parts.length <= folded.length; start++) {
        if (parts.every((part, index) => folded[start + index] === part)) return run.slice(start, start + parts.length).join(' ');
      }
    }
  }
  return undefined;
}

/** The words of a run from the first to the last that renders a word of the name: "Prime Minister Jean-Marc Ayrault" gives "Jean-Marc Ayrault". */
function narrow(run: readonly string[], name: readonly string[]): string {
  const matches = run.map((word) => name.some((part) => hasNameWord(indexNames(word), part)));
  const first = matches.indexOf(true);
  const last = matches.lastIndexOf(true);
  return first < 0 ? run.join(' ') : run.slice(first, last + 1).join(' ');
}

/**
 * Whether two renderings of one name agree, as a reader would take them: the words of one inside the other
 * ("Merkel", "Angela Merkel"), the same word with an ending (`Obeids`, `Tasmanian`), acronyms with or without dots or
 * a last letter (`US`, `U.S`, `USA`), or two English forms the name is known to take (`France`, `French`; `US`,
 * `United States`). "Ayrault" and "Airault" do not.
 */
export function sameRendering(a: string, b: string, name?: string): boolean {
  const words = (text: string) => fold(text).replace(/\./gu, '').split(/[\s-]+/u).filter(Boolean);
  const [shorter, longer] = [words(a), words(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (shorter.every((word) => longer.some((other) => sameWord(word, other)))) return true;
  if (initialsOf(a, b) || initialsOf(b, a)) return true;
  if (!name) return false;
  const known = new Set(namedForms(name).flatMap(words));
  return known.size > 0 && [...shorter, ...longer].every((word) => known.has(word));
}

/** Whether `acronym` is the initials of the capitalised words of `words`: `ECB`, "European Central Bank". */
function initialsOf(acronym: string, words: string): boolean {
  const letters = acronym.replace(/\./gu, '');
  if (!/^\p{Lu}{2,}$/u.test(letters)) return false;
  const initials = words.split(/\s+/u).filter((word) => /^\p{Lu}/u.test(word)).map((word) => word[0]).join('');
  return initials.length > 1 && initials === letters;
}

/** The same word, or one with a short ending added: a plural, an adjective, an acronym's last letter. */
function sameWord(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === short || (long.startsWith(short) && long.length - short.length <= 3 && short.length >= (long.length <= 4 ? 2 : 4));
}

/** The English forms the table knows for a name and each of its words (`États-Unis`: `united states`, `us`, …). */
function namedForms(name: string): string[] {
  const folded = fold(name);
  return [folded, ...englishFormsOf(folded), ...folded.split(/[\s-]+/u).flatMap((word) => englishFormsOf(word))];
}

/** The runs of capitalised words of a text, small joining words inside them, possessives and leading articles off. */
function capitalisedRuns(text: string): string[][] {
  const runs: string[][] = [];
  let run: { start: number; end: number; words: string[] } | undefined;
  const close = () => {
    if (run) {
      // A joining word that ends the run belongs to what follows.
      while (run.words.length && inside.has(fold(run.words.at(-1)!))) run.words.pop();
      while (run.words.length && heads.has(fold(run.words[0]!))) run.words.shift();
      if (run.words.length) runs.push(run.words);
    }
    run = undefined;
  };
  for (const word of wordsOf(text)) {
    // A possessive, or a lower-case tail ("US-based", "Britain-led"), is no part of the name.
    const plain = word.text.replace(/['’]s$/u, '').replace(/-\p{Ll}[\p{Ll}-]*$/u, '');
    const capital = /^\p{Lu}/u.test(plain);
    const joined = run !== undefined && /^[\s\u00a0]+$/u.test(text.slice(run.end, word.index));
    if (capital && joined) run!.words.push(plain);
    else if (!capital && joined && inside.has(fold(plain)) && run!.words.length) run!.words.push(plain);
    else {
      close();
      if (capital) run = { start: word.index, end: 0, words: [plain] };
    }
    if (run) run.end = word.index + word.text.length;
    if (plain !== word.text) close();
  }
  close();
  return runs;
}
