/** Repetition loops: a run of words said again and again, as a decoder that lost its place writes them. */
import type { Flag } from './flags.js';
import { fold, wordsOf } from './words.js';

/** A span of words that comes back at once, and how many times in a row it is there. */
export interface Repeat {
  text: string;
  times: number;
}

// Longer spans than this repeat in human writing ("the higher the price, the higher the tax" does not, but lists do).
const longestSpan = 8;

/** The repeat in a text that covers the most words, or undefined when no span of words comes twice in a row. */
export function longestRepeat(text: string): Repeat | undefined {
  const words = wordsOf(text);
  const folded = words.map((word) => fold(word.text));
  let best: (Repeat & { covered: number }) | undefined;
  for (let span = 1; span <= longestSpan; span++) {
    for (let start = 0; start + 2 * span <= folded.length; start++) {
      let times = 1;
      while (start + (times + 1) * span <= folded.length && sameSpan(folded, start, start + times * span, span)) times++;
      if (times < 2 || (best && best.covered >= times * span)) continue;
      const last = words[start + span - 1]!;
      best = { text: text.slice(words[start]!.index, last.index + last.text.length), times, covered: times * span };
    }
  }
  return best && { text: best.text, times: best.times };
}

function sameSpan(words: string[], first: number, second: number, span: number): boolean {
  for (let offset = 0; offset < span; offset++) if (words[first + offset] !== words[second + offset]) return false;
  return true;
}

/** A `loop` flag when the translation repeats a span of words at once and the source repeats none. */
export function loopFlags(source: string, translation: string): Flag[] {
  const repeat = longestRepeat(translation);
  if (!repeat || longestRepeat(source)) return [];
  return [{ kind: 'loop', detail: `"${repeat.text}" ×${repeat.times}` }];
}
