/**
 * Calibrates the omission rule (`src/integrity/omission.ts`) on human translations: for each rule of a grid, the
 * share of references it flags and the share of references cut to their first half it flags; the rule kept is the one
 * that flags the most halves of news while flagging at most its budget of the references of news and of Tatoeba's
 * short sentences, on the tuning part.
 */
import { omissionFlags, type OmissionOptions } from '../../src/integrity/omission.js';
import { removeSecondHalf, type Pair } from './integrity-corruptions.js';

/** One rule of the grid, and how it does on a set of pairs. */
export interface OmissionTrial {
  options: OmissionOptions;
  falseFlags: number;
  halvesFlagged: number;
}

/** The grid the rule was chosen from. */
export function omissionGrid(): OmissionOptions[] {
  const grid: OmissionOptions[] = [];
  for (let share = 0.45; share <= 0.745; share += 0.01) {
    for (const slack of [0, 0.5, 1]) {
      for (const clauses of [0, 0.1, 0.2]) {
        for (const headline of [1, 0.9, 0.85, 0.8, 0.75]) grid.push({ shortest: 20, share: Math.round(share * 100) / 100, slack, clauses, headline });
      }
    }
  }
  return grid;
}

/** How one rule does on some pairs: the share of references flagged, and of halves. */
export function tryOmission(pairs: readonly Pair[], options: OmissionOptions): OmissionTrial {
  let falseFlags = 0;
  let halves = 0;
  let halvesFlagged = 0;
  for (const pair of pairs) {
    if (omissionFlags(pair.source, pair.reference, options).length) falseFlags++;
    const half = removeSecondHalf.apply(pair, () => 0);
    if (half === undefined) continue;
    halves++;
    if (omissionFlags(pair.source, half, options).length) halvesFlagged++;
  }
  return { options, falseFlags: falseFlags / pairs.length, halvesFlagged: halvesFlagged / halves };
}

/** The rules of the grid that keep within `budget` on `news` and `shortBudget` on `short`, the best on `news` first. */
export function calibrateOmission(news: readonly Pair[], budget: number, short: readonly Pair[], shortBudget: number): OmissionTrial[] {
  return omissionGrid().map((options) => tryOmission(news, options)).filter((trial) => trial.falseFlags <= budget)
    .filter((trial) => tryOmission(short, trial.options).falseFlags <= shortBudget)
    .sort((a, b) => b.halvesFlagged - a.halvesFlagged || a.falseFlags - b.falseFlags);
}
