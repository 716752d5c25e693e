import type { Article } from '../article.js';
import { cutTranslation } from '../summary/cut.js';
import { escapeBlock, escapeCell, languageName } from './escape.js';
import { flagMark } from './flags.js';
import { listed, paragraphLink } from './labels.js';
import { columnRule } from './table.js';

/** The summary on top: generated sentences, or the picked ones beside their English, each linked to its paragraph. */
export function renderSummary(article: Article, bilingual: boolean): string | undefined {
  const generated = article.summary?.sentences;
  if (generated) {
    if (!generated.length) return undefined;
    const credit = `*Written by ${escapeBlock(article.summary?.model ?? 'a model')} from the English text; sentences naming what the source does not were dropped.*`;
    return ['## Summary', '', ...generated.map((sentence) => `- ${escapeBlock(sentence)}`), '', credit, ''].join('\n');
  }
  const items = article.summary?.items;
  if (!items?.length) return undefined;
  // The summary is drawn from one language; in an article that mixes several, it says which.
  const drawn = languageName(article.summary!.language);
  const mixes = article.languages
    ? [`*This article mixes ${listed(article.languages.map((entry) => `${languageName(entry.code)} (${Math.round(entry.share * 100)}%)`))}; the summary is drawn from its ${drawn}.*`, '']
    : [];
  const rows = items.map(({ block, sentence, text }) => {
    const owner = article.blocks[block]!;
    const chosen = owner.sentences[sentence]!;
    // A sentence cut to fit the budget shows its beginning, beside the English of about the same beginning.
    const shown = text ?? chosen.text;
    return { text: shown, translation: cutTranslation(chosen, shown), mark: flagMark(chosen.flags), link: paragraphLink(owner) };
  });
  if (!bilingual) {
    return ['## Résumé · Summary', '', ...mixes, ...rows.map((row) => `- ${escapeBlock(row.text)} ${row.link}`), ''].join('\n');
  }
  return [
    '## Résumé · Summary',
    '',
    ...mixes,
    `| ${drawn} | ${languageName('eng')} |`,
    columnRule([1, 1]),
    ...rows.map((row) => `| ${escapeCell(row.text)} ${row.link} | ${row.translation !== undefined ? `${escapeCell(row.translation)}${row.mark} ${row.link}` : '*(not translated)*'} |`),
    '',
  ].join('\n');
}
