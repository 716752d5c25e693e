import { describe, expect, it } from 'vitest';
import summarize from '../../src/stages/summarize.js';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import { noModels } from '../../src/models/provider.js';
import { countWords } from '../../src/article.js';
import { makeArticle } from '../support/articles.js';

const setup = { config: {} as ResolvedConfig, models: noModels, stages: [] };

describe('summarize stage (extractive)', () => {
  const article = makeArticle([
    ['title', 'La bibliothèque du quartier nord rouvre'],
    ['paragraph', 'La bibliothèque du quartier nord rouvrira le 3 mars après dix-huit mois de travaux. Le chantier a coûté 2,4 millions d’euros.'],
    ['heading', 'Un lieu ouvert le soir'],
    ['paragraph', 'Nous voulions un lieu ouvert le soir, explique Mme Durand. La bibliothèque du quartier nord ouvrira jusqu’à 22 heures.'],
    ['paragraph', 'Il pleuvait ce jour-là sur la ville entière et personne ne savait pourquoi exactement.'],
  ]);

  it('picks sentences within the budget, in reading order, pointing at their paragraphs', async () => {
    const run = await summarize.create(summarize.options.parse({ words: 30, sentences: 2 }), setup);
    const { summary } = await run(article, {});
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
    const { summary } = await run(makeArticle([['title', 'Seulement un titre']]), {});
    expect(summary!.items).toEqual([]);
  });
});
