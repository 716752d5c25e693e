import { describe, expect, it } from 'vitest';
import { averageRouge, rougeTokens, scoreRouge } from '../../scripts/evaluate/rouge.js';

describe('ROUGE (scripts/evaluate/rouge.ts)', () => {
  it('scores unigrams, bigrams and the longest common subsequence as F1', () => {
    const score = scoreRouge('Le chat est sur le tapis.', 'Le chat dort sur le tapis.');
    expect(score.rouge1).toBeCloseTo(5 / 6, 10);
    expect(score.rouge2).toBeCloseTo(3 / 5, 10);
    expect(score.rougeL).toBeCloseTo(5 / 6, 10);
  });

  it('weighs precision and recall: a longer candidate with the same overlap scores lower', () => {
    const short = scoreRouge('le chat', 'le chat dort');
    const long = scoreRouge('le chat mange une souris grise', 'le chat dort');
    expect(short.rouge1).toBeCloseTo((2 * 1 * (2 / 3)) / (1 + 2 / 3), 10);
    expect(long.rouge1).toBeLessThan(short.rouge1);
  });

  it('lower-cases, keeps accents, splits on anything that is not a letter or digit, and does not stem', () => {
    expect(rougeTokens("L'État a dit « NON » à 2,5 %… Élève!")).toEqual(['l', 'état', 'a', 'dit', 'non', 'à', '2', '5', 'élève']);
    expect(scoreRouge('élève', 'eleve').rouge1).toBe(0);
    expect(scoreRouge('Élève', 'élève').rouge1).toBe(1);
    expect(scoreRouge('chats', 'chat').rouge1).toBe(0);
  });

  it('gives 0, not NaN, for empty texts, and averages documents times 100', () => {
    expect(scoreRouge('', 'le chat')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
    expect(averageRouge([{ rouge1: 1, rouge2: 0.5, rougeL: 1 }, { rouge1: 0, rouge2: 0, rougeL: 0.5 }])).toEqual({ rouge1: 50, rouge2: 25, rougeL: 75 });
  });
});
