import type { Article, Note } from '../article.js';
import { flaggedSentences } from '../markdown/flags.js';
import { escapeHtml } from './escape.js';

/**
 * What a reader must know before reading, in a box above the text: a clipped article, a trailer kept out, sentences
 * cut to fit the model, text kept untranslated, languages left undetermined, encoding repairs, sentences flagged.
 */
export function renderNotes(article: Article): string {
  const lines: string[] = [];
  if (article.metadata.clipped) lines.push('This article is clipped: its source ends with a “[…]” mark, so the text stops short.');
  if (article.metadata.trailer) lines.push(`A trailer was kept out of the text: “${escapeHtml(article.metadata.trailer)}”.`);
  const flagged = flaggedSentences(article).length;
  if (flagged) lines.push(`⚠ ${flagged} translated sentence${flagged === 1 ? ' was' : 's were'} flagged by the check: see <a href="#checked">the list at the end</a>.`);
  const notes = article.notes.map((note) => `<li>${describe(note, article)}</li>`).join('');
  // A long list of the stages' notes would push the text off the first screen: it folds, its count showing.
  const folded = article.notes.length > foldFrom
    ? `<details><summary>${article.notes.length} notes from the stages</summary><ul>${notes}</ul></details>`
    : '';
  const items = `${lines.map((line) => `<li>${line}</li>`).join('')}${folded ? '' : notes}`;
  if (!items && !folded) return '';
  return `<aside class="notes" role="note" aria-labelledby="notes"><h2 id="notes">Notes</h2>${items ? `<ul>${items}</ul>` : ''}${folded}</aside>`;
}

/** Up to this many notes are listed open. */
const foldFrom = 4;

function describe(note: Note, article: Article): string {
  const block = note.block ? article.blocks.find((candidate) => candidate.id === note.block) : undefined;
  const where = block ? (block.kind === 'title' ? 'Title: ' : `<a href="#${escapeHtml(block.id)}">¶${escapeHtml(block.id.slice(1))}</a>: `) : '';
  return `${where}${escapeHtml(note.message)} <span class="label">(${escapeHtml(note.stage)})</span>`;
}
