import type { Article } from '../article.js';
import type { SentencePair } from './pairs.js';

/**
 * JSON lines of an article's sentence pairs, one per translated sentence: `{"id", "article", "paragraph",
 * "sentence", "language", "source", "translation", "flags"}` (and `segments` where the sentence was cut to fit the
 * model). `id` is unique across a batch, and the lines are what `bitext check` reads.
 */
export function renderJsonl(article: Article, pairs: readonly SentencePair[]): string {
  return pairs.map((pair) => `${JSON.stringify({
    id: `${article.source.display}#${pair.key}`,
    article: article.source.display,
    paragraph: pair.block.id,
    sentence: pair.sentence,
    language: pair.language,
    source: pair.source,
    translation: pair.translation,
    flags: pair.flags,
    ...(pair.segments ? { segments: pair.segments } : {}),
  })}\n`).join('');
}
