import type { Article } from '../article.js';
import { languageTag } from '../language/codes.js';
import { languageName } from '../markdown/escape.js';
import { listed } from '../markdown/labels.js';
import { cutTranslation } from '../summary/cut.js';
import { escapeHtml } from './escape.js';
import { flagMark, quoteSign, sentenceSpan } from './sentences.js';

/**
 * The summary on top: the picked sentences beside their English, each linked to its paragraph and lit with its
 * counterpart like the article's; or the sentences a model wrote.
 */
export function renderSummary(article: Article, bilingual: boolean): string {
  const open = '<section class="summary" aria-labelledby="summary">';
  const generated = article.summary?.sentences;
  if (generated) {
    if (!generated.length) return '';
    return [
      `${open}<h2 id="summary">Summary</h2>`,
      `<ul lang="en">${generated.map((sentence) => `<li>${escapeHtml(sentence)}</li>`).join('')}</ul>`,
      `<p class="meta">Written by ${escapeHtml(article.summary?.model ?? 'a model')} from the English text; sentences naming what the source does not were dropped.</p>`,
      '</section>',
    ].join('\n');
  }
  const items = article.summary?.items;
  if (!items?.length) return '';
  const drawn = article.summary!.language;
  const lang = `lang="${escapeHtml(languageTag(drawn))}" dir="auto"`;
  const mixes = article.languages
    ? `<p class="meta">This article mixes ${escapeHtml(listed(article.languages.map((entry) => `${languageName(entry.code)} (${Math.round(entry.share * 100)}%)`)))}; the summary is drawn from its ${escapeHtml(languageName(drawn))}.</p>`
    : '';
  const rows = items.map(({ block, sentence, text }, index) => {
    const owner = article.blocks[block]!;
    const chosen = owner.sentences[sentence]!;
    const shown = text ?? chosen.text;
    const link = owner.kind === 'title' ? '' : ` <a class="label" href="#${escapeHtml(owner.id)}">¶${escapeHtml(owner.id.slice(1))}</a>`;
    if (!bilingual) return `<li ${lang}>${quoteSign(escapeHtml(shown))}${link}</li>`;
    const key = `summary.${index + 1}`;
    const english = cutTranslation(chosen, shown);
    const target = english !== undefined
      ? `<p class="cell target" lang="en" dir="auto">${sentenceSpan('t', key, escapeHtml(english))}${flagMark(chosen.flags)}${link}</p>`
      : `<p class="cell target"><span class="label">(not translated)</span></p>`;
    return `<div class="row"><p class="cell source" ${lang}>${sentenceSpan('s', key, escapeHtml(shown))}${link}</p>${target}</div>`;
  });
  const heading = `${open}<h2 id="summary">Résumé · Summary</h2>${mixes}`;
  return bilingual ? `${heading}\n${rows.join('\n')}\n</section>` : `${heading}\n<ul>${rows.join('')}</ul>\n</section>`;
}
