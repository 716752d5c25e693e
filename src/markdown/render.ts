import path from 'node:path';
import type { Article, Block } from '../article.js';
import { titleOf } from '../article.js';
import { cutTranslation } from '../summary/cut.js';
import { escapeBlock, escapeCell, languageName } from './escape.js';
import { frontMatter } from './front-matter.js';

export type Layout = 'side-by-side' | 'interleaved';

/**
 * Renders an article as Markdown: front matter, the title in both languages, the summary, then the article block
 * by block. Block i of the source is block i of the translation: both come from the same block, never re-aligned.
 */
export function renderArticle(article: Article, options: { layout: Layout; stages: readonly string[] }): string {
  const bilingual = article.blocks.some((block) => block.translation !== undefined);
  const source = languageName(article.language?.code ?? 'und');
  const target = languageName('eng');
  const parts = [frontMatter(article, options.stages), renderTitle(article, bilingual)];
  const summary = renderSummary(article, bilingual, source, target);
  if (summary) parts.push(summary);
  const body = article.blocks.filter((block) => block.kind !== 'title');
  parts.push(
    bilingual
      ? options.layout === 'side-by-side'
        ? renderTable(body, source, target)
        : renderInterleaved(body)
      : renderMonolingual(body, article.language?.code),
  );
  return `${parts.join('\n')}`.replace(/\n{3,}/g, '\n\n');
}

function renderTitle(article: Article, bilingual: boolean): string {
  const title = titleOf(article);
  if (!title) return `# ${escapeBlock(path.parse(article.source.path).name)}\n`;
  const lines = [`# ${escapeBlock(title.text)}`];
  if (bilingual) lines.push(title.translation !== undefined ? `*${escapeBlock(title.translation)}*` : untranslatedNote(title));
  return `${lines.join('\n')}\n`;
}

function renderSummary(article: Article, bilingual: boolean, source: string, target: string): string | undefined {
  const generated = article.summary?.sentences;
  if (generated) {
    if (!generated.length) return undefined;
    const credit = `*Written by ${escapeBlock(article.summary?.model ?? 'a model')} from the English text; sentences naming what the source does not were dropped.*`;
    return ['## Summary', '', ...generated.map((sentence) => `- ${escapeBlock(sentence)}`), '', credit, ''].join('\n');
  }
  const items = article.summary?.items;
  if (!items?.length) return undefined;
  const rows = items.map(({ block, sentence, text }) => {
    const owner = article.blocks[block]!;
    const chosen = owner.sentences[sentence]!;
    const link = `[¶${owner.id.slice(1)}](#${owner.id})`;
    // A sentence cut to fit the budget shows its beginning, beside the English of about the same beginning.
    const shown = text ?? chosen.text;
    return { text: shown, translation: cutTranslation(chosen, shown), link };
  });
  if (!bilingual) {
    return ['## Résumé · Summary', '', ...rows.map((row) => `- ${escapeBlock(row.text)} ${row.link}`), ''].join('\n');
  }
  return [
    '## Résumé · Summary',
    '',
    `| ${source} | ${target} |`,
    '|---|---|',
    ...rows.map((row) => `| ${escapeCell(row.text)} ${row.link} | ${row.translation !== undefined ? `${escapeCell(row.translation)} ${row.link}` : '*(not translated)*'} |`),
    '',
  ].join('\n');
}

function renderTable(blocks: Block[], source: string, target: string): string {
  const rows = blocks.map((block) => {
    const [left, right] = block.kind === 'heading' ? ['**', '**'] : ['', ''];
    const original = `${left}${escapeCell(block.text)}${right}`;
    const english = block.translation !== undefined ? `${left}${englishOf(block, escapeCell)}${right}` : original;
    const marker = block.translation === undefined ? `${untranslatedNote(block)} ` : '';
    return `| <a id="${block.id}"></a>${block.id.slice(1)} | ${marker}${original} | ${english} |`;
  });
  return ['## Article', '', `| ¶ | ${source} | ${target} |`, '|---|---|---|', ...rows, ''].join('\n');
}

function renderInterleaved(blocks: Block[]): string {
  const sections = blocks.map((block) => {
    const anchor = `<a id="${block.id}"></a>`;
    const english = block.translation;
    if (block.kind === 'heading') {
      return [`### ${anchor}${escapeBlock(block.text)}`, english !== undefined ? `*${escapeBlock(english)}*` : untranslatedNote(block), ''].join('\n');
    }
    return [
      `${anchor}**¶${block.id.slice(1)}** ${escapeBlock(block.text)}`,
      '',
      english !== undefined ? `> ${englishOf(block, escapeBlock)}` : `> ${untranslatedNote(block)}`,
      '',
    ].join('\n');
  });
  return ['## Article', '', ...sections].join('\n');
}

function renderMonolingual(blocks: Block[], language: string | undefined): string {
  const sections = blocks.map((block) => {
    // A passage in another language than the article's is marked, as it would be in the bilingual layouts.
    const foreign = block.language && language && block.language.code !== language ? `*(${block.language.code})* ` : '';
    return block.kind === 'heading'
      ? `### <a id="${block.id}"></a>${foreign}${escapeBlock(block.text)}\n`
      : `<a id="${block.id}"></a>${foreign}${escapeBlock(block.text)}\n`;
  });
  return ['## Article', '', ...sections].join('\n');
}

/**
 * The English side of a translated block, escaped. In a paragraph that mixes languages, a sentence that was not in
 * the source language is kept as written and marked with its language, in its place.
 */
function englishOf(block: Block, escape: (text: string) => string): string {
  if (!block.sentences.some((sentence) => sentence.language)) return escape(block.translation ?? '');
  return block.sentences
    .map((sentence) => (sentence.translation !== undefined ? escape(sentence.translation) : `${escape(sentence.text)} *(${sentence.language?.code ?? 'und'})*`))
    .join(' ');
}

function untranslatedNote(block: Block): string {
  return `*(${block.language?.code ?? 'und'} — kept as written)*`;
}
