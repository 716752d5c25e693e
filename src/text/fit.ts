/** Counts tokens of several texts at once, as the model's tokenizer does. */
export type TokenCounter = (texts: readonly string[]) => Promise<number[]>;

/** Stretches of a text no cut may fall inside (a glossary term, which must reach the model whole), by position. */
export type Unbreakable = (text: string) => readonly { start: number; end: number }[];

// Where a long sentence may be cut, strongest first: after clause punctuation, then between words.
const breakPatterns = [/[;:]\s+/gu, /[,)»”]\s+|\s+[–—-]\s+/gu, /\s+/gu];

/**
 * Cuts each text into pieces of at most `limit` tokens, at the strongest break near the middle, so nothing reaches
 * the model longer than it can read (the model would otherwise drop the end without a word). Joining a text's
 * pieces with single spaces gives the text back, up to whitespace. No cut falls inside an `unbreakable` stretch
 * while another break is left.
 */
export async function fitToLimit(texts: readonly string[], limit: number, count: TokenCounter, unbreakable?: Unbreakable): Promise<string[][]> {
  if (limit < 1) throw new RangeError(`Expected a token limit of at least 1, got ${limit}`);
  const sizes = await count(texts);
  return Promise.all(texts.map((text, index) => (sizes[index]! <= limit ? [text] : split(text, limit, count, unbreakable))));
}

async function split(text: string, limit: number, count: TokenCounter, unbreakable?: Unbreakable): Promise<string[]> {
  const kept = unbreakable?.(text) ?? [];
  const cut = findCut(text, (at) => !kept.some(({ start, end }) => start < at && at < end));
  if (cut === undefined) return [text]; // a single unbreakable character: nothing shorter exists
  const halves = [text.slice(0, cut).trim(), text.slice(cut).trim()].filter(Boolean);
  const sizes = await count(halves);
  const pieces = await Promise.all(halves.map((half, index) => (sizes[index]! <= limit ? [half] : split(half, limit, count, unbreakable))));
  return pieces.flat();
}

// The break of the strongest kind closest to the middle, where `allowed`; a character cut as the last resort.
function findCut(text: string, allowed: (at: number) => boolean): number | undefined {
  const middle = text.length / 2;
  for (const pattern of breakPatterns) {
    let best: number | undefined;
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (end <= 0 || end >= text.length || !allowed(match.index)) continue;
      if (best === undefined || Math.abs(end - middle) < Math.abs(best - middle)) best = end;
    }
    // A strong break far from the middle still beats a weak one, unless it leaves a sliver.
    if (best !== undefined && Math.min(best, text.length - best) >= text.length / 8) return best;
  }
  if (text.length < 2) return undefined;
  const chars = Array.from(text);
  return chars.slice(0, Math.floor(chars.length / 2)).join('').length;
}
