import { codePointAt, letter, mark } from './characters.js';
import { emptyHash, hashUnit, type FeatureTable, type NgramTable } from './feature-table.js';

const wordCharacter = (letter | mark) << 2;
const space = 32;
const underscore = 95;

/**
 * Scoring in one pass over a text: the features of `languageFeatures` (features.ts), in the same order so that the
 * sums come out the same to the last bit, but each looked up in place, with no list of features and no string per
 * feature: a word by the hash of its units, an n-gram by its units packed into three numbers, each built from the
 * n-gram one unit shorter at the same start. The returned function adds the log-probabilities of the known features
 * to `scores` and counts the known features and the words.
 */
export function createScorer(words: FeatureTable, ngrams: NgramTable, logProbabilities: Float32Array, width: number, longest: number) {
  // `_word`, then ` word `; the packed units of the n-gram at each start so far.
  let padded = new Uint16Array(256);
  let keys = [new Int32Array(256), new Int32Array(256), new Int32Array(256)] as const;
  // The rows of the known features, in text order: summed language by language at the end, each sum in a register.
  let rows = new Int32Array(4096);

  return (text: string, scores: Float64Array): { known: number; words: number } => {
    const lowered = text.normalize('NFC').toLowerCase();
    let known = 0;
    let wordCount = 0;
    for (let start = 0; start < lowered.length; ) {
      let end = start;
      for (let packed; end < lowered.length && (packed = codePointAt(lowered, end)) & wordCharacter; ) end += packed & 3;
      if (end === start) {
        start += codePointAt(lowered, start) & 3;
        continue;
      }
      wordCount++;
      const length = end - start + 2;
      if (length > padded.length) {
        padded = new Uint16Array(length * 2);
        keys = [new Int32Array(length * 2), new Int32Array(length * 2), new Int32Array(length * 2)];
      }
      // A word of n units has fewer than (longest + 1)(n + 2) features.
      if (known + (longest + 1) * length > rows.length) {
        const grown = new Int32Array(Math.max(rows.length * 2, known + (longest + 1) * length));
        grown.set(rows.subarray(0, known));
        rows = grown;
      }
      padded[0] = underscore;
      let hash = hashUnit(emptyHash, underscore);
      for (let index = 1; index < length - 1; index++) hash = hashUnit(hash, (padded[index] = lowered.charCodeAt(start + index - 1)));
      let row = words.find(hash, padded, 0, length - 1);
      if (row >= 0) rows[known++] = row;
      padded[0] = space;
      padded[length - 1] = space;
      const [first, second, third] = keys;
      first.fill(0, 0, length);
      second.fill(0, 0, length);
      third.fill(0, 0, length);
      for (let size = 1; size <= longest; size++) {
        const key = keys[(size - 1) >> 1]!;
        const shift = 16 * ((size - 1) & 1);
        for (let from = 0; from + size <= length; from++) {
          key[from] = key[from]! | (padded[from + size - 1]! << shift);
          // A space alone is a word's edge, not a feature.
          if (size === 1 && (from === 0 || from === length - 1)) continue;
          row = ngrams.find(first[from]!, second[from]!, third[from]!);
          if (row >= 0) rows[known++] = row;
        }
      }
      start = end;
    }
    // Three languages at a time, the features in text order: the same additions as feature by feature, to the last bit.
    let language = 0;
    for (; language + 3 <= width; language += 3) {
      let first = scores[language]!;
      let second = scores[language + 1]!;
      let third = scores[language + 2]!;
      for (let index = 0; index < known; index++) {
        const offset = rows[index]! * width + language;
        first += logProbabilities[offset]!;
        second += logProbabilities[offset + 1]!;
        third += logProbabilities[offset + 2]!;
      }
      scores[language] = first;
      scores[language + 1] = second;
      scores[language + 2] = third;
    }
    for (; language < width; language++) {
      let sum = scores[language]!;
      for (let index = 0; index < known; index++) sum += logProbabilities[rows[index]! * width + language]!;
      scores[language] = sum;
    }
    return { known, words: wordCount };
  };
}
