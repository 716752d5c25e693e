/**
 * Scores a sentence splitter on text whose lines are sentences: lines are joined into paragraphs, and the splitter
 * must cut again where a line ended a sentence, and nowhere inside a line. Positions are counted in non-space
 * characters, so that segments that come back with their whitespace changed (say, from `bitext translate --jsonl`)
 * are scored the same as exact substrings.
 */

export interface SegmentationScore {
  /** Lines scored (empty lines are left out). */
  lines: number;
  /** Boundaries between two lines of a paragraph where the first line ends a sentence. */
  ends: number;
  found: number;
  linesCutInside: number;
  misses: Miss[];
  insideCuts: InsideCut[];
}

/** A sentence end the splitter did not cut: the line that ends it (1-based) and the text either side. */
export interface Miss {
  line: number;
  before: string;
  after: string;
}

/** A line the splitter cut inside, with its pieces. */
export interface InsideCut {
  line: number;
  pieces: string[];
}

/** Splits one paragraph; `index` counts paragraphs from 0, for a splitter that looks its answers up. */
export type Splitter = (paragraph: string, index: number) => string[];

// The line ends a sentence when its last punctuation is terminal: closing quotes and brackets may follow it
// ("… dit-il. »", "(voir plus haut.)"), but a line ending in ":" or in a bare word (a headline) does not count, as
// a splitter cannot know the next line starts anew.
const sentenceEnd = /[.!?…][\s»”"’')\]]*$/u;

/** Whether a line ends a sentence, so that the boundary after it must be found. */
export function endsSentence(line: string): boolean {
  return sentenceEnd.test(line);
}

/** The paragraphs `scoreSegmentation` scores: every `size` consecutive non-empty lines, joined with single spaces. */
export function paragraphsOf(lines: string[], size = 5): string[] {
  const texts = lines.map((text) => text.trim()).filter(Boolean);
  const paragraphs: string[] = [];
  for (let first = 0; first < texts.length; first += size) paragraphs.push(texts.slice(first, first + size).join(' '));
  return paragraphs;
}

/** Joins every `size` consecutive non-empty lines with single spaces, and scores `split` on the paragraphs. */
export function scoreSegmentation(lines: string[], split: Splitter, size = 5): SegmentationScore {
  const numbered = lines.map((text, index) => ({ text: text.trim(), line: index + 1 })).filter(({ text }) => text);
  const score: SegmentationScore = { lines: numbered.length, ends: 0, found: 0, linesCutInside: 0, misses: [], insideCuts: [] };
  for (let first = 0; first < numbered.length; first += size) {
    const group = numbered.slice(first, first + size);
    const paragraph = group.map(({ text }) => text).join(' ');
    const segments = split(paragraph, first / size);
    if (squeeze(segments.join('')) !== squeeze(paragraph)) {
      throw new Error(`The segments of paragraph ${first / size} (lines ${group[0]!.line}–${group.at(-1)!.line}) do not give the paragraph back: expected ${JSON.stringify(paragraph)}, got ${JSON.stringify(segments)}`);
    }
    const cuts = new Set(offsets(segments).slice(0, -1));
    const bounds = offsets(group.map(({ text }) => text));
    group.forEach(({ text, line }, index) => {
      const start = index === 0 ? 0 : bounds[index - 1]!;
      const end = bounds[index]!;
      const inside = [...cuts].filter((cut) => cut > start && cut < end);
      if (inside.length) {
        score.linesCutInside++;
        score.insideCuts.push({ line, pieces: piecesOf(text, inside.map((cut) => cut - start)) });
      }
      if (index === group.length - 1 || !endsSentence(text)) return;
      score.ends++;
      if (cuts.has(end)) score.found++;
      else score.misses.push({ line, before: text.slice(-60), after: group[index + 1]!.text.slice(0, 40) });
    });
  }
  return score;
}

const squeeze = (text: string) => text.replace(/\s+/gu, '');

// Where each text ends, counted in non-space characters from the start of the first.
function offsets(texts: string[]): number[] {
  let total = 0;
  return texts.map((text) => (total += squeeze(text).length));
}

// The line cut at the given non-space offsets.
function piecesOf(text: string, cuts: number[]): string[] {
  const pieces: string[] = [];
  let seen = 0;
  let from = 0;
  for (let index = 0; index < text.length && pieces.length < cuts.length; index++) {
    if (/\s/u.test(text[index]!)) continue;
    if (seen === cuts[pieces.length]) {
      pieces.push(text.slice(from, index).trim());
      from = index;
    }
    seen++;
  }
  return [...pieces, text.slice(from).trim()];
}
