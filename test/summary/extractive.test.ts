import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords, type Article } from '../../src/article.js';
import { noModels } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { summarizeExtractive } from '../../src/summary/extractive.js';
import { splitSentences } from '../../src/text/sentences.js';
import { averageRouge, scoreRouge } from '../../scripts/evaluate/rouge.js';
import { makeArticle } from '../support/articles.js';
import { shared } from '../support/paths.js';

const picked = (article: Article, options = { words: 40, sentences: 3 }) =>
  summarizeExtractive(article, 'fra', options).map(({ block, sentence }) => article.blocks[block]!.sentences[sentence]!.text);

describe('summarizeExtractive', () => {
  it('prefers the sentence that shares the article’s subject to an earlier one that does not', () => {
    const article = makeArticle([
      ['paragraph', 'Il faisait beau ce matin-là sur les quais, comme souvent au printemps.'],
      ['paragraph', 'La mairie de Lyon rénove la bibliothèque municipale du quartier nord pendant dix-huit mois.'],
      ['paragraph', 'La bibliothèque municipale rouvrira en mars. Les travaux de la bibliothèque ont coûté cher à la mairie de Lyon.'],
    ]);
    expect(picked(article, { words: 12, sentences: 1 })).toEqual(['La mairie de Lyon rénove la bibliothèque municipale du quartier nord pendant dix-huit mois.']);
  });

  it('prefers the earlier of two sentences as central as each other', () => {
    const first = 'Le conseil municipal a voté le budget de la ville pour 2025.';
    const later = 'Le conseil municipal a voté le budget annuel de la ville hier soir.';
    const article = makeArticle([['paragraph', `${first} ${later}`], ['paragraph', 'Le budget de la ville augmente. Le conseil municipal se réunira encore.']]);
    expect(picked(article, { words: 10, sentences: 1 })).toEqual([first]);
  });

  it('skips a sentence that repeats one already chosen, and returns the choice in reading order', () => {
    const article = makeArticle([
      ['paragraph', 'Le conseil municipal de Lyon a voté le budget de la ville.'],
      ['paragraph', 'Le budget de la ville a été voté par le conseil municipal de Lyon.'],
      ['paragraph', 'Les écoles de la ville recevront de nouveaux crédits pour leurs cantines.'],
    ]);
    const chosen = picked(article, { words: 30, sentences: 2 });
    expect(chosen).toHaveLength(2);
    expect(chosen[1]).toBe('Les écoles de la ville recevront de nouveaux crédits pour leurs cantines.');
  });

  it('adds sentences until the aimed words are reached, never past twice them nor past `sentences`', () => {
    const article = makeArticle([
      'Le conseil municipal de Lyon a voté hier un budget de rénovation pour le quartier nord.',
      'Les écoles primaires recevront trois millions pour isoler leurs bâtiments avant l’hiver prochain.',
      'Deux piscines fermées depuis longtemps rouvriront au public dès le mois de juin.',
      'Des pistes cyclables relieront bientôt la gare aux collèges et aux lycées voisins.',
      'Les habitants pourront cultiver des jardins partagés sur les terrains vagues rachetés.',
      'Une crèche familiale accueillera quarante enfants supplémentaires à partir de septembre.',
      'Le marché couvert, vieux de cent ans, sera entièrement restauré par des artisans locaux.',
    ].map((text) => ['paragraph', text]));
    for (const [words, sentences] of [[20, 5], [40, 5], [60, 2]] as const) {
      const chosen = picked(article, { words, sentences });
      const total = chosen.reduce((sum, text) => sum + countWords(text), 0);
      expect(chosen.length).toBeLessThanOrEqual(sentences);
      expect(total).toBeLessThanOrEqual(2 * words);
      if (chosen.length < sentences) expect(total).toBeGreaterThanOrEqual(words);
      // It stops once the aim is reached: without its longest sentence the summary falls short of it.
      expect(total - Math.max(...chosen.map(countWords))).toBeLessThan(words);
    }
  });

  it('never picks code left in a scraped page, a sentence in another language, a title or a heading', () => {
    const article = makeArticle([
      ['title', 'Le budget de la ville de Lyon voté par le conseil'],
      ['paragraph', 'window.pvp = new Pvp("budget ville Lyon conseil", {id: 3}); Le budget de la ville.'],
      ['paragraph', 'The city of Lyon budget was voted by the council of Lyon city.', 'eng'],
      ['heading', 'Le budget de la ville'],
      ['paragraph', 'Le conseil municipal a voté le budget de la ville de Lyon hier soir.'],
    ]);
    expect(picked(article, { words: 12, sentences: 1 })).toEqual(['Le conseil municipal a voté le budget de la ville de Lyon hier soir.']);
  });
});

const orangesum = path.join(shared, 'eval/summarization/orangesum-dev');
const skip = existsSync(orangesum) ? '' : ' (skipped: ../shared/eval is not beside the project)';
describe.skipIf(skip)(`summarizeExtractive on OrangeSum, default budget${skip}`, () => {
  // Its speed is measured by `npm run eval:summary`, not here: a busy machine must not fail a test.
  it('beats Lead-2 by a point of ROUGE-1 and scores at least 28.5', async () => {
    const lines = (name: string) => readFileSync(path.join(orangesum, name), 'utf8').split('\n').slice(0, -1);
    const gold = lines('abstract.gold.txt');
    const reader = await createPipeline(chooseStages(['read', 'detect-language']), { models: noModels });
    const articles: Article[] = [];
    for (const [index, text] of lines('abstract.source_documents.txt').entries()) articles.push(await reader.process({ kind: 'text', text, display: `${index}`, form: 'article' }));
    const summaries = articles.map((article) => picked(article).join(' '));
    const lead2 = articles.map((article) => splitSentences(article.blocks.map((block) => block.text).join(' ')).slice(0, 2).join(' '));
    const rouge1 = (texts: string[]) => averageRouge(texts.map((text, index) => scoreRouge(text, gold[index]!))).rouge1;
    expect(rouge1(summaries)).toBeGreaterThanOrEqual(28.5);
    expect(rouge1(summaries)).toBeGreaterThan(rouge1(lead2) + 1);
  });
});
