import path from 'node:path';
import type { Article, Block } from '../article.js';
import { titleOf } from '../article.js';
import { englishOf } from './english.js';
import { escapeBlock, languageName } from './escape.js';
import { renderFlags } from './flags.js';
import { frontMatter } from './front-matter.js';
import { keptMark, verbatim } from './labels.js';
import { renderNotes } from './notes.js';
import { renderSummary } from './summary.js';
import { renderTable } from './table.js';

export type Layout = 'side-by-side' | 'interleaved';

/**
 * Renders an article as Markdown: front matter, the title in both languages, what the reader must know, the summary,
 * then the article block by block. Block i of the source is block i of the translation: both come from the same
 * block, never re-aligned.
 */
export function renderArticle(article: Article, options: { layout: Layout; stages: readonly string[] }): string {
  const bilingual = article.blocks.some((block) => block.translation !== undefined);
  // An article that mixes languages says so where its columns are named.
  const source = article.languages ? article.languages.map((entry) => languageName(entry.code)).join(' · ') : languageName(article.language?.code ?? 'und');
  const parts = [frontMatter(article, options.stages), renderTitle(article, bilingual)];
  for (const part of [renderNotes(article), renderSummary(article, bilingual)]) if (part) parts.push(part);
  const body = article.blocks.filter((block) => block.kind !== 'title');
  parts.push(
    bilingual
      ? options.layout === 'side-by-side'
        ? renderTable(body, source, languageName('eng'))
        : renderInterleaved(body)
      : renderMonolingual(body, article.language?.code),
  );
  const flags = renderFlags(article);
  if (flags) parts.push(flags);
  return `${parts.join('\n')}`.replace(/\n{3,}/g, '\n\n');
}

/** The title, and its English under it; an article without one is called untitled, with its file's name. */
function renderTitle(article: Article, bilingual: boolean): string {
  const title = titleOf(article);
  if (!title) return `# Untitled (${escapeBlock(path.basename(article.source.display))})\n`;
  const lines = [`# ${escapeBlock(title.text)}`];
  if (bilingual) lines.push(title.translation !== undefined ? `*${englishOf(title, escapeBlock, true)}*` : keptMark(title));
  return `${lines.join('\n')}\n`;
}

function renderInterleaved(blocks: readonly Block[]): string {
  const sections = blocks.map((block) => {
    const anchor = `<a id="${block.id}"></a>`;
    const english = block.translation;
    if (block.kind === 'verbatim') return `${verbatim(block)}\n`;
    if (block.kind === 'heading') {
      return [`### ${anchor}${escapeBlock(block.text)}`, english !== undefined ? `*${englishOf(block, escapeBlock, true)}*` : keptMark(block), ''].join('\n');
    }
    return [
      `${anchor}**¶${block.id.slice(1)}** ${block.markup ?? escapeBlock(block.text)}`,
      '',
      english !== undefined ? `> ${englishOf(block, escapeBlock)}` : `> ${keptMark(block)}`,
      '',
    ].join('\n');
  });
  return ['## Article', '', ...sections].join('\n');
}

function renderMonolingual(blocks: readonly Block[], language: string | undefined): string {
  const sections = blocks.map((block) => {
    if (block.kind === 'verbatim') return `${verbatim(block)}\n`;
    // A passage in another language than the article's is marked, as it would be in the bilingual layouts.
    const foreign = block.language && language && block.language.code !== language ? `*(${block.language.code})* ` : '';
    return block.kind === 'heading'
      ? `### <a id="${block.id}"></a>${foreign}${escapeBlock(block.text)}\n`
      : `<a id="${block.id}"></a>${foreign}${block.markup ?? escapeBlock(block.text)}\n`;
  });
  return ['## Article', '', ...sections].join('\n');
}
