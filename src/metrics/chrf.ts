import { checkCorpus } from './corpus.js';
import { removeWhitespace } from './whitespace.js';

const maxOrder = 6;

/** Corpus chrF on sacreBLEU 2's scale, from 0 to 100 (sacreBLEU 1.x and the OPUS-MT score files write 0 to 1). */
export interface ChrfScore {
  /** chrF2 from 0 to 100, unrounded. */
  score: number;
}

/**
 * Corpus chrF as sacreBLEU 2.x computes it by default against one reference:
 * `chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no`.
 */
export function corpusChrf(hypotheses: readonly string[], references: readonly string[]): ChrfScore {
  checkCorpus(hypotheses, references);
  const statistics = new Array<number>(3 * maxOrder).fill(0);
  for (let index = 0; index < hypotheses.length; index++) {
    const segment = chrfStatistics(hypotheses[index]!, references[index]!);
    for (let position = 0; position < statistics.length; position++) statistics[position]! += segment[position]!;
  }
  return { score: scoreChrf(statistics) };
}

/**
 * One segment's character n-gram statistics, whitespace removed: for each order from 1 to 6, the hypothesis n-grams,
 * the reference n-grams and the matches. As in sacreBLEU, an order the reference is too short to have counts no
 * hypothesis n-grams, so that it drops out of the corpus averages rather than count as a miss.
 */
export function chrfStatistics(hypothesis: string, reference: string): number[] {
  const hypothesisNgrams = countCharacterNgrams(hypothesis);
  const referenceNgrams = countCharacterNgrams(reference);
  const statistics: number[] = [];
  for (let order = 0; order < maxOrder; order++) {
    const references = referenceNgrams[order]!;
    let hypothesisCount = 0;
    let referenceCount = 0;
    let matches = 0;
    for (const count of references.values()) referenceCount += count;
    for (const [ngram, count] of hypothesisNgrams[order]!) {
      hypothesisCount += count;
      matches += Math.min(count, references.get(ngram) ?? 0);
    }
    statistics.push(references.size > 0 ? hypothesisCount : 0, referenceCount, matches);
  }
  return statistics;
}

/**
 * chrF from summed statistics as sacreBLEU 2 does without epsilon smoothing (`eff:yes`): precision and recall are
 * averaged over the orders where both the hypotheses and the references have n-grams, then combined into F-beta.
 */
export function scoreChrf(statistics: readonly number[], beta = 2): number {
  const factor = beta ** 2;
  let precision = 0;
  let recall = 0;
  let orders = 0;
  for (let order = 0; order < statistics.length / 3; order++) {
    const [hypothesisCount, referenceCount, matches] = statistics.slice(3 * order, 3 * order + 3) as [number, number, number];
    if (hypothesisCount > 0 && referenceCount > 0) {
      precision += matches / hypothesisCount;
      recall += matches / referenceCount;
      orders++;
    }
  }
  if (orders === 0) return 0;
  precision /= orders;
  recall /= orders;
  if (!(precision + recall)) return 0;
  // The operations in sacreBLEU's order, so that the last bits agree too.
  let score = (1 + factor) * precision * recall;
  score /= factor * precision + recall;
  return 100 * score;
}

// Character n-grams of orders 1 to 6, counted by Unicode code point (as Python indexes strings), not UTF-16 unit.
function countCharacterNgrams(segment: string): Map<string, number>[] {
  const text = removeWhitespace(segment);
  const starts: number[] = [];
  for (let offset = 0; offset < text.length; offset++) {
    starts.push(offset);
    const unit = text.charCodeAt(offset);
    const next = text.charCodeAt(offset + 1); // NaN past the end
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) offset++;
  }
  starts.push(text.length);
  const characters = starts.length - 1;
  const orders: Map<string, number>[] = [];
  for (let order = 1; order <= maxOrder; order++) {
    const ngrams = new Map<string, number>();
    for (let start = 0; start + order <= characters; start++) {
      const ngram = text.slice(starts[start], starts[start + order]);
      ngrams.set(ngram, (ngrams.get(ngram) ?? 0) + 1);
    }
    orders.push(ngrams);
  }
  return orders;
}
