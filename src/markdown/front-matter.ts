import { stringify } from 'yaml';
import type { Article } from '../article.js';
import { articleWords, countWords, formatNote, titleOf } from '../article.js';
import { tool } from '../version.js';
import { flaggedSentences } from './flags.js';

/** The YAML front matter: what a script needs to know about the article and how it was made. */
export function frontMatter(article: Article, stages: readonly string[]): string {
  const translated = article.blocks.some((block) => block.translation !== undefined);
  const data: Record<string, unknown> = {
    source: article.source.display,
    source_sha256: article.source.sha256,
    source_encoding: article.source.encoding,
    // Not `title`: pandoc would print it above the page's own heading, a second time.
    ...(titleOf(article) ? { headline: titleOf(article)!.text } : {}),
    ...(titleOf(article)?.translation !== undefined ? { headline_en: titleOf(article)!.translation } : {}),
    // The browser tab's title for pandoc, which prints `pagetitle` nowhere on the page.
    ...(titleOf(article) ? { pagetitle: titleOf(article)!.text } : {}),
    ...(article.metadata.date ? { date: article.metadata.date } : {}),
    // What the source said of itself (a Markdown file's front matter, a web page's byline and site), as it said it.
    ...(article.metadata.about ? { source_metadata: article.metadata.about } : {}),
    ...(article.language ? { language: { code: article.language.code, confidence: article.language.confidence } } : {}),
    ...(article.languages ? { languages: Object.fromEntries(article.languages.map((entry) => [entry.code, entry.share])) } : {}),
    ...(translated ? { translated_to: 'eng' } : {}),
    ...(Object.keys(article.models).length ? { models: article.models } : {}),
    stages: [...stages],
    paragraphs: article.blocks.filter((block) => block.kind !== 'title').length,
    words: {
      source: articleWords(article),
      ...(translated ? { target: sum(article.blocks.map((block) => countWords(block.translation ?? ''))) } : {}),
    },
    ...(article.metadata.clipped ? { clipped: true } : {}),
    ...(article.metadata.trailer ? { trailer: article.metadata.trailer } : {}),
    ...(article.notes.length ? { notes: article.notes.map(formatNote) } : {}),
    ...(flagCounts(article) ? { flags: flagCounts(article) } : {}),
    tool: `${tool.name} ${tool.version}`,
  };
  return `---\n${stringify(data, { flowCollectionPadding: false, lineWidth: 0 }).trimEnd()}\n---\n`;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** How many translated sentences each kind of flag marks; none when nothing was flagged. */
function flagCounts(article: Article): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const { flags } of flaggedSentences(article)) for (const kind of new Set(flags.map((flag) => flag.kind))) counts[kind] = (counts[kind] ?? 0) + 1;
  return Object.keys(counts).length ? counts : undefined;
}
