import { describe, expect, it } from 'vitest';
import { renderJsonl } from '../../src/exchange/jsonl.js';
import { sentencePairs } from '../../src/exchange/pairs.js';
import { makeArticle } from '../support/articles.js';

describe('sentence pairs', () => {
  it('are the translated sentences as the stages left them, keyed by block and place, never split again', () => {
    const article = makeArticle([['title', 'Le titre'], ['paragraph', 'Une phrase. « An English quote. » Une autre.'], ['paragraph', 'The council met.', 'eng']]);
    const [title, paragraph] = article.blocks;
    title!.sentences[0]!.translation = 'The title';
    const sentences = paragraph!.sentences;
    expect(sentences).toHaveLength(3);
    sentences[0]!.translation = 'A sentence.';
    sentences[1]!.language = { code: 'eng', confidence: 0.9 };
    sentences[2]!.translation = 'Another.';
    sentences[2]!.flags = [{ kind: 'omission', detail: 'shorter than its source' }];
    sentences[2]!.segments = [{ source: 'Une', translation: 'One' }, { source: 'autre.', translation: 'other.' }];
    const pairs = sentencePairs(article);
    expect(pairs.map((pair) => [pair.key, pair.language, pair.source, pair.translation])).toEqual([
      ['title.1', 'fra', 'Le titre', 'The title'],
      ['p1.1', 'fra', 'Une phrase.', 'A sentence.'],
      ['p1.3', 'fra', 'Une autre.', 'Another.'],
    ]);
    const lines = renderJsonl(article, pairs).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[2]).toEqual({
      id: 'articles/exemple.txt#p1.3', article: 'articles/exemple.txt', paragraph: 'p1', sentence: 3, language: 'fra',
      source: 'Une autre.', translation: 'Another.', flags: [{ kind: 'omission', detail: 'shorter than its source' }],
      segments: [{ source: 'Une', translation: 'One' }, { source: 'autre.', translation: 'other.' }],
    });
  });
});
