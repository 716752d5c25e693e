import type { Article, Block, Flag, Segment } from '../article.js';

/** One translated sentence and its English, where it stands in its article. */
export interface SentencePair {
  /** The block's stable id: `title`, `p3`. */
  block: Block;
  /** Its place in the block, from 1. */
  sentence: number;
  /** `p3.2`: the block's id and the sentence's place, as the reader page and the run report name it. */
  key: string;
  /** ISO 639-3 code of the source sentence. */
  language: string;
  source: string;
  translation: string;
  flags: readonly Flag[];
  /** The pieces the sentence was cut into to fit the model, when more than one. */
  segments?: readonly Segment[];
}

/**
 * Every translated sentence of an article beside its English, in reading order, taken from the sentences as they
 * were translated (never split again): sentence k of block i is the pair `pi.k`. Sentences kept as written (a quote
 * in English, a paragraph in a language no model translates) have no English and make no pair.
 */
export function sentencePairs(article: Article): SentencePair[] {
  return article.blocks.flatMap((block) => block.sentences.flatMap((sentence, index) => {
    if (sentence.translation === undefined) return [];
    return [{
      block,
      sentence: index + 1,
      key: `${block.id}.${index + 1}`,
      language: sentence.language?.code ?? block.language?.code ?? article.language?.code ?? 'und',
      source: sentence.text,
      translation: sentence.translation,
      flags: sentence.flags ?? [],
      ...(sentence.segments && sentence.segments.length > 1 ? { segments: sentence.segments } : {}),
    }];
  }));
}
