import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FeatureTable, longestPackedNgram, NgramTable } from './feature-table.js';
import { createScorer } from './scorer.js';

/** The model shipped with bitext, trained from `../shared` by `npm run language-model`. */
export const shippedModelFile = fileURLToPath(new URL('./model.tsv.gz', import.meta.url));

const magic = 'bitext-language-model 1';

/** What the model file records besides its counts. */
export interface ModelHeader {
  languages: string[];
  /** Longest character n-gram counted. */
  longestNgram: number;
  /** Additive smoothing of the counts. */
  alpha: number;
  /**
   * Divide the log-likelihoods before the softmax so that confidences match observed accuracy: one for texts of
   * one word, one for two, one for three or more (naive Bayes grows more overconfident as n-grams pile up).
   */
  temperatures: number[];
  /**
   * For a text of one word, the temperature is `temperatures[0] · known^oneWordExponent`, `known` being the features
   * found: a long word brings many overlapping n-grams, each counted as if it were new evidence, so one number for
   * every length is overconfident on long words and underconfident on short ones. 0 (a file without it): one number.
   */
  oneWordExponent?: number;
  /** Where the counts come from, for the record. */
  trainedOn: string;
}

/** Feature counts per language, as the trainer produces them. */
export interface ModelCounts extends ModelHeader {
  counts: Map<string, number[]>;
}

/** A multinomial naive Bayes model over words and character n-grams. */
export interface LanguageModel extends ModelHeader {
  /**
   * The log-likelihood of the text under each language (in `languages` order), the features it knew, the words it
   * read, and the temperature that calibrates them.
   */
  score(text: string): { scores: Float64Array; known: number; words: number; temperature: number };
}

/** Writes the counts as gzipped TSV: a header line, then `feature<TAB>count count …` sorted by feature. */
export function formatModel(model: ModelCounts): Buffer {
  const { counts, ...header } = model;
  const lines = [magic, JSON.stringify(header)];
  for (const feature of [...counts.keys()].sort()) lines.push(`${feature}\t${counts.get(feature)!.join(' ')}`);
  return gzipSync(`${lines.join('\n')}\n`, { level: 9 });
}

/** Reads a model written by `formatModel`. */
export function parseModel(data: Buffer, file = 'language model'): LanguageModel {
  const text = gunzipSync(data).toString('utf8');
  const firstBreak = text.indexOf('\n');
  const secondBreak = text.indexOf('\n', firstBreak + 1);
  if (text.slice(0, firstBreak) !== magic) throw new Error(`${file} is not a bitext language model (first line: ${JSON.stringify(text.slice(0, 40))})`);
  const header = JSON.parse(text.slice(firstBreak + 1, secondBreak)) as ModelHeader;
  const width = header.languages.length;
  if (header.longestNgram > longestPackedNgram) throw new Error(`${file}: n-grams of up to ${header.longestNgram} characters; bitext reads models with n-grams of up to ${longestPackedNgram}`);
  // Words (and anything that is not a short n-gram) in one table, n-grams by their packed units in another.
  const words = new FeatureTable();
  const ngrams = new NgramTable();
  let rows = 0;
  let counts = new Float32Array(width * 65536);
  const totals = new Float64Array(width);
  // A hand-written scanner: this runs at every start-up, and split/map over 170,000 lines costs half a second.
  let position = secondBreak + 1;
  let line = 3;
  while (position < text.length) {
    const tab = text.indexOf('\t', position);
    const end = text.indexOf('\n', position);
    if (tab < 0 || end < 0 || tab > end) throw new Error(`${file}: line ${line} is malformed`);
    const row = rows++;
    if (text.charCodeAt(position) === 95 || !ngrams.add(text, position, tab, row)) words.add(text, position, tab, row);
    if ((row + 1) * width > counts.length) {
      const grown = new Float32Array(counts.length * 2);
      grown.set(counts);
      counts = grown;
    }
    let language = 0;
    let value = 0;
    for (let index = tab + 1; index <= end; index++) {
      const code = index === end ? 32 : text.charCodeAt(index);
      if (code >= 48 && code <= 57) value = value * 10 + code - 48;
      else if (code === 32 && language < width) {
        counts[row * width + language] = value;
        totals[language]! += value;
        language++;
        value = 0;
      } else throw new Error(`${file}: line ${line} is malformed`);
    }
    if (language !== width) throw new Error(`${file}: line ${line} has ${language} counts for ${width} languages`);
    position = end + 1;
    line++;
  }
  const repeated = Math.max(words.seal(), ngrams.seal());
  if (repeated >= 0) throw new Error(`${file}: line ${repeated + 3} repeats a feature of an earlier line`);
  // Smoothed log-probabilities, one row per feature: log((count + α) / (total + α·V)).
  const logProbabilities = counts.subarray(0, rows * width);
  const denominators = Array.from(totals, (total) => Math.log(total + header.alpha * rows));
  for (let index = 0; index < logProbabilities.length; index++) {
    logProbabilities[index] = Math.log(logProbabilities[index]! + header.alpha) - denominators[index % width]!;
  }
  const scoreText = createScorer(words, ngrams, logProbabilities, width, header.longestNgram);

  return {
    ...header,
    score(text) {
      const scores = new Float64Array(width);
      const { known, words } = scoreText(text, scores);
      return { scores, known, words, temperature: temperatureFor(header, words, known) };
    },
  };
}

/** The temperature for a text of `words` words in which `known` features were found. */
export function temperatureFor(header: ModelHeader, words: number, known: number): number {
  const temperature = header.temperatures[Math.max(0, Math.min(words, header.temperatures.length) - 1)]!;
  return words === 1 && header.oneWordExponent ? temperature * Math.max(1, known) ** header.oneWordExponent : temperature;
}

let shipped: Promise<LanguageModel> | undefined;

/** The shipped model, read once per process. */
export function loadShippedModel(): Promise<LanguageModel> {
  shipped ??= readFile(shippedModelFile).then((data) => parseModel(data, shippedModelFile));
  return shipped;
}
