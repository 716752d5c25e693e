import { describe, expect, it } from 'vitest';
import { emptyHash, FeatureTable, hashUnit, NgramTable } from '../../src/language/feature-table.js';

const unitsOf = (text: string) => Uint16Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));
const hashOf = (text: string) => unitsOf(text).reduce(hashUnit, emptyHash);

/** Two different words of eight letters with the same 32-bit hash, found by the birthday paradox. */
function collidingWords(): [string, string] {
  const seen = new Map<number, string>();
  let state = 1;
  for (;;) {
    let word = '';
    for (let index = 0; index < 8; index++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      word += String.fromCharCode(97 + (state >>> 16) % 26);
    }
    const other = seen.get(hashOf(word));
    if (other !== undefined && other !== word) return [other, word];
    seen.set(hashOf(word), word);
  }
}

describe('feature tables', () => {
  it('never takes a word for another that has the same hash', () => {
    const [first, second] = collidingWords();
    expect(hashOf(first)).toBe(hashOf(second));
    const table = new FeatureTable();
    const text = `${first}${second}`;
    table.add(text, 0, 8, 7);
    table.add(text, 8, 16, 3);
    expect(table.seal()).toBe(-1);
    expect(table.find(hashOf(first), unitsOf(first), 0, 8)).toBe(7);
    expect(table.find(hashOf(second), unitsOf(second), 0, 8)).toBe(3);
    // Found inside a longer buffer, by position; a prefix is another feature.
    expect(table.find(hashOf(second), unitsOf(`xx${second}`), 2, 8)).toBe(3);
    expect(table.find(hashOf(first.slice(0, 7)), unitsOf(first), 0, 7)).toBe(-1);
  });

  it('finds n-grams by their units, up to six, and tells a short one from a longer one that starts alike', () => {
    const table = new NgramTable();
    const text = ' l|le|le |ü 𝐀|sixsix|seven77';
    const pieces = text.split('|');
    let start = 0;
    const added = pieces.map((piece, row) => {
      const fits = table.add(text, start, start + piece.length, row);
      start += piece.length + 1;
      return fits;
    });
    expect(added).toEqual([true, true, true, true, true, false]);
    expect(table.seal()).toBe(-1);
    const find = (ngram: string) => {
      const key = [0, 0, 0];
      [...unitsOf(ngram)].forEach((unit, index) => (key[index >> 1]! |= unit << (16 * (index & 1))));
      return table.find(key[0]!, key[1]!, key[2]!);
    };
    expect(pieces.slice(0, 5).map(find)).toEqual([0, 1, 2, 3, 4]);
    expect(find('l')).toBe(-1);
    expect(find('six')).toBe(-1);
  });

  it('reports a feature added twice', () => {
    const words = new FeatureTable();
    words.add('_le _le', 0, 3, 0);
    words.add('_le _le', 4, 7, 1);
    expect(words.seal()).toBe(1);
    const ngrams = new NgramTable();
    ngrams.add('le le', 0, 2, 0);
    ngrams.add('le le', 3, 5, 1);
    expect(ngrams.seal()).toBe(1);
  });
});
