import { describe, expect, it } from 'vitest';
import summarize from '../../src/stages/summarize.js';
import { createModelProvider, noModels } from '../../src/models/provider.js';
import { countWords, type Article } from '../../src/article.js';
import { renderArticle } from '../../src/markdown/render.js';
import { inMemory, makeArticle, testSetup } from '../support/articles.js';
import { countTokens, fakeModels, fakeSummary, fakeTranslation } from '../support/fake-models.js';
import { testModels } from '../support/test-models.js';

const setup = testSetup({ models: noModels, stages: [] });

describe('summarize stage (extractive)', () => {
  const article = makeArticle([
    ['title', 'La bibliothèque du quartier nord rouvre'],
    ['paragraph', 'La bibliothèque du quartier nord rouvrira le 3 mars après dix-huit mois de travaux. Le chantier a coûté 2,4 millions d’euros.'],
    ['heading', 'Un lieu ouvert le soir'],
    ['paragraph', 'Nous voulions un lieu ouvert le soir, explique Mme Durand. La bibliothèque du quartier nord ouvrira jusqu’à 22 heures.'],
    ['paragraph', 'Il pleuvait ce jour-là sur la ville entière et personne ne savait pourquoi exactement.'],
  ]);

  it('picks sentences within the budget, in reading order, pointing at their paragraphs', async () => {
    const run = await summarize.create(summarize.options.parse({ words: 15, sentences: 2 }), setup);
    const { summary } = await run(article, inMemory);
    expect(summary!.method).toBe('extractive');
    expect(summary!.items.length).toBeGreaterThan(0);
    expect(summary!.items.length).toBeLessThanOrEqual(2);
    const chosen = summary!.items.map(({ block, sentence }) => article.blocks[block]!.sentences[sentence]!.text);
    expect(chosen[0]).toContain('rouvrira le 3 mars');
    const words = chosen.reduce((total, text) => total + countWords(text), 0);
    expect(words).toBeLessThanOrEqual(30);
    const order = summary!.items.map(({ block, sentence }) => block * 100 + sentence);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const { block } of summary!.items) expect(article.blocks[block]!.kind).toBe('paragraph');
  });

  it('gives an empty summary, not an error, for an article without sentences to pick', async () => {
    const run = await summarize.create(summarize.options.parse({}), setup);
    const { summary } = await run(makeArticle([['title', 'Seulement un titre']]), inMemory);
    expect(summary!.items).toEqual([]);
  });

  it('needs a model only for the abstractive method', () => {
    expect(summarize.models!(summarize.options.parse({}))).toEqual([]);
    expect(summarize.models!(summarize.options.parse({ method: 'abstractive', dtype: 'fp32' }))).toEqual([{ model: 'Xenova/distilbart-cnn-6-6', dtype: 'fp32' }]);
  });
});

const english = (count: number) =>
  makeArticle(Array.from({ length: count }, (_, index) => ['paragraph', `Paragraph ${index + 1} tells how the council of Lyon met. It voted on the budget of the city.`] as const).map(([kind, text]) => [kind, text]), 'eng');

