import path from 'node:path';
import type { Article, Block } from '../article.js';
import { titleOf } from '../article.js';
import { flagKinds, flagMeanings } from '../integrity/index.js';
import { languageTag } from '../language/codes.js';
import { languageName } from '../markdown/escape.js';
import { flaggedSentences } from '../markdown/flags.js';
import { escapeHtml } from './escape.js';
import { renderNotes } from './notes.js';
import { renderPage } from './page.js';
import { renderRows } from './rows.js';
import { script } from './script.js';
import { quoteSign, sourceSentences, targetSentences } from './sentences.js';
import { renderSummary } from './summary.js';

/**
 * An article as a page to read: the title in both languages, what the reader must know, the summary, then the
 * source and its English side by side, paragraph by paragraph, and the sentences the check flagged. Self-contained:
 * one file that opens anywhere, offline.
 */
export function renderReader(article: Article): string {
  const bilingual = article.blocks.some((block) => block.translation !== undefined);
  const language = article.language?.code ?? 'und';
  const sourceName = article.languages ? article.languages.map((entry) => languageName(entry.code)).join(' · ') : languageName(language);
  const title = titleOf(article);
  const body = article.blocks.filter((block) => block.kind !== 'title');
  const parts = [
    '<header>',
    renderTitle(article, title, bilingual, language),
    renderMeta(article),
    bilingual ? renderViewButtons(sourceName) : '',
    '</header>',
    '<main>',
    renderNotes(article),
    renderSummary(article, bilingual),
    `<section class="article" aria-labelledby="article"><h2 id="article">Article</h2>`,
    bilingual ? `<div class="row heads" aria-hidden="true"><div class="cell source">${escapeHtml(sourceName)}</div><div class="cell target">English</div></div>` : '',
    renderRows(body, { language, bilingual }),
    '</section>',
    renderChecked(article),
    '</main>',
  ];
  const pageTitle = title ? (title.translation !== undefined ? `${title.text} · ${title.translation}` : title.text) : untitled(article);
  return renderPage({
    lang: languageTag(language),
    title: pageTitle,
    body: parts.filter(Boolean).join('\n'),
    ...(bilingual ? { script } : { bodyAttributes: ' class="monolingual"' }),
  });
}

function untitled(article: Article): string {
  return `Untitled (${path.basename(article.source.display)})`;
}

function renderTitle(article: Article, title: Block | undefined, bilingual: boolean, language: string): string {
  if (!title) return `<h1>${escapeHtml(untitled(article))}</h1>`;
  const lang = `lang="${escapeHtml(languageTag(title.language?.code ?? language))}" dir="auto"`;
  const heading = `<h1 ${lang}>${sourceSentences(title, bilingual)}</h1>`;
  if (!bilingual) return heading;
  const english = title.translation !== undefined ? 'lang="en" dir="auto"' : lang;
  return `${heading}\n<p class="english-title" ${english}>${targetSentences(title)}</p>`;
}

/** The line under the title: date, language and confidence, source file, models. */
function renderMeta(article: Article): string {
  const items: string[] = [];
  if (article.metadata.date) items.push(`<time>${escapeHtml(article.metadata.date)}</time>`);
  if (article.language) items.push(`${escapeHtml(languageName(article.language.code))} (${escapeHtml(article.language.code)}, ${article.language.confidence.toFixed(2)})`);
  items.push(`source: ${escapeHtml(article.source.display)}`);
  for (const [stage, model] of Object.entries(article.models)) items.push(`${escapeHtml(stage)}: ${escapeHtml(model)}`);
  return `<p class="meta">${items.join(' · ')}</p>`;
}

/** The choice of what to show: the source, both, the English. Hidden until the script can make it work. */
function renderViewButtons(sourceName: string): string {
  const button = (view: string, label: string, pressed: boolean) => `<button type="button" data-view="${view}" aria-pressed="${pressed}">${escapeHtml(label)}</button>`;
  return `<nav class="view" aria-label="Show" hidden>${button('source', sourceName, false)}${button('both', 'Both', true)}${button('target', 'English', false)}</nav>`;
}

/** The sentences to read twice, each linked to its paragraph with what the check found, and the legend of the kinds. */
function renderChecked(article: Article): string {
  const flagged = flaggedSentences(article);
  if (!flagged.length) return '';
  const kinds = flagKinds.filter((kind) => flagged.some((item) => item.flags.some((flag) => flag.kind === kind)));
  const where = (block: Block) => (block.kind === 'title' ? 'Title' : `<a href="#${escapeHtml(block.id)}">¶${escapeHtml(block.id.slice(1))}</a>`);
  const items = flagged.map(({ block, index, flags, translation }) => {
    const found = flags.map((flag) => `<strong>${escapeHtml(flag.kind)}</strong> ${escapeHtml(flag.detail)}`).join('; ');
    return `<li>${where(block)}, sentence ${index + 1}: ${found} — “<span lang="en">${quoteSign(escapeHtml(translation))}</span>”</li>`;
  });
  return [
    '<section class="checked" aria-labelledby="checked">',
    '<h2 id="checked">Checked: sentences to read twice</h2>',
    '<p>⚠ marks a translated sentence the check flagged beside its source (flags never change a translation):</p>',
    `<ul>${kinds.map((kind) => `<li><strong>${kind}</strong>: ${escapeHtml(flagMeanings[kind])}</li>`).join('')}</ul>`,
    `<ul>${items.join('')}</ul>`,
    '</section>',
  ].join('\n');
}
