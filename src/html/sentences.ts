import type { Block, Flag, Sentence } from '../article.js';
import { languageLabel } from '../markdown/labels.js';
import { escapeHtml } from './escape.js';

/** The key that ties a sentence to its counterpart: its block's id and its place in it, from 1 (`p3.2`). */
export function pairKey(block: Pick<Block, 'id'>, index: number): string {
  return `${block.id}.${index + 1}`;
}

/**
 * One side's sentence, as a span its counterpart lights up with: `s-p3.2` in the source, `t-p3.2` in the English.
 * A warning sign the text holds is said to be the text's, not a flag.
 */
export function sentenceSpan(side: 's' | 't', key: string, html: string, extra = ''): string {
  return `<span class="s${extra}" id="${side}-${key}" data-pair="${key}" tabindex="0">${quoteSign(html)}</span>`;
}

/** The warning signs of a text, each said to be the text's: only the check's marks are flags. */
export function quoteSign(html: string): string {
  return html.replace(/\u26A0[\uFE0E\uFE0F]?/gu, '<span class="sign" title="written so in the text: not a flag">$&</span>');
}

/** The source side of a block: its sentences, each a span. */
export function sourceSentences(block: Block, paired: boolean): string {
  return block.sentences
    .map((sentence, index) => (paired ? sentenceSpan('s', pairKey(block, index), escapeHtml(sentence.text)) : quoteSign(escapeHtml(sentence.text))))
    .join(' ');
}

/**
 * The English side of a block, sentence by sentence beside the source's: a translated sentence with its flags, one
 * kept as written (a quote in another language) marked with its language. A block not translated at all is kept as
 * written, and says so.
 */
export function targetSentences(block: Block): string {
  if (block.translation === undefined) {
    const kept = block.sentences.map((sentence, index) => sentenceSpan('t', pairKey(block, index), escapeHtml(sentence.text), ' kept')).join(' ');
    return `<span class="label">(${escapeHtml(languageLabel(block.language))} — kept as written)</span> ${kept}`;
  }
  return block.sentences.map((sentence, index) => targetSentence(block, sentence, index)).join(' ');
}

function targetSentence(block: Block, sentence: Sentence, index: number): string {
  const key = pairKey(block, index);
  if (sentence.translation === undefined) {
    return `${sentenceSpan('t', key, escapeHtml(sentence.text), ' kept')} <span class="label">(${escapeHtml(languageLabel(sentence.language))})</span>`;
  }
  return `${sentenceSpan('t', key, escapeHtml(sentence.translation))}${flagMark(sentence.flags)}`;
}

/** The mark a flagged sentence carries: `⚠` and its kinds, what was found in its tooltip and for screen readers. */
export function flagMark(flags: readonly Flag[] | undefined): string {
  if (!flags?.length) return '';
  const kinds = [...new Set(flags.map((flag) => flag.kind))].join(', ');
  const found = flags.map((flag) => `${flag.kind}: ${flag.detail}`).join('; ');
  return ` <span class="flag" title="${escapeHtml(found)}" aria-label="${escapeHtml(`flagged: ${found}`)}">⚠ ${escapeHtml(kinds)}</span>`;
}
