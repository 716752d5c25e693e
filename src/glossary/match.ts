import type { GlossaryEntry, TermMatch } from './glossary.js';

/**
 * Finds glossary terms in text. Whole words only; case as the glossary writes it, except that a term written in
 * lower case also matches with a capital (at the head of a sentence); French typography forgiven: `l’ICE` and
 * `l'ICE` hold `ICE`, `Maison-Blanche` and `Maison Blanche` (or a no-break space) are one, and accents may be
 * missing on capitals and elsewhere (`Etats-Unis`). The longest term wins where two overlap.
 */
export function createTermMatcher(entries: readonly GlossaryEntry[]): (text: string) => TermMatch[] {
  if (!entries.length) return () => [];
  const bySource = new Map<string, GlossaryEntry>();
  for (const entry of entries) bySource.set(normalize(entry.source), entry);
  const lowerFirst = new Map<string, GlossaryEntry>();
  const alternatives = [...bySource.keys()].sort((a, b) => b.length - a.length).map((term) => {
    // A term in lower case may start a sentence.
    const first = term[0]!;
    if (first.toLowerCase() === first && first.toUpperCase() !== first) {
      lowerFirst.set(first.toUpperCase() + term.slice(1), bySource.get(term)!);
      return `[${escape(first)}${escape(first.toUpperCase())}]${escape(term.slice(1))}`;
    }
    return escape(term);
  });
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (text) => {
    const folded = normalize(text);
    const found: TermMatch[] = [];
    for (const match of folded.matchAll(pattern)) {
      const entry = bySource.get(match[0]) ?? lowerFirst.get(match[0])!;
      found.push({ text: text.slice(match.index, match.index + match[0].length), start: match.index, end: match.index + match[0].length, entry });
    }
    return found;
  };
}

/**
 * Whether an English text holds a target term as a whole word, with the same forgiveness as the source side (and a
 * capital allowed at its head).
 */
export function holdsTerm(text: string, target: string): boolean {
  const term = normalize(target);
  const first = term[0]!;
  const head = first.toLowerCase() === first ? `[${escape(first)}${escape(first.toUpperCase())}]` : escape(first);
  return new RegExp(`(?<![\\p{L}\\p{N}])${head}${escape(term.slice(1))}(?![\\p{L}\\p{N}])`, 'u').test(normalize(text));
}

/**
 * Text made comparable, character for character (the same length, so positions carry over): apostrophes made one,
 * spaces and hyphens between words made one space, accents taken off.
 */
export function normalize(text: string): string {
  let out = '';
  for (const character of text) {
    if (character === '’' || character === 'ʼ' || character === '‘') out += "'";
    else if (/[\s\u00a0\u202f\u2009‐‑-]/u.test(character)) out += ' ';
    else if (character.length === 1) {
      const base = character.normalize('NFD')[0]!;
      out += /\p{L}/u.test(base) ? base : character;
    } else out += character;
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&');
}
