import { checkCorpus } from './corpus.js';
import { tokenize13a } from './tokenize-13a.js';
import { splitWords, trimEnd } from './whitespace.js';

const maxOrder = 4;

/** Corpus BLEU and what it is made of, on sacreBLEU's scales (score and precisions from 0 to 100). */
export interface BleuScore {
  /** BLEU from 0 to 100, unrounded (sacreBLEU prints it with one decimal). */
  score: number;
  /** The 1- to 4-gram precisions from 0 to 100, after exponential smoothing. */
  precisions: number[];
  brevityPenalty: number;
  /** Hypothesis length over reference length (0 when the reference is empty). */
  ratio: number;
  /** Tokens in the hypotheses (sacreBLEU's `hyp_len`). */
  hypothesisLength: number;
  /** Tokens in the references (sacreBLEU's `ref_len`). */
  referenceLength: number;
  /** Matched n-grams of each order, clipped by the reference (sacreBLEU's `counts`). */
  counts: number[];
  /** Hypothesis n-grams of each order (sacreBLEU's `totals`). */
  totals: number[];
}

/**
 * Corpus BLEU as sacreBLEU 2.x computes it by default against one reference:
 * `BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp`.
 */
export function corpusBleu(hypotheses: readonly string[], references: readonly string[]): BleuScore {
  checkCorpus(hypotheses, references);
  const counts = new Array<number>(maxOrder).fill(0);
  const totals = new Array<number>(maxOrder).fill(0);
  let hypothesisLength = 0;
  let referenceLength = 0;
  for (let index = 0; index < hypotheses.length; index++) {
    const hypothesis = splitWords(tokenize13a(trimEnd(hypotheses[index]!)));
    const reference = splitWords(tokenize13a(trimEnd(references[index]!)));
    hypothesisLength += hypothesis.length;
    referenceLength += reference.length;
    const referenceNgrams = countNgrams(reference);
    for (const [ngram, count] of countNgrams(hypothesis)) {
      const order = countSpaces(ngram);
      totals[order]! += count;
      counts[order]! += Math.min(count, referenceNgrams.get(ngram) ?? 0);
    }
  }
  return scoreBleu(counts, totals, hypothesisLength, referenceLength);
}

/**
 * BLEU from its corpus statistics, with sacreBLEU's exponential smoothing (`compute_bleu`, smooth_method `exp`,
 * effective order off): the k-th order without a match counts as 1 / 2^k of a match.
 */
export function scoreBleu(counts: readonly number[], totals: readonly number[], hypothesisLength: number, referenceLength: number): BleuScore {
  const ratio = referenceLength ? hypothesisLength / referenceLength : 0;
  let brevityPenalty = 1;
  if (hypothesisLength < referenceLength) brevityPenalty = hypothesisLength > 0 ? Math.exp(1 - referenceLength / hypothesisLength) : 0;
  const precisions = new Array<number>(maxOrder).fill(0);
  const result = { precisions, brevityPenalty, ratio, hypothesisLength, referenceLength, counts: [...counts], totals: [...totals] };
  // sacreBLEU returns 0 at once when nothing matches (its issue #141), whatever the smoothing.
  if (!counts.some(Boolean)) return { score: 0, ...result };
  let smoothing = 1;
  for (let order = 0; order < maxOrder; order++) {
    if (totals[order] === 0) break; // the orders left keep precision 0, and so the score becomes 0
    if (counts[order] === 0) {
      smoothing *= 2;
      precisions[order] = 100 / (smoothing * totals[order]!);
    } else {
      precisions[order] = (100 * counts[order]!) / totals[order]!;
    }
  }
  // sacreBLEU's my_log floors log(0) at -9999999999 rather than -Infinity; the sum is taken left to right as Python's.
  let logs = 0;
  for (const precision of precisions) logs += precision === 0 ? -9999999999 : Math.log(precision);
  return { score: brevityPenalty * Math.exp(logs / maxOrder), ...result };
}

// Every 1- to 4-gram of a segment's tokens, keyed by its tokens joined with spaces: tokens hold no whitespace, so
// the key is unique and its order is its number of spaces.
function countNgrams(tokens: readonly string[]): Map<string, number> {
  const ngrams = new Map<string, number>();
  for (let order = 1; order <= maxOrder; order++) {
    for (let start = 0; start + order <= tokens.length; start++) {
      const ngram = order === 1 ? tokens[start]! : tokens.slice(start, start + order).join(' ');
      ngrams.set(ngram, (ngrams.get(ngram) ?? 0) + 1);
    }
  }
  return ngrams;
}

function countSpaces(ngram: string): number {
  let spaces = 0;
  for (let index = ngram.indexOf(' '); index >= 0; index = ngram.indexOf(' ', index + 1)) spaces++;
  return spaces;
}
