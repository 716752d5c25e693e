import type { Block } from '../article.js';
import { languageLabel } from './labels.js';
import { withSpans } from './spans.js';

/**
 * The English side of a translated block, escaped. In a paragraph that mixes languages, a sentence that was not in
 * the source language is kept as written and marked with its language, in its place.
 */
export function englishOf(block: Block, escape: (text: string) => string): string {
  if (!block.sentences.some((sentence) => sentence.language)) return withSpans(block.translation ?? '', block.spans, escape);
  return block.sentences
    .map((sentence) => (sentence.translation !== undefined ? escape(sentence.translation) : `${escape(sentence.text)} *(${languageLabel(sentence.language)})*`))
    .join(' ');
}
