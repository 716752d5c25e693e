/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1, as rouge-score computes them without stemming, except for the tokens: lower-cased
 * Unicode words (letters and digits), accents kept, so that French is scored on its own words.
 */

export interface Rouge {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** The words ROUGE compares: lower-cased runs of letters, marks and digits. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** ROUGE F1 scores of one candidate against one reference, from 0 to 1. */
export function scoreRouge(candidate: string, reference: string): Rouge {
  const mine = rougeTokens(candidate);
  const gold = rougeTokens(reference);
  return {
    rouge1: overlapF1(ngrams(mine, 1), ngrams(gold, 1)),
    rouge2: overlapF1(ngrams(mine, 2), ngrams(gold, 2)),
    rougeL: f1(longestCommonSubsequence(mine, gold), mine.length, gold.length),
  };
}

/** The mean of each score over documents, times 100, as papers report them. */
export function averageRouge(scores: Rouge[]): Rouge {
  const mean = (key: keyof Rouge) => (100 * scores.reduce((total, score) => total + score[key], 0)) / Math.max(1, scores.length);
  return { rouge1: mean('rouge1'), rouge2: mean('rouge2'), rougeL: mean('rougeL') };
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let index = 0; index + n <= tokens.length; index++) {
    const gram = tokens.slice(index, index + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function overlapF1(candidate: Map<string, number>, reference: Map<string, number>): number {
  let shared = 0;
  for (const [gram, count] of candidate) shared += Math.min(count, reference.get(gram) ?? 0);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
  return f1(shared, total(candidate), total(reference));
}

function f1(shared: number, candidateTotal: number, referenceTotal: number): number {
  if (!shared) return 0;
  const precision = shared / candidateTotal;
  const recall = shared / referenceTotal;
  return (2 * precision * recall) / (precision + recall);
}

function longestCommonSubsequence(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const word of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let index = 0; index < b.length; index++) {
      row[index + 1] = word === b[index] ? previous[index]! + 1 : Math.max(previous[index + 1]!, row[index]!);
    }
    previous = row;
  }
  return previous[b.length]!;
}
