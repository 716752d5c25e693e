/**
 * The copy step Marian users apply to the unknown token: where an output holds `<unk>`, the model met something its
 * vocabulary lacks (an emoji, a rare symbol, a script it was not trained on) and could not write it. The k-th `<unk>`
 * of the output is given back the k-th stretch of the source that the tokenizer read as `<unk>`; where there is none,
 * a visible marker stands in its place, so an unknown word is never dropped silently.
 */
import type { UnknownWords } from './types.js';

/** Shown in a text where the model wrote its unknown token and no source text could be found for it. */
export const unknownMarker = '⟨?⟩';

/**
 * The stretches of `text` that its tokenizer read as the unknown token, in order. `tokens` and `ids` are its
 * tokenization (special tokens left out): an unknown token's string is the text it stands for as the tokenizer saw it
 * (lower-cased, NFKC-normalized…), given back as written in `text` where it is found there; `undefined` where the
 * tokenizer kept no trace of it (a WordPiece `[UNK]`).
 */
export function unknownStretches(text: string, tokens: readonly string[], ids: readonly number[], unknownId: number, unknownToken: string): (string | undefined)[] {
  if (tokens.length !== ids.length) return ids.filter((id) => id === unknownId).map(() => undefined);
  const stretches: (string | undefined)[] = [];
  let from = 0;
  tokens.forEach((token, index) => {
    if (ids[index] !== unknownId) return;
    // SentencePiece marks a word's start with `▁`, which is no part of what the text holds.
    const seen = token.replace(/^▁+/u, '');
    if (!seen || seen === unknownToken) return void stretches.push(undefined);
    const found = locate(seen, text, from, token.startsWith('▁'));
    if (!found) return void stretches.push(seen);
    stretches.push(text.slice(found.start, found.end));
    from = found.end;
  });
  return stretches;
}

/**
 * `decoded` (an output decoded with its unknown tokens shown as `placeholder`, `count` of them) with each placeholder
 * replaced, in order, by the next of `stretches`, or by `unknownMarker` when there is none.
 */
export function restoreUnknown(decoded: string, placeholder: string, count: number, stretches: readonly (string | undefined)[]): { text: string; unknown: UnknownWords } {
  const parts = decoded.split(placeholder);
  const restored: string[] = [];
  let missing = Math.max(0, count - (parts.length - 1));
  const text = parts.reduce((joined, part, index) => {
    const stretch = stretches[index - 1];
    if (stretch === undefined) missing++;
    else restored.push(stretch);
    return `${joined}${stretch ?? unknownMarker}${part}`;
  });
  return { text, unknown: { restored, missing } };
}

/**
 * Where `stretch` is in `text`, at `from` or after: the earliest place that holds it as written or as the tokenizer
 * may have changed it (case, compatibility forms), at the start of a word first when the tokenizer saw one there, so
 * that `ice` of "l'ICE" is not taken from inside "Services" further on.
 */
function locate(stretch: string, text: string, from: number, wordStart: boolean): { start: number; end: number } | undefined {
  const key = loose(stretch);
  const at = (start: number) => {
    if (text.startsWith(stretch, start)) return { start, end: start + stretch.length };
    for (let end = start + 1; end <= Math.min(text.length, start + 2 * stretch.length + 8); end++) {
      if (loose(text.slice(start, end)) === key) return { start, end };
    }
    return undefined;
  };
  const passes = wordStart ? [true, false] : [false];
  for (const atWord of passes) {
    for (let start = from; start < text.length; start++) {
      if (atWord && start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) continue;
      const found = at(start);
      if (found) return found;
    }
  }
  return undefined;
}

function loose(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
