/**
 * Learns the French lexicon of `src/integrity/french-lexicon.ts` from the French of the tuning part (newstest2014
 * lines 1–2000, Tatoeba's odd lines): the words that French writes in lower case, so that the same word with a
 * capital (at the start of a sentence, or "la Banque mondiale") is known for a common word and not a name.
 */
import { writeFileSync } from 'node:fs';
import { lowerWord, startsSentence, wordsOf } from '../../src/integrity/words.js';

const elision = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/iu;

/** What `learnLexicon` finds: the words French writes in lower case, and the names it writes with a capital. */
export interface Lexicon {
  words: string[];
  names: string[];
}

/**
 * The words written in lower case at least `least` times, as `lowerWord` gives them, unless capitalised inside a
 * sentence more than twice as often: "Marie" is a name, though "il se marie" is not. The names are the words
 * capitalised inside a sentence twice or more and more than twice as often as not: they keep "Paris" from passing
 * for a form of "pari".
 */
export function learnLexicon(sentences: readonly string[], least: number): Lexicon {
  const lower = new Map<string, number>();
  const capitalised = new Map<string, number>();
  for (const sentence of sentences) {
    for (const word of wordsOf(sentence)) {
      const text = word.text.replace(elision, '');
      const lowered = lowerWord(text);
      if (lowered.length < 2 || /\d/u.test(lowered)) continue;
      if (/^\p{Ll}/u.test(text)) lower.set(lowered, (lower.get(lowered) ?? 0) + 1);
      else if (!startsSentence(sentence, word.index + word.text.length - text.length)) capitalised.set(lowered, (capitalised.get(lowered) ?? 0) + 1);
    }
  }
  const words = [...lower].filter(([word, count]) => count >= least && 2 * count >= (capitalised.get(word) ?? 0)).map(([word]) => word).sort();
  const names = [...capitalised].filter(([word, count]) => count >= 2 && count > 2 * (lower.get(word) ?? 0) && /^\p{L}+$/u.test(word)).map(([word]) => word).sort();
  return { words, names };
}

/** Words in lines of about 116 characters, as TypeScript string literals. */
export function linesOf(words: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length + word.length + 1 > 114) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((text) => `  '${text.replace(/'/g, "\\'")}',`).join('\n');
}

/** Writes the lexicon as a TypeScript module. */
export function writeLexicon(file: string, lexicon: Lexicon, origin: string): void {
  writeFileSync(file, `/**
 * French words written in lower case (${lexicon.words.length}), and names written with a capital (${lexicon.names.length}):
 * learned by \`npm run eval:integrity -- --learn\` from ${origin}. A capitalised word found among the words is a common
 * word at the head of a sentence or in an institution's name ("la Banque mondiale"), which English translates, not a
 * name it must keep. Generated: do not edit by hand.
 */
const words = [
${linesOf(lexicon.words)}
];

const names = [
${linesOf(lexicon.names)}
];

/**
 * Whether a word, as \`lowerWord\` gives it, is one French writes in lower case, or another form of one ("Bourses",
 * "Respire" for "bourse", "respirer"); "Etat" may have lost its accent.
 */
export function isFrenchWord(lowered: string): boolean {
  const accents = unaccented[lowered[0]!];
  const spellings = accents === undefined ? [lowered] : [lowered, ...[...accents].map((accent) => accent + lowered.slice(1))];
  return spellings.some((spelling) => {
    if (lexicon.has(spelling)) return true;
    // Only a word with an ending of its own, and no known name: "Bell" is not "belle", nor "Paris" "paris".
    const stem = spelling.replace(/(?:e?s|x|e|r|er|ir|re)$/u, '');
    return stem.length > 3 && stem !== spelling && !knownNames.has(spelling) && endings.some((ending) => lexicon.has(stem + ending));
  });
}

/** Whether a word, as \`lowerWord\` gives it, is one of the lexicon's, as written. */
export function inFrenchLexicon(lowered: string): boolean {
  return lexicon.has(lowered);
}

// Endings of the forms of one French noun, adjective or verb.
const endings = ['', 'e', 's', 'es', 'x', 'r', 'er', 're', 'ir', 'ent', 'ez', 'é', 'ée'];
const unaccented: Readonly<Record<string, string>> = { e: 'éèê', a: 'àâ', i: 'î', o: 'ô', u: 'ù' };
const lexicon: ReadonlySet<string> = new Set(words.join(' ').split(' '));
const knownNames: ReadonlySet<string> = new Set(names.join(' ').split(' '));
`);
}
