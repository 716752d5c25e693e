import { describe, expect, it } from 'vitest';
import { countLetters, languageFeatures, latinShare, modelWords } from '../../src/language/features.js';

describe('language features', () => {
  it('splits words at apostrophes and punctuation, lower-cased and composed', () => {
    expect(modelWords('L’Été, c\'est «\u00a0BEAU\u00a0» — 2024 !')).toEqual(['l', 'été', 'c', 'est', 'beau']);
    // A decomposed é (e + combining acute) is the same word as a composed one.
    expect(modelWords('e\u0301te\u0301')).toEqual(['été']);
  });

  it('counts each word whole and its n-grams with word edges marked by spaces', () => {
    expect(languageFeatures('Le', 3)).toEqual(['_le', 'l', 'e', ' l', 'le', 'e ', ' le', 'le ']);
    expect(languageFeatures('le le', 2)).toHaveLength(2 * languageFeatures('le', 2).length);
  });

  it('measures letters and the share of them in the Latin script', () => {
    expect(countLetters('À 9 h, café !')).toBe(6);
    expect(latinShare('Привет мир')).toBe(0);
    expect(latinShare('Kremlin: Кремль')).toBeCloseTo(7 / 13);
    expect(latinShare('1234')).toBe(1);
  });
});
