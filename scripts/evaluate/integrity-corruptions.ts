/**
 * The corruptions `eval:integrity` makes of human reference translations, each the kind of error a translation model
 * makes on news. Each is deterministic given its random source, and applies only where it can (undefined otherwise).
 */
import type { FlagKind } from '../../src/integrity/index.js';

/** A source sentence and its human English. */
export interface Pair {
  source: string;
  reference: string;
}

/** One corruption: its name, the flag kind that should catch it, and how it changes a reference. */
export interface Corruption {
  name: CorruptionName;
  expected: FlagKind;
  /** What the corruption does, for the report. */
  description: string;
  apply: (pair: Pair, random: () => number) => string | undefined;
}

export type CorruptionName = 'number changed' | 'name removed' | 'second half removed' | 'loop injected' | 'source copied' | 'second half left in French' | 'another language';

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const digitsOf = (number: string) => number.replace(/[^\d]/g, '');
// Numbers as written, separators inside: "3 000", "42,660", "2.4", "14h30" gives 14 and 30.
const sourceNumbers = /\d+(?:[ \u00a0\u202f.,]\d+)*/gu;
const referenceNumbers = /\d+(?:[.,]\d+)*/gu;
const letters = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** One digit of a number of the reference that the source has too (same digits, separators aside) set to another. */
export const changeNumber: Corruption = {
  name: 'number changed', expected: 'number',
  description: 'one number of the reference whose digits the source has too (separators aside): one of its digits, drawn at random, set to another digit (not a leading 0)',
  apply({ source, reference }, random) {
    const wanted = new Set([...source.matchAll(sourceNumbers)].map((match) => digitsOf(match[0])));
    const numbers = [...reference.matchAll(referenceNumbers)].filter((match) => wanted.has(digitsOf(match[0])));
    if (!numbers.length) return undefined;
    const number = pick(numbers, random);
    const positions = [...number[0]].flatMap((char, index) => (/\d/.test(char) ? [index] : []));
    const position = pick(positions, random);
    const old = number[0][position]!;
    const choices = [...'0123456789'].filter((digit) => digit !== old && !(digit === '0' && position === 0));
    const changed = number[0].slice(0, position) + pick(choices, random) + number[0].slice(position + 1);
    return reference.slice(0, number.index) + changed + reference.slice(number.index + number[0].length);
  },
};

// Capitalised words of the reference that the source has too, capitalised: names, not the English at a sentence's start.
const capitalised = /(?<![\p{L}\p{N}'’-])\p{Lu}[\p{L}\p{N}]*(?:[-'’.]\p{L}+)*/gu;
const elided = /(?<![\p{L}])(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’](?=\p{Lu})/giu;
const nameRun = /\p{Lu}[\p{L}\p{N}]*(?:[-'’.]\p{L}+)*(?:['’]s)?(?:[ \u00a0]\p{Lu}[\p{L}\p{N}]*(?:[-'’.]\p{L}+)*(?:['’]s)?)*/gu;

/**
 * One name of the reference that the source has too, made absent: the run of capitalised words around it removed
 * wherever it occurs, and each of its words wherever it stands alone ("Barack Obama … Obama").
 */
