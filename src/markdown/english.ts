import type { Block } from '../article.js';
import { languageLabel } from './labels.js';
import { flagMark } from './flags.js';
import { markSpans, withSpans } from './spans.js';

/**
 * The English side of a translated block, escaped. In a paragraph that mixes languages, a sentence that was not in
 * the source language is kept as written and marked with its language, in its place. `italic` when the caller sets
 * the whole text in italics (a heading's English): the marks then carry no emphasis of their own, which would close it.
 */
export function englishOf(block: Block, escape: (text: string) => string, italic = false): string {
  if (!block.sentences.some((sentence) => sentence.language || sentence.flags)) return withSpans(block.translation ?? '', block.spans, escape);
  // Sentence by sentence: a flagged one carries its mark, one kept as written its language.
  const joined = block.sentences
    .map((sentence) => (sentence.translation !== undefined ? `${escape(sentence.translation)}${flagMark(sentence.flags, italic)}` : `${escape(sentence.text)} ${italic ? `(${languageLabel(sentence.language)})` : `*(${languageLabel(sentence.language)})*`}`))
    .join(' ');
  return markSpans(joined, block.spans, escape);
}
