/** Repetition loops: a run of words said again and again, as a decoder that lost its place writes them. */
import type { Flag } from './flags.js';
import { fold, wordsOf } from './words.js';

/** A span of words that comes back at once, and how many times in a row it is there. */
export interface Repeat {
  text: string;
  words: number;
  times: number;
}

// Longer spans than this come back in human writing (a refrain); a decoder's loops are shorter.
const longestSpan = 8;
// Said twice, these are English ("that that", "had had", "her her"): a loop of one word needs three, but for these.
const neverTwice = new Set(['the', 'a', 'an']);
// "deeper and deeper, and", "step by step by": a word and its link, twice.
const links = new Set(['and', 'or', 'by', 'after', 'to', 'for', 'upon']);
// French doubles its reflexive pronouns: "nous nous levons", "vous vous trompez".
const reflexive = new Set(['nous', 'vous']);
const boundary = /[.!?"“”«»]/u;

/** The repeats of a text that read as a loop (or, with `all`, any word or words said twice), the longest first. */
export function repeatsOf(text: string, all = false): Repeat[] {
  const words = wordsOf(text);
  const folded = words.map((word) => fold(word.text));
  const repeats: (Repeat & { covered: number })[] = [];
  for (let span = 1; span <= longestSpan; span++) {
    for (let start = 0; start + 2 * span <= folded.length; start++) {
      let times = 1;
      while (start + (times + 1) * span <= folded.length && sameSpan(folded, start, start + times * span, span)) times++;
      if (times < 2) continue;
      const last = words[start + span - 1]!;
      const found = { text: text.slice(words[start]!.index, last.index + last.text.length), words: span, times, covered: span * times };
      if (all) {
        repeats.push(found);
        continue;
      }
      const between = text.slice(last.index + last.text.length, words[start + span]!.index);
      if (times === 2 && (span === 1 ? !neverTwice.has(folded[start]!) : boundary.test(between) || (span === 2 && links.has(folded[start + 1]!)))) continue;
      if (span === 1 && reflexive.has(folded[start]!)) continue;
      repeats.push(found);
    }
  }
  return repeats.sort((a, b) => b.covered - a.covered).map(({ text, words: span, times }) => ({ text, words: span, times }));
}

function sameSpan(words: string[], first: number, second: number, span: number): boolean {
  for (let offset = 0; offset < span; offset++) if (words[first + offset] !== words[second + offset]) return false;
  return true;
}

/** A `loop` flag when the translation repeats a span of words at once more often than the source repeats any. */
export function loopFlags(source: string, translation: string): Flag[] {
  const repeat = repeatsOf(translation)[0];
  if (!repeat) return [];
  const echoed = Math.max(0, ...repeatsOf(source, true).map((other) => other.times));
  if (echoed >= repeat.times) return [];
  return [{ kind: 'loop', detail: `"${repeat.text}" ×${repeat.times}` }];
}