describe('summarize stage (abstractive, fake model)', () => {
  const abstractive = (models: ReturnType<typeof fakeModels>, options: Record<string, unknown> = {}) =>
    summarize.create(summarize.options.parse({ method: 'abstractive', ...options }), testSetup({ models: models.provider(), stages: [] }));

  it('reads a long article whole, in chunks that fit the model, and summarizes the chunk summaries again', async () => {
    const models = fakeModels({ maxInputTokens: 40 });
    const article = english(12);
    const { summary, notes } = await (await abstractive(models))(article, inMemory);
    const chunks = models.calls.summaries.flat();
    const chunkCount = Number(/^read in (\d+) chunks/.exec(notes.at(-1)!.message)?.[1]);
    // Every sentence of the article is read exactly once, in order, and no chunk is over the model's window.
    expect(chunks.slice(0, chunkCount).join(' ')).toBe(article.blocks.map((block) => block.text).join(' '));
    expect(chunkCount).toBeGreaterThan(1);
    for (const chunk of chunks) expect(countTokens(chunk)).toBeLessThanOrEqual(40);
    // Then the chunk summaries are summarized again.
    expect(chunks.length).toBeGreaterThan(chunkCount);
    expect(summary).toMatchObject({ method: 'abstractive', language: 'eng', items: [], model: 'Xenova/distilbart-cnn-6-6 (q8)' });
    expect(summary!.sentences).toEqual(['Paragraph 1 tells how the council of Lyon met.']);
    expect(notes.map((note) => note.message)).toContainEqual(expect.stringMatching(/^read in \d+ chunks of the model's 40-token window, summarized in \d+ rounds$/));
    expect(models.calls.summarySettings[0]).toEqual({ beams: 4 });
  });

  it('drops, and notes, a generated sentence with a name or number the source does not have', async () => {
    const models = fakeModels({ summarize: () => 'Mayor Jean Dupont spent 12 million euros. The council of Lyon voted on the budget.' });
    const { summary, notes } = await (await abstractive(models))(english(2), inMemory);
    expect(summary!.sentences).toEqual(['The council of Lyon voted on the budget.']);
    expect(notes.map((note) => note.message)).toContain('dropped a generated sentence stating “12”, “Mayor”, “Jean”, “Dupont”, not in the source: “Mayor Jean Dupont spent 12 million euros.”');
    const markdown = renderArticle({ ...english(2), summary, notes }, { layout: 'side-by-side', stages: [] });
    expect(markdown).toContain('## Summary\n\n- The council of Lyon voted on the budget.\n');
    expect(markdown.slice(markdown.indexOf('## Summary'))).not.toContain('Dupont');
  });

  it('summarizes the English translation of a French article', async () => {
    const models = fakeModels();
    const french = makeArticle([['paragraph', 'Le conseil de Lyon a voté. Le budget augmente.']]);
    const translated: Article = { ...french, blocks: french.blocks.map((block) => ({ ...block, sentences: block.sentences.map((sentence) => ({ ...sentence, translation: fakeTranslation(sentence.text) })) })) };
    const { summary } = await (await abstractive(models))(translated, inMemory);
    expect(models.calls.summaries).toEqual([[`${fakeTranslation('Le conseil de Lyon a voté.')} ${fakeTranslation('Le budget augmente.')}`]]);
    expect(summary!.sentences!.join(' ')).toBe(fakeSummary(models.calls.summaries[0]![0]!));
  });

  it('falls back to an extractive summary, with a note, when there is no English to read', async () => {
    const models = fakeModels();
    const { summary, notes } = await (await abstractive(models))(makeArticle([['paragraph', 'Le conseil de Lyon a voté le budget de la ville.']]), inMemory);
    expect(models.calls.summaries).toEqual([]);
    expect(summary!.method).toBe('extractive');
    expect(summary!.items).toEqual([{ block: 0, sentence: 0 }]);
    expect(notes[0]!.message).toContain('put `translate` before `summarize`');
  });
});

describe('summarize stage (abstractive, the generated BART on real onnxruntime)', () => {
  it('summarizes an article longer than the model reads, the same way every time', async () => {
    const models = createModelProvider({ directory: await testModels() });
    try {
      const options = summarize.options.parse({ method: 'abstractive', model: 'bitext-test/bart-tiny', dtype: 'q8', beams: 2, words: 8 });
      const run = await summarize.create(options, testSetup({ models, stages: [] }));
      const article = makeArticle(Array.from({ length: 8 }, () => ['paragraph', 'the mayor speaks with the employees of the city. the cat eats.'] as const).map(([kind, text]) => [kind, text]), 'eng');
      const first = await run(article, inMemory);
      expect(first.notes.map((note) => note.message)).toContainEqual(expect.stringMatching(/^read in [2-9] chunks of the model's 127-token window/));
      expect(first.summary!.sentences!.length).toBeGreaterThan(0);
      // Words of the model's vocabulary, its special tokens left out.
      expect(first.summary!.sentences!.join(' ')).toMatch(/^[a-z .,!?]+$/);
      expect(first.models.summarize).toBe('bitext-test/bart-tiny (q8)');
      expect((await run(article, inMemory)).summary).toEqual(first.summary);
    } finally {
      await models.dispose();
    }
  });
});
