import type { Block } from '../article.js';

/** A language as the page marks it: its code, or its script too when that is what is known (`und, Cyrillic script`). */
export function languageLabel(language: Block['language']): string {
  const code = language?.code ?? 'und';
  return language?.script ? `${code}, ${language.script} script` : code;
}

/** The mark of a block kept as written: `*(eng — kept as written)*`. */
export function keptMark(block: Block): string {
  return `*(${languageLabel(block.language)} — kept as written)*`;
}

/** `a, b and c`. */
export function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A link to a paragraph: `[¶3](#p3)`. */
export function paragraphLink(block: Pick<Block, 'id'>): string {
  return `[¶${block.id.slice(1)}](#${block.id})`;
}

/**
 * A block kept as written (code, a table, HTML), as it stands between the aligned text: Markdown's own code and tables
 * as they were; anything else fenced, so nothing in it reads as Markdown.
 */
export function verbatim(block: Block): string {
  if (/^(```|~~~)/.test(block.text) || /^\|.*\|\s*$/m.test(block.text.split('\n')[0] ?? '')) return block.text;
  const fence = block.text.includes('```') ? '~~~~' : '```';
  return `${fence}text\n${block.text}\n${fence}`;
}
