/**
 * Learns the language model from `../shared/eval`. Counts words and character n-grams per language (buckets 1–9 of `data.ts`; bucket 0 is never seen), keeps
 * features seen at least twice, and fits the confidence temperature on bucket 1 with a model that did not see it.
 * The output is deterministic: the same `../shared` gives the same bytes.
 */
import { languageFeatures, longestNgram } from '../../src/language/features.js';
import { formatModel, parseModel, type LanguageModel, type ModelCounts } from '../../src/language/model.js';
import { posterior } from '../../src/language/detector.js';
import { singleWords, wordPairs, type Sample } from './data.js';

export const profiledLanguages = ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'cat', 'ron'];
const alpha = 0.5;
const minimumCount = 2;

/** The model file's bytes, trained from the samples. */
export function trainModel(samples: readonly Sample[]): Buffer {
  const calibrating = parseModel(formatModel(count(samples.filter((sample) => sample.bucket >= 2), [1])));
  const sentences = samples.filter((sample) => sample.bucket === 1 && sample.source === 'tatoeba');
  const oneWord = fitOneWordTemperature(calibrating, singleWords(sentences));
  const temperatures = [oneWord.scale, ...[wordPairs(sentences), sentences].map((texts) => fitTemperature(calibrating, texts, 0).scale)];
  return formatModel(count(samples.filter((sample) => sample.bucket >= 1), temperatures, oneWord.exponent));
}

function count(samples: readonly Sample[], temperatures: number[], oneWordExponent?: number): ModelCounts {
  const counts = new Map<string, number[]>();
  for (const sample of samples) {
    const language = profiledLanguages.indexOf(sample.language);
    for (const feature of languageFeatures(sample.text, longestNgram)) {
      let row = counts.get(feature);
      if (!row) counts.set(feature, (row = profiledLanguages.map(() => 0)));
      row[language]!++;
    }
  }
  for (const [feature, row] of counts) if (row.reduce((sum, value) => sum + value, 0) < minimumCount) counts.delete(feature);
  return {
    languages: profiledLanguages,
    longestNgram,
    alpha,
    temperatures,
    ...(oneWordExponent === undefined ? {} : { oneWordExponent }),
    trainedOn: 'Tatoeba test v2021-08-07 (cat deu eng fra ita nld por ron spa) and ELD tweets, from ../shared/eval, buckets 1-9',
    counts,
  };
}

/**
 * For one word: the temperature `scale · known^exponent` that minimises the log-loss, the exponent in twentieths.
 * One temperature for every length fits the short words that are most of the texts (le, de, the) and leaves long
 * ones overconfident: news words of five letters or more were wrong 6 to 12% of the time, at confidences that
 * promised fewer errors (README, "Language detection"). On bucket 1 the fit comes out at about 1.15 · √known.
 */
function fitOneWordTemperature(model: LanguageModel, samples: readonly Sample[]): { scale: number; exponent: number } {
  const fits = Array.from({ length: 21 }, (_, index) => fitTemperature(model, samples, index / 20));
  return fits.reduce((a, b) => (b.loss < a.loss ? b : a));
}

/** The temperature `scale · known^exponent` (known: features found) minimising the log-loss of the top guess's confidence. */
function fitTemperature(model: LanguageModel, samples: readonly Sample[], exponent: number): { scale: number; exponent: number; loss: number } {
  const texts = samples.map((sample) => {
    const { scores, known } = model.score(sample.text);
    return { scores, growth: Math.max(1, known) ** exponent, correct: model.languages.indexOf(sample.language) };
  });
  const loss = (scale: number) => {
    let total = 0;
    for (const { scores, growth, correct } of texts) {
      const probabilities = posterior(scores, scale * growth);
      const best = probabilities.indexOf(Math.max(...probabilities));
      const confidence = Math.min(1 - 1e-9, Math.max(1e-9, probabilities[best]!));
      total -= Math.log(best === correct ? confidence : 1 - confidence);
    }
    return total / texts.length;
  };
  // The loss is smooth in the scale: a coarse pass, then finer steps around the best (tenths for a constant
  // temperature, as before; twentieths of the coarse step for one that grows).
  const search = (values: number[]) => values.map((scale) => ({ scale, loss: loss(scale) })).reduce((a, b) => (b.loss < a.loss ? b : a));
  if (!exponent) {
    const coarse = search(Array.from({ length: 23 }, (_, index) => 1 + index / 2));
    const best = search(Array.from({ length: 11 }, (_, index) => Math.max(0.5, coarse.scale - 0.5 + index / 10)));
    return { scale: Math.round(best.scale * 10) / 10, exponent, loss: best.loss };
  }
  const coarse = search(Array.from({ length: 24 }, (_, index) => 0.25 + index / 4));
  const best = search(Array.from({ length: 11 }, (_, index) => Math.max(0.05, coarse.scale - 0.25 + index / 20)));
  return { scale: Math.round(best.scale * 100) / 100, exponent, loss: best.loss };
}
