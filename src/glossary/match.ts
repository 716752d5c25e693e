import { comparable, termKey } from './comparable.js';
import type { GlossaryEntry, TermMatch } from './glossary.js';

/**
 * Finds glossary terms in text. Whole words only; case as the glossary writes it, except that a term written in
 * lower case also matches with a capital (at the head of a sentence); French typography forgiven: `l’ICE` and
 * `l'ICE` hold `ICE`, `Maison-Blanche`, `Maison Blanche` (or a no-break space, or two spaces, or a line break) are
 * one, accents may be missing (`Etats-Unis`) or typed apart (NFD), and a soft hyphen is not there. Where two
 * matches overlap, the longer in the text wins, then the leftmost; each match is placed in the text as written.
 */
export function createTermMatcher(entries: readonly GlossaryEntry[]): (text: string) => TermMatch[] {
  if (!entries.length) return () => [];
  const bySource = new Map<string, GlossaryEntry>();
  for (const entry of entries) bySource.set(termKey(entry.source), entry);
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
    const folded = comparable(text);
    // The longest term at each place a term starts, overlaps and all: a search that went on after each match
    // would keep `la ville` and never see `ville de Paris` in `la ville de Paris`.
    const candidates: TermMatch[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(folded.text); match; match = pattern.exec(folded.text)) {
      const start = folded.starts[match.index]!;
      const end = folded.ends[match.index + match[0].length - 1]!;
      const entry = bySource.get(match[0]) ?? lowerFirst.get(match[0])!;
      candidates.push({ text: text.slice(start, end), start, end, entry });
      pattern.lastIndex = match.index + (folded.text.codePointAt(match.index)! > 0xffff ? 2 : 1);
    }
    return longestFirst(candidates);
  };
}

/** The distinct terms of `matches`, each as the text writes it with the English it must have, in the text's order. */
export function distinctTerms(matches: readonly TermMatch[]): { source: string; target: string }[] {
  const terms = new Map(matches.map((match) => [`${match.text}\u0000${match.entry.target}`, { source: match.text, target: match.entry.target }]));
  return [...terms.values()];
}

/** Of overlapping matches, the longest in the text, then the leftmost; the others all kept, in the text's order. */
function longestFirst(candidates: TermMatch[]): TermMatch[] {
  if (candidates.length < 2) return candidates;
  const ranked = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: TermMatch[] = [];
  for (const candidate of ranked) {
    if (kept.every((other) => candidate.end <= other.start || other.end <= candidate.start)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Whether an English text holds a target term as a whole word, with the same forgiveness as the source side (and a
 * capital allowed at its head).
 */
export function holdsTerm(text: string, target: string): boolean {
  const term = termKey(target);
  const first = term[0]!;
  const head = first.toLowerCase() === first ? `[${escape(first)}${escape(first.toUpperCase())}]` : escape(first);
  return new RegExp(`(?<![\\p{L}\\p{N}])${head}${escape(term.slice(1))}(?![\\p{L}\\p{N}])`, 'u').test(termKey(text));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/gu, '\\$&');
}
