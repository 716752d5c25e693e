import { describe, expect, it } from 'vitest';
import check from '../../src/stages/check.js';
import { inMemory, makeArticle, testSetup } from '../support/articles.js';
import { fakeModels } from '../support/fake-models.js';

async function prepare(options: Record<string, unknown> = {}) {
  return check.create(check.options.parse(options), testSetup({ models: fakeModels().provider(), stages: ['read', 'translate', 'check'] }));
}

function translatedArticle() {
  const article = makeArticle([
    ['title', 'Le budget de 2025'],
    ['paragraph', 'La ville a dépensé 25 millions. Le maire Jean Dupont a parlé.'],
    ['paragraph', 'The reopening will be streamed online.', 'eng'],
  ]);
  const [title, paragraph] = article.blocks;
  title!.sentences[0]!.translation = 'The budget';
  paragraph!.sentences[0]!.translation = 'The city spent 25 million.';
  paragraph!.sentences[1]!.translation = 'Mayor Jean Dupont spoke.';
  return article;
}

describe('check stage', () => {
  it('flags a translated sentence beside its source, leaves a sound one and untranslated blocks as they were', async () => {
    const run = await prepare();
    const article = translatedArticle();
    const result = await run(article, inMemory);
    expect(result.blocks[0]!.sentences[0]!.flags).toEqual([{ kind: 'number', detail: '2025 → missing' }]);
    expect(result.blocks[1]!.sentences.map((sentence) => sentence.flags)).toEqual([undefined, undefined]);
    // A block that was not translated is the same object: nothing to check.
    expect(result.blocks[2]).toBe(article.blocks[2]);
    // The translation itself is never changed by a flag.
    expect(result.blocks[0]!.sentences[0]!.translation).toBe('The budget');
  });

  it('raises `unknown` from what the translator reported, and leaves out the kinds it is told to ignore', async () => {
    const article = translatedArticle();
    article.blocks[1]!.sentences[1]!.unknown = true;
    const all = await (await prepare())(article, inMemory);
    expect(all.blocks[1]!.sentences[1]!.flags?.map((flag) => flag.kind)).toEqual(['unknown']);
    const some = await (await prepare({ ignore: ['number', 'unknown'] }))(article, inMemory);
    expect(some.blocks.flatMap((block) => block.sentences.flatMap((sentence) => sentence.flags ?? []))).toEqual([]);
  });

  it('refuses a kind it does not know', () => {
    expect(() => check.options.parse({ ignore: ['spelling'] })).toThrow(/number.*name.*omission/s);
  });
});
