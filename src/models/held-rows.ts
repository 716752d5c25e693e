/**
 * A decoding step's rows held to their terms (`constraints.ts`), whichever way the step chooses: from the whole
 * scores (`constrainScores` shapes them, then greedy or beam search picks), or, for greedy search, from the few best
 * candidates the decoder's graph gives (`constrainChoice` picks among them). Both give the same tokens.
 */
import { constrainChoice, constrainScores, readConstraints, type ConstraintState, type Constraints } from './constraints.js';
import type { Candidate, LengthBounds } from './next-token.js';

/** The rows' part that terms need: the input each decodes and its tokens so far, the start token first. */
interface HeldRow {
  input: number;
  hypothesis: { tokens: readonly number[] };
}

interface HeldRules {
  endIds: ReadonlySet<number>;
  bounds: readonly LengthBounds[];
}

/**
 * How many candidates a greedy row gives when the token after a term must not glue onto it: the best that does not
 * is among them unless the model puts all of them after a word, in which case the step reads the whole scores.
 */
export const candidatesAfterTerm = 16;

/** Each live row's terms as its tokens leave them, before a step (`undefined`: a row with none, or none there). */
export function termStates(rows: readonly (HeldRow | undefined)[], constraints: Constraints): (ConstraintState | undefined)[] {
  return rows.map((row) => {
    const terms = row && constraints.terms[row.input];
    return row && terms?.length ? readConstraints(row.hypothesis.tokens.slice(1), terms, constraints.joins) : undefined;
  });
}

/** How many candidates a greedy step needs of each row: more than one when a row has just completed a term. */
export function candidatesNeeded(states: readonly (ConstraintState | undefined)[], afterTerm = candidatesAfterTerm): number {
  return states.some((state) => state?.closing) ? afterTerm : 1;
}

/**
 * Each greedy row's candidates with its terms held (rows without terms as they came); `undefined` when a row cannot
 * choose from its candidates, and the step must read the whole scores.
 */
export function heldCandidates(candidates: readonly (Candidate[] | undefined)[], rows: readonly (HeldRow | undefined)[], states: readonly (ConstraintState | undefined)[], constraints: Constraints, rules: HeldRules): (Candidate[] | undefined)[] | undefined {
  const held: (Candidate[] | undefined)[] = [];
  for (const [index, row] of rows.entries()) {
    const state = states[index];
    if (!row || !state) {
      held.push(candidates[index]);
      continue;
    }
    const choice = constrainChoice(candidates[index]!, state, constraints.terms[row.input]!, constraints.joins, rules.endIds, budget(row, rules));
    if (!choice) return undefined;
    held.push(choice);
  }
  return held;
}

/** Each row's whole scores (logits or log-probabilities, in place) shaped so that the step keeps to its terms. */
export function heldScores(scores: (Float32Array | undefined)[], rows: readonly (HeldRow | undefined)[], constraints: Constraints, rules: HeldRules): (Float32Array | undefined)[] {
  rows.forEach((row, index) => {
    const terms = row && constraints.terms[row.input];
    if (!row || !terms?.length) return;
    constrainScores(scores[index]!, row.hypothesis.tokens.slice(1), terms, constraints.joins, rules.endIds, budget(row, rules));
  });
  return scores;
}

/** The tokens a row may still generate before its bound. */
function budget(row: HeldRow, rules: HeldRules): number {
  return rules.bounds[row.input]!.most - (row.hypothesis.tokens.length - 1);
}
