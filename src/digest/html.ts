import path from 'node:path';
import { escapeHtml, fileUrl } from '../html/escape.js';
import { renderPage } from '../html/page.js';
import { languageTag } from '../language/codes.js';
import { countsLine, endingLine, fileLabel, flagsLine, languageLine, statusLabel, type DigestItem, type DigestRun } from './items.js';

/** The digest as a page: every article of the batch, its titles, date, language, English summary, flags and links. */
export function renderDigestHtml(items: readonly DigestItem[], run: DigestRun): string {
  const ending = endingLine(run);
  const body = [
    '<header>',
    '<h1>Digest</h1>',
    `<p class="meta">${escapeHtml(countsLine(items))} · <time datetime="${run.finished.toISOString()}">${escapeHtml(run.finished.toISOString().replace(/\.\d+Z$/, 'Z'))}</time></p>`,
    ending ? `<aside class="notes" role="note"><p>${escapeHtml(ending)}</p></aside>` : '',
    '</header>',
    '<main class="digest">',
    ...items.map(renderItem),
    '</main>',
  ];
  return renderPage({ lang: 'en', title: `Digest: ${countsLine(items)}`, body: body.filter(Boolean).join('\n') });
}

function renderItem(item: DigestItem): string {
  const entry = item.entry;
  const lang = entry?.language ? ` lang="${escapeHtml(languageTag(entry.language.code))}"` : '';
  const name = escapeHtml(entry?.title ?? `Untitled (${path.basename(item.source)})`);
  const link = item.files[0];
  const title = link ? `<a href="${escapeHtml(fileUrl(link))}">${name}</a>` : name;
  const status = statusLabel(item);
  const facts = [
    ...(status ? [`<span class="status ${escapeHtml(item.status)}">${escapeHtml(status)}</span>`] : []),
    ...(entry?.date ? [`<time>${escapeHtml(entry.date)}</time>`] : []),
    ...(entry && languageLine(entry) ? [escapeHtml(languageLine(entry)!)] : []),
    ...(entry ? [`${entry.words.toLocaleString('en-US')} words`] : []),
    ...(entry && flagsLine(entry) ? [escapeHtml(flagsLine(entry)!)] : []),
    `<code>${escapeHtml(item.source)}</code>`,
  ];
  const summary = entry?.summary.sentences.length
    ? `<p lang="${escapeHtml(languageTag(entry.summary.language))}" dir="auto">${escapeHtml(entry.summary.sentences.join(' '))}</p>`
    : '';
  const files = item.files.length ? `<p class="counts">${item.files.map((file) => `<a href="${escapeHtml(fileUrl(file))}">${escapeHtml(fileLabel(file))}</a>`).join(' · ')}</p>` : '';
  return [
    `<article class="entry">`,
    `<h2${lang} dir="auto">${title}</h2>`,
    entry?.englishTitle !== undefined ? `<p class="english-title" lang="en" dir="auto">${escapeHtml(entry.englishTitle)}</p>` : '',
    `<p class="counts">${facts.join(' · ')}</p>`,
    summary,
    files,
    '</article>',
  ].filter(Boolean).join('\n');
}
