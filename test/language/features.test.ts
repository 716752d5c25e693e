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

  it('counts characters as a Unicode regular expression does: letters beyond the BMP once, marks and halves of pairs not at all', () => {
    const texts = ['𝐀𝐁𝐂 abc 𐐀𐐨', 'e\u0301te\u0301', '\ud835 lone \udc00', 'ǅemal ﬁnance Ⅻ ª', '中文 and 日本語', ''];
    for (const text of texts) {
      expect(countLetters(text)).toBe(text.match(/\p{L}/gu)?.length ?? 0);
      const letters = text.match(/\p{L}/gu)?.length ?? 0;
      expect(latinShare(text)).toBe(letters ? (text.match(/\p{Script=Latin}/gu)?.length ?? 0) / letters : 1);
    }
    expect(countLetters('𝐀𝐁𝐂')).toBe(3);
  });
});
