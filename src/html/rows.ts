import type { Block } from '../article.js';
import { languageTag } from '../language/codes.js';
import { escapeHtml, safeUrl } from './escape.js';
import { sourceSentences, targetSentences } from './sentences.js';

/** How the article's rows are laid: the source's language, and whether there is an English side. */
export interface RowsContext {
  /** ISO 639-3 code of the article's language. */
  language: string;
  bilingual: boolean;
}

/**
 * The article, one row per block, in source order: block i's source and block i's English side by side, in one grid
 * row, so each pair starts at the same height however long either side is. Nothing is re-aligned: both sides come
 * from the same block, sentence by sentence.
 */
export function renderRows(blocks: readonly Block[], context: RowsContext): string {
  return blocks.map((block) => renderRow(block, context)).join('\n');
}

function renderRow(block: Block, context: RowsContext): string {
  const number = block.kind === 'paragraph' ? `<a class="number" href="#${block.id}" aria-label="paragraph ${block.id.slice(1)}">${block.id.slice(1)}</a>` : '';
  const open = `<div class="row ${block.kind}" id="${escapeHtml(block.id)}">${number}`;
  if (block.kind === 'verbatim') return `${open}<pre class="cell both">${escapeHtml(block.text)}</pre></div>`;
  const code = block.language?.code ?? context.language;
  const source = `lang="${escapeHtml(languageTag(code))}" dir="auto"`;
  const tag = block.kind === 'heading' ? 'h3' : 'p';
  const links = renderLinks(block);
  if (!context.bilingual) return `${open}<div class="cell source" ${source}><${tag}>${sourceSentences(block, false)}</${tag}>${links}</div></div>`;
  const target = block.translation === undefined ? source : 'lang="en" dir="auto"';
  return [
    open,
    `<div class="cell source" ${source}><${tag}>${sourceSentences(block, true)}</${tag}>${links}</div>`,
    `<div class="cell target" ${target}><${tag}>${targetSentences(block)}</${tag}></div>`,
    '</div>',
  ].join('');
}

/** The links a Markdown source held in the block, under its source side, so that none is lost; unsafe ones as text. */
function renderLinks(block: Block): string {
  const links = (block.spans ?? []).filter((span) => span.kind === 'link' && span.url);
  if (!links.length) return '';
  const items = links.map((link) => {
    const url = safeUrl(link.url!);
    const text = escapeHtml(link.text || link.url!);
    return url ? `<li><a href="${escapeHtml(url)}" rel="noreferrer noopener">${text}</a></li>` : `<li>${text} <span class="label">(${escapeHtml(link.url!)})</span></li>`;
  });
  return `<ul class="links">${items.join('')}</ul>`;
}
