import type { Detection } from '../article.js';
import { countScripts } from './characters.js';
import { loadShippedModel, type LanguageModel } from './model.js';

export interface DetectorOptions {
  /** Languages to choose from, ISO 639-3. */
  candidates: readonly string[];
  /** Below this confidence the answer is `und`, with the best guess kept beside it. */
  minConfidence: number;
  /**
   * The confidence a text of one word needs, if higher than `minConfidence`: one word is the least evidence there is,
   * names and words shared between languages (`place`, `entre`, `Colorado`) are common, and `und` costs little on so
   * short a text. @default 0.8
   */
  minWordConfidence?: number;
}

/** See `DetectorOptions.minWordConfidence`. */
export const defaultMinWordConfidence = 0.8;

/** What makes one language likelier than the rest before the text is read: the article's, for its paragraphs. */
export interface Prior {
  code: string;
  /** Probability, from 0 to 1, that the text is in `code`. */
  probability: number;
}

export interface Detector {
  detect(text: string, prior?: Prior): Detection;
  /** The candidates the shipped model has learnt; the others are left to franc. */
  profiled: readonly string[];
}

/** franc needs this many letters before its guess for a language we hold no profile for is taken. */
const francMinLetters = 30;

/**
 * Creates a detector for the candidates. The shipped naive Bayes model decides among the candidates it has learnt,
 * with a calibrated confidence (the softmax of its log-likelihoods at the fitted temperature); franc decides for
 * text in another script and for candidates the model has not learnt, with a rougher confidence (its margin).
 */
export async function createDetector(options: DetectorOptions, model?: LanguageModel): Promise<Detector> {
  const [{ francAll }, loaded] = await Promise.all([import('franc'), model ?? loadShippedModel()]);
  const profiled = options.candidates.filter((code) => loaded.languages.includes(code));
  const others = options.candidates.filter((code) => !loaded.languages.includes(code));
  const columns = profiled.map((code) => loaded.languages.indexOf(code));
  const only = [...options.candidates];
  // An article's paragraphs and sentences all come with the same prior: worked out once.
  let lastPrior: { code: string; probability: number; logPrior: Float64Array | undefined } | undefined;
  const priorFor = (prior: Prior) => {
    if (lastPrior?.code !== prior.code || lastPrior.probability !== prior.probability) lastPrior = { ...prior, logPrior: priorOver(profiled, prior) };
    return lastPrior.logPrior;
  };

  const minWordConfidence = Math.max(options.minConfidence, options.minWordConfidence ?? defaultMinWordConfidence);
  const decide = (code: string, confidence: number, least = options.minConfidence): Detection =>
    confidence >= least ? { code, confidence: round(confidence) } : { code: 'und', confidence: round(confidence), guess: code };

  const byFranc = (text: string): Detection | undefined => {
    const [first, second] = francAll(text, { only, minLength: 1 });
    if (!first || first[0] === 'und') return undefined;
    return decide(first[0], Math.min(1, (1 - (second?.[1] ?? 0)) * 20));
  };

  return {
    profiled,
    detect(text, prior) {
      const { letters, latin } = countScripts(text);
      if (!letters) return { code: 'und', confidence: 0 };
      if (latin / letters < 0.5) return byFranc(text) ?? { code: 'und', confidence: 0 };
      if (others.length && letters >= francMinLetters) {
        const franc = byFranc(text);
        if (franc && others.includes(franc.code)) return franc;
      }
      if (!profiled.length) return byFranc(text) ?? { code: 'und', confidence: 0 };
      const { scores, known, words, temperature } = loaded.score(text);
      if (!known) return { code: 'und', confidence: 0 };
      const chosen = new Float64Array(columns.length);
      for (let index = 0; index < columns.length; index++) chosen[index] = scores[columns[index]!]!;
      const probabilities = posterior(chosen, temperature, prior && priorFor(prior));
      let best = 0;
      for (let index = 1; index < probabilities.length; index++) if (probabilities[index]! > probabilities[best]!) best = index;
      return decide(profiled[best]!, probabilities[best]!, words === 1 ? minWordConfidence : options.minConfidence);
    },
  };
}

/**
 * Probabilities from log-likelihoods: softmax(scores / temperature + log prior). The temperature undoes naive
 * Bayes' overconfidence (it counts overlapping n-grams as independent evidence).
 */
export function posterior(scores: ArrayLike<number>, temperature: number, logPrior?: ArrayLike<number>): Float64Array {
  const logits = new Float64Array(scores.length);
  let top = -Infinity;
  for (let index = 0; index < logits.length; index++) {
    logits[index] = scores[index]! / temperature + (logPrior?.[index] ?? 0);
    top = Math.max(top, logits[index]!);
  }
  let sum = 0;
  for (let index = 0; index < logits.length; index++) sum += logits[index] = Math.exp(logits[index]! - top);
  for (let index = 0; index < logits.length; index++) logits[index]! /= sum;
  return logits;
}

/** Log prior over the candidates: `probability` for the favoured one, the rest shared evenly by the others. */
function priorOver(candidates: readonly string[], prior: Prior): Float64Array | undefined {
  if (!candidates.includes(prior.code) || candidates.length < 2) return undefined;
  const rest = (1 - prior.probability) / (candidates.length - 1);
  return Float64Array.from(candidates, (code) => Math.log(code === prior.code ? prior.probability : rest));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
