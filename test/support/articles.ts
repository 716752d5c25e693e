import { createArticle, type Article, type Block } from '../../src/article.js';
import { splitSentences } from '../../src/text/sentences.js';

/** An article built in memory: `[kind, text, language]` per block. */
export function makeArticle(blocks: [Block['kind'], string, string?][], language = 'fra'): Article {
  let paragraph = 0;
  return {
    ...createArticle({ path: '/articles/exemple.txt', display: 'articles/exemple.txt' }, '/out/exemple.md'),
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
