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
  const temperatures = [singleWords(sentences), wordPairs(sentences), sentences].map((texts) => fitTemperature(calibrating, texts));
  return formatModel(count(samples.filter((sample) => sample.bucket >= 1), temperatures));
}

function count(samples: readonly Sample[], temperatures: number[]): ModelCounts {
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
    trainedOn: 'Tatoeba test v2021-08-07 (cat deu eng fra ita nld por ron spa) and ELD tweets, from ../shared/eval, buckets 1-9',
    counts,
  };
}

/** The temperature that minimises the log-loss of the top guess's confidence on the samples. */
function fitTemperature(model: LanguageModel, samples: readonly Sample[]): number {
  const texts = samples.map((sample) => {
    const { scores } = model.score(sample.text);
    return { scores, correct: model.languages.indexOf(sample.language) };
  });
  const loss = (temperature: number) => {
    let total = 0;
    for (const { scores, correct } of texts) {
      const probabilities = posterior(scores, temperature);
      const best = probabilities.indexOf(Math.max(...probabilities));
      const confidence = Math.min(1 - 1e-9, Math.max(1e-9, probabilities[best]!));
      total -= Math.log(best === correct ? confidence : 1 - confidence);
    }
    return total / texts.length;
  };
  // The loss is smooth in the temperature: a coarse pass, then tenths around the best.
  const search = (values: number[]) => values.map((temperature) => ({ temperature, loss: loss(temperature) })).reduce((a, b) => (b.loss < a.loss ? b : a));
  const coarse = search(Array.from({ length: 23 }, (_, index) => 1 + index / 2));
  const best = search(Array.from({ length: 11 }, (_, index) => Math.max(0.5, coarse.temperature - 0.5 + index / 10))).temperature;
  return Math.round(best * 10) / 10;
}
