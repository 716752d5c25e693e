import type { Article, Note } from '../article.js';
import { escapeBlock } from './escape.js';
import { flaggedSentences } from './flags.js';
import { paragraphLink } from './labels.js';

/**
 * What a reader must know before reading, in the body where every renderer shows it (front matter is hidden by
 * most): a clipped article, a trailer kept out, sentences cut to fit the model, text kept untranslated, languages
 * left undetermined, encoding repairs. A Markdown callout (`> [!NOTE]`): GitHub draws a box, others a quote.
 */
export function renderNotes(article: Article): string | undefined {
  const lines: string[] = [];
  if (article.metadata.clipped) lines.push('This article is clipped: its source ends with a “[…]” mark, so the text stops short.');
  if (article.metadata.trailer) lines.push(`A trailer was kept out of the text: “${escapeBlock(article.metadata.trailer)}”.`);
  for (const note of article.notes) lines.push(describe(note, article));
  const flagged = flaggedSentences(article).length;
  if (flagged) lines.push(`⚠ ${flagged} translated sentence${flagged === 1 ? ' was' : 's were'} flagged by the check: see [the list at the end](#checked-sentences-to-read-twice).`);
  if (!lines.length) return undefined;
  // The blank quoted line lets pandoc, too, read the items as a list.
  return ['> [!NOTE]', '>', ...lines.map((line) => `> - ${line}`), ''].join('\n');
}

function describe(note: Note, article: Article): string {
  const block = note.block ? article.blocks.find((candidate) => candidate.id === note.block) : undefined;
  const where = block ? (block.kind === 'title' ? 'Title' : paragraphLink(block)) : '';
  return `${where ? `${where}: ` : ''}${escapeBlock(note.message)} *(${note.stage})*`;
}
