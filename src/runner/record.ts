import { articleWords, formatNote, type Article } from '../article.js';
import { countFlags, type ArticleRecord } from './report.js';

/** What the runner's record says of an article's content: kept with the digest, so that a skipped article keeps it. */
export type ContentRecord = Required<Pick<ArticleRecord, 'words' | 'encoding' | 'warnings'>> & Pick<ArticleRecord, 'flags' | 'flagged' | 'names'>;

/** The record's account of an article as the stages left it: its words, notes, flags and names. */
export function contentRecord(article: Article): ContentRecord {
  const flags = article.blocks.flatMap((block) => block.sentences.flatMap((sentence, index) =>
    (sentence.flags ?? []).map((flag) => ({ paragraph: block.id, sentence: index + 1, ...flag }))));
  return {
    words: articleWords(article),
    encoding: article.source.encoding,
    warnings: article.notes.map(formatNote),
    ...(flags.length ? { flags, flagged: countFlags(flags) } : {}),
    ...(article.names ? { names: Object.fromEntries(article.names.map((use) => [use.name, use.renderings])) } : {}),
  };
}