export const removeName: Corruption = {
  name: 'name removed', expected: 'name',
  description: 'one capitalised word of the reference that the source has capitalised too (accents aside), drawn at random: the run of capitalised words around it removed wherever it occurs, then each word of the run wherever it stands alone (with a possessive), so that the name is absent',
  apply({ source, reference }, random) {
    const inSource = new Set([...source.replace(elided, '').matchAll(capitalised)].map((match) => letters(match[0])));
    const names = [...reference.matchAll(capitalised)].filter((match) => match[0].length > 1 && inSource.has(letters(match[0])));
    if (!names.length) return undefined;
    const name = pick(names, random);
    const run = [...reference.matchAll(nameRun)].find((match) => match.index <= name.index && match.index + match[0].length >= name.index + name[0].length)!;
    let removed = reference.split(run[0]).join('');
    for (const word of run[0].replace(/['’]s$/u, '').split(/[ \u00a0]+/u)) {
      removed = removed.replace(new RegExp(`(?<![\\p{L}\\p{N}'’-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:['’]s)?(?![\\p{L}\\p{N}'’-])`, 'gu'), '');
    }
    const tidy = removed.replace(/\(\s*\)|\[\s*\]/gu, '').replace(/[ \u00a0]{2,}/gu, ' ').replace(/ ([,.;:!?])/gu, '$1').replace(/^[\s,;:]+/u, '').trim();
    return tidy ? tidy : undefined;
  },
};

/** The reference cut to the words of its first half, its final punctuation kept so that the cut does not show. */
export const removeSecondHalf: Corruption = {
  name: 'second half removed', expected: 'omission',
  description: 'the reference cut after the word that reaches half its characters (references of 4 words or more), its final punctuation put back',
  apply({ reference }) {
    const words = reference.trim().split(/\s+/u);
    if (words.length < 4) return undefined;
    const half = reference.trim().length / 2;
    const kept: string[] = [];
    let length = 0;
    for (const word of words) {
      if (length + word.length > half && kept.length) break;
      kept.push(word);
      length += word.length + 1;
    }
    const ending = reference.trim().match(/[.!?…]+["”»’')\]]*$/u)?.[0] ?? '';
    return kept.join(' ').replace(/[,;:–—-]+$/u, '') + ending;
  },
};

/** A span of one to four words of the reference written three times in a row, as a decoder in a loop writes it. */
export const injectLoop: Corruption = {
  name: 'loop injected', expected: 'loop',
  description: 'a span of 1–4 words (length, then start, drawn at random among the reference\'s words) written three times in a row, separated by spaces',
  apply({ reference }, random) {
    const words = reference.trim().split(/\s+/u);
    if (words.length < 2) return undefined;
    const span = 1 + Math.floor(random() * Math.min(4, words.length));
    const start = Math.floor(random() * (words.length - span + 1));
    const repeated = words.slice(start, start + span);
    return [...words.slice(0, start + span), ...repeated, ...repeated, ...words.slice(start + span)].join(' ');
  },
};

/** The source given as its own translation. */
export const copySource: Corruption = {
  name: 'source copied', expected: 'untranslated',
  description: 'the source as the translation (where the reference differs from it in its letters)',
  apply: ({ source, reference }) => (letters(source) === letters(reference) ? undefined : source),
};

/** The first half of the reference's words, then the second half of the source's: a translation that stopped midway. */
export const leaveSecondHalf: Corruption = {
  name: 'second half left in French', expected: 'untranslated',
  description: 'the first half of the reference\'s words followed by the second half of the source\'s (sources of 8 words or more)',
  apply({ source, reference }) {
    const sourceWords = source.trim().split(/\s+/u);
    const referenceWords = reference.trim().split(/\s+/u);
    if (sourceWords.length < 8) return undefined;
    return [...referenceWords.slice(0, Math.round(referenceWords.length / 2)), ...sourceWords.slice(Math.round(sourceWords.length / 2))].join(' ');
  },
};

/**
 * A sentence in another language in place of the reference, as a multilingual model that took the wrong target
 * writes: a language drawn at random, then one of its sentences with about as many words as the reference.
 */
export function writeAnotherLanguage(sentences: Readonly<Record<string, readonly string[]>>): Corruption {
  const byLength = Object.fromEntries(Object.entries(sentences).map(([code, lines]) => {
    const lengths = new Map<number, string[]>();
    for (const line of lines) {
      const length = line.trim().split(/\s+/u).length;
      lengths.set(length, [...(lengths.get(length) ?? []), line]);
    }
    return [code, lengths];
  }));
  const codes = Object.keys(byLength).sort();
  return {
    name: 'another language', expected: 'untranslated',
    description: `a sentence of Tatoeba in another language (${codes.join(', ')}; even lines, as the odd ones taught the check), drawn at random among those with as many words as the reference, give or take one`,
    apply({ reference }, random) {
      if (!codes.length) return undefined;
      const length = reference.trim().split(/\s+/u).length;
      const lengths = byLength[pick(codes, random)]!;
      const candidates = [length, length - 1, length + 1].flatMap((count) => lengths.get(count) ?? []);
      return candidates.length ? pick(candidates, random) : undefined;
    },
  };
}

/** The corruptions in the order the report lists them (\`writeAnotherLanguage\` needs sentences: see its own). */
export const corruptions: readonly Corruption[] = [changeNumber, removeName, removeSecondHalf, injectLoop, copySource, leaveSecondHalf];
