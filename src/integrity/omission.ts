/**
 * Omissions: a translation much shorter than its source, measured against how long human translations run. English
 * has some 0.85 of the letters of its French (newstest2014); a translation with half of them lost a clause, unless
 * the sentence is short, where the spread is wide, or a headline, which English words tersely ("US-Mexico drug tunnel
 * with its own railway found").
 */
import type { Flag } from './flags.js';
import { countLetters } from './words.js';

/** The omission rule's constants. */
export interface OmissionOptions {
  /** Sources with fewer letters are not judged. @default 20 */
  shortest: number;
  /** The share of the source's letters below which a long translation is flagged. @default 0.57 */
  share: number;
  /** How much lower the share may go for a source of `n` letters: `share·e^(−slack/√n)`. @default 0.5 */
  slack: number;
  /** Weight of the clause marks (`, ; : ( )`) the translation lost, on the same log scale. @default 0.1 */
  clauses: number;
  /** What `share` is multiplied by for a source with no final stop: a headline, which English words tersely. @default 0.9 */
  headline: number;
}

// Calibrated by `npm run eval:integrity -- --calibrate` on the tuning part: of the rules of its grid that flag at most
// 0.35% of the human references of newstest2014 lines 1–2000 and 1.5% of Tatoeba's (odd lines, short sentences), the
// one that flags the most news references cut to their first half.
export const omissionDefaults: OmissionOptions = { shortest: 20, share: 0.57, slack: 0.5, clauses: 0.1, headline: 0.9 };

const clauseMarks = /[,;:()]/gu;
const sentenceEnd = /[.!?…:;]["»”’)\]]*\s*$/u;

/** How the translation's length compares with its source's: the log share of letters, clause marks weighed in. */
export function omissionScore(source: string, translation: string, options: OmissionOptions = omissionDefaults): number {
  const marks = (text: string) => (text.match(clauseMarks)?.length ?? 0) + 1;
  return Math.log(countLetters(translation) / countLetters(source)) + options.clauses * Math.log(marks(translation) / marks(source));
}

/** An `omission` flag when the translation has far fewer letters than English translations of the source have. */
export function omissionFlags(source: string, translation: string, options: OmissionOptions = omissionDefaults): Flag[] {
  const letters = countLetters(source);
  if (letters < options.shortest) return [];
  const share = sentenceEnd.test(source) ? options.share : options.share * options.headline;
  if (omissionScore(source, translation, options) >= Math.log(share) - options.slack / Math.sqrt(letters)) return [];
  return [{ kind: 'omission', detail: `${Math.round((100 * countLetters(translation)) / letters)}% of the source's length` }];
}
