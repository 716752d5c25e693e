import { createArticle, type Article, type Block } from '../../src/article.js';
import type { ArticleContext, StageSetup } from '../../src/stages/stage.js';
import { splitSentences } from '../../src/text/sentences.js';

/** An article built in memory: `[kind, text, language]` per block. */
export function makeArticle(blocks: [Block['kind'], string, string?][], language = 'fra'): Article {
  let paragraph = 0;
  return {
    ...createArticle({ kind: 'file', path: '/articles/exemple.txt', display: 'articles/exemple.txt' }),
    language: { code: language, confidence: 0.9 },
    blocks: blocks.map(([kind, text, code]) => ({
      id: kind === 'title' ? 'title' : `p${++paragraph}`,
      kind,
      text,
      sentences: splitSentences(text).map((sentence) => ({ text: sentence })),
      language: { code: code ?? language, confidence: 0.9 },
    })),
  };
}

/** What a stage gets per article in a test: an in-memory article has no source to read. */
export const inMemory: ArticleContext = { source: { kind: 'text', text: '', display: 'articles/exemple.txt', form: 'article' } };

/** What a stage gets once per run in a test, on top of its models: warnings are kept for the test to read. */
export function testSetup(setup: Omit<StageSetup, 'warn'>, warnings: string[] = []): StageSetup {
  return { ...setup, warn: (message) => warnings.push(message) };
}
