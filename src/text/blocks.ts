import type { Block, BlockKind, Span } from '../article.js';
import { splitSentences } from './sentences.js';

/** A block of an article's text before it gets an id and sentences. */
export interface RawBlock {
  kind: BlockKind;
  text: string;
  /** As written in a Markdown source, inline formatting included. */
  markup?: string;
  spans?: Span[];
  /** The line it was read from, when text is read line by line. */
  line?: number;
}

export interface ParsedText {
  blocks: RawBlock[];
  metadata: { date?: string; clipped?: boolean; trailer?: string; about?: Record<string, unknown>; lines?: number };
}

const datePrefix = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b\s*/i;
const sectionSeparator = /^(#{1,6}|\*{3,}|-{3,}|_{3,})$/;
const titleRule = /^[-–—]$/;
const markdownHeading = /^(#{1,6})\s+(.+?)\s*#*$/;
const clipMarker = /^[[(]?(…|\.{3})[\])]?$/;
const trailer = /^(suite de l['’]article|lire la suite|la suite (de cet article|est réservée)|read more|continue reading)\b/i;
// Sentence ends of the scripts a news article may quote: Latin, Chinese and Japanese (full width), Arabic, Urdu, Hindi.
const terminal = /[.!?…:;。！？．：；؟۔।]$/u;
const closers = /[\s»”"’')\]」』）]+$/u;
const headingMaxLength = 120;

/**
 * Turns an article file's text into blocks (title, headings, paragraphs) and metadata, the way collected news
 * articles are written: one paragraph per line or paragraphs separated by blank lines, `##` section separators,
 * a lone `-` under a title, a `date 2018-06` prefix, hard-wrapped lines, and clipped endings with a trailer.
 */
export function parseBlocks(input: string): ParsedText {
  const metadata: ParsedText['metadata'] = {};
  const lines = input.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/\s+$/u, ''));

  const first = lines.findIndex((line) => line.trim() !== '');
  const date = first >= 0 ? datePrefix.exec(lines[first]!) : null;
  if (date) {
    metadata.date = date[1];
    lines[first] = lines[first]!.slice(date[0].length);
  }
  trimEnding(lines, metadata);

  const groups = groupLines(lines);
  const blocks: RawBlock[] = groups.map(({ text, marked }, index) => ({
    kind: marked ?? (index === groups.length - 1 || !looksLikeHeading(text) ? 'paragraph' : 'heading'),
    text,
  }));
  const titled = groups[0] && (groups[0].underlined || groups[0].marked === 'title' || (date && lines[first]!.trim()));
  if (blocks[0] && (titled || (blocks.length > 1 && looksLikeHeading(blocks[0].text)))) blocks[0].kind = 'title';
  return { blocks, metadata };
}

/**
 * Turns bare text into paragraphs: blank lines separate them, the lines of one are joined by spaces. Nothing is
 * taken for a title, a heading or metadata: text given on the command line is translated as it is.
 */
export function parseParagraphs(input: string): ParsedText {
  const blocks = input
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((group) => group.split('\n').map((line) => line.trim()).filter(Boolean).join(' '))
    .filter(Boolean)
    .map((text): RawBlock => ({ kind: 'paragraph', text }));
  return { blocks, metadata: {} };
}

/** Turns text into one paragraph per line that holds any, each with its line number (from 1); blank lines hold none. */
export function parseLines(input: string): ParsedText {
  const lines = input.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const blocks = lines.map((text, index): RawBlock => ({ kind: 'paragraph', text: text.trim(), line: index + 1 })).filter((block) => block.text);
  return { blocks, metadata: { lines: input ? lines.length : 0 } };
}

// Removes trailing blank lines, a trailer line ("Suite de l'article…") and a clip marker ("[…]"), in any order.
function trimEnding(lines: string[], metadata: ParsedText['metadata']): void {
  for (;;) {
    while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
    const last = lines[lines.length - 1]?.trim() ?? '';
    if (!metadata.trailer && trailer.test(last)) metadata.trailer = last;
    else if (!metadata.clipped && clipMarker.test(last)) metadata.clipped = true;
    else return;
    lines.pop();
  }
}

interface LineGroup {
  text: string;
  /** Kind fixed by Markdown syntax (`# Title`, `## Heading`). */
  marked?: BlockKind;
  /** Followed by a lone `-` line, as titles of collected articles are. */
  underlined?: boolean;
}

function groupLines(lines: string[]): LineGroup[] {
  const groups: LineGroup[] = [];
  let open = false; // whether the last group may take a wrapped continuation line
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || sectionSeparator.test(line)) {
      open = false;
      continue;
    }
    const last = groups[groups.length - 1];
    if (titleRule.test(line)) {
      if (last) last.underlined = true;
      open = false;
      continue;
    }
    const heading = markdownHeading.exec(line);
    if (heading) {
      groups.push({ text: heading[2]!, marked: heading[1] === '#' && groups.length === 0 ? 'title' : 'heading' });
      open = false;
      continue;
    }
    if (open && last && isContinuation(last.text, line)) {
      last.text = `${last.text} ${line}`;
      continue;
    }
    groups.push({ text: line });
    open = true;
  }
  return groups;
}

// A hard-wrapped line: the previous line stops mid-sentence and this one goes on in lower case.
function isContinuation(previous: string, line: string): boolean {
  return !terminal.test(previous.replace(closers, '')) && !/[»”"]$/.test(previous) && /^\p{Ll}/u.test(line);
}

function looksLikeHeading(text: string): boolean {
  return text.length <= headingMaxLength && !terminal.test(text.replace(closers, ''));
}

/** Gives raw blocks their anchors (`title`, `p1`, `p2`, …) and their sentences. */
export function toBlocks(raw: readonly RawBlock[]): Block[] {
  let paragraph = 0;
  return raw.map(({ kind, text, markup, spans, line }) => ({
    id: kind === 'title' ? 'title' : `p${++paragraph}`,
    kind,
    text,
    // What is kept as written has no sentences to judge or translate.
    sentences: kind === 'verbatim' ? [] : splitSentences(text).map((sentence) => ({ text: sentence })),
    ...(markup !== undefined && markup !== text ? { markup } : {}),
    ...(spans?.length ? { spans } : {}),
    ...(line !== undefined ? { line } : {}),
  }));
}
