import type { Block } from '../article.js';
import { escapeBlock, escapeCell, markupCell } from './escape.js';
import { englishOf } from './english.js';
import { keptMark, verbatim } from './labels.js';

/**
 * A pipe table's rule line, its dashes in proportion to `widths` (0: a narrow column, aligned right): pandoc sizes the
 * columns of a table whose lines are long by the dashes of this line, so the ¶ column stays narrow. (Other renderers
 * ignore the count.)
 */
export function columnRule(widths: readonly number[]): string {
  return `|${widths.map((width) => (width ? '-'.repeat(width * 12) : '--:')).join('|')}|`;
}

/**
 * Side by side: one table row per paragraph, source | English; a section heading ends the table, stands as a
 * heading in both languages (so the page has an outline), and a new table starts under it.
 */
export function renderTable(blocks: readonly Block[], source: string, target: string): string {
  const header = [`| ¶ | ${source} | ${target} |`, columnRule([0, 4, 4])];
  const lines: string[] = ['## Article', ''];
  let open = false;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      if (open) lines.push('');
      lines.push(`### <a id="${block.id}"></a>${escapeBlock(block.text)}`, block.translation !== undefined ? `*${englishOf(block, escapeBlock, true)}*` : keptMark(block), '');
      open = false;
      continue;
    }
    if (block.kind === 'verbatim') {
      if (open) lines.push('');
      lines.push(verbatim(block), '');
      open = false;
      continue;
    }
    if (!open) lines.push(...header);
    open = true;
    const original = block.markup !== undefined ? markupCell(block.markup) : escapeCell(block.text);
    const english = block.translation !== undefined ? englishOf(block, escapeCell) : original;
    const marker = block.translation === undefined ? `${keptMark(block)} ` : '';
    lines.push(`| <a id="${block.id}"></a>${block.id.slice(1)} | ${marker}${original} | ${english} |`);
  }
  return [...lines, ''].join('\n');
}
