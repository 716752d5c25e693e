/**
 * A decoding step's rows held to their terms (`constraints.ts`), whichever way the step chooses. From the whole
 * scores, `constrainScores` shapes each row's, then greedy or beam search picks. In the decoder's graph
 * (`choice.ts`), which gives each row's few best candidates only, a `TermStep` asks it for what the terms need and
 * reads their choice from those candidates: the same tokens, or, in the rare step where the candidates cannot tell,
 * a request for the whole scores.
 */
import { candidateCount } from './beam-search.js';
import { constrainChoice, constrainScores, constraintStep, continuesWord, readConstraints, unglued, type ConstraintState, type Constraints } from './constraints.js';
import { forcedTokens, type Candidate, type LengthBounds, type ScoreRules } from './next-token.js';

/** The rows' part that terms need: the input each decodes and its tokens so far, the start token first. */
interface HeldRow {
  input: number;
  hypothesis: { tokens: readonly number[] };
}

interface HeldRules extends ScoreRules {
  beams: number;
  bounds: readonly LengthBounds[];
}

/**
 * How many candidates a row gives when the token after a term must not glue onto it (greedy search; beam search:
 * this many more than it ranks): the best that does not is among them unless the model puts all of them after a
 * word, in which case the step reads the whole scores.
 */
export const candidatesAfterTerm = 16;

/** What a step asks of the graph's choice for rows held to terms, and how it reads their candidates. */
export interface TermStep {
  /** Candidates each row gives at least. */
  least: number;
  /** Each row's token whose final score the graph gives besides (beam search: a token the row may be forced to). */
  watch: (number | undefined)[];
  /**
   * Each row's candidates held to its terms (rows without terms as they came), from the graph's candidates and the
   * scores of the watched tokens; `undefined`: the step must read the whole scores.
   */
  candidates(chosen: readonly (Candidate[] | undefined)[], watched: Float32Array): (Candidate[] | undefined)[] | undefined;
}

/** Each live row's terms as its tokens leave them, before a step (`undefined`: a row with none, or none there). */
export function termStates(rows: readonly (HeldRow | undefined)[], constraints: Constraints): (ConstraintState | undefined)[] {
  return rows.map((row) => {
    const terms = row && constraints.terms[row.input];
    return row && terms?.length ? readConstraints(row.hypothesis.tokens.slice(1), terms, constraints.joins) : undefined;
  });
}

/** A step of rows held to terms, chosen in the graph: greedy search or beam search. */
export function termStep(rows: readonly (HeldRow | undefined)[], constraints: Constraints, rules: HeldRules, afterTerm = candidatesAfterTerm): TermStep {
  const states = termStates(rows, constraints);
  return rules.beams === 1 ? greedyTermStep(rows, states, constraints, rules, afterTerm) : beamTermStep(rows, states, constraints, rules, afterTerm);
}

/** Greedy search: a row's best candidate, or after a term its best that does not glue onto it. */
function greedyTermStep(rows: readonly (HeldRow | undefined)[], states: readonly (ConstraintState | undefined)[], constraints: Constraints, rules: HeldRules, afterTerm: number): TermStep {
  return {
    least: states.some((state) => state?.closing) ? afterTerm : 1,
    watch: [],
    candidates: (chosen) => eachRow(rows, states, chosen, (row, state, candidates) =>
      constrainChoice(candidates, state, constraints.terms[row.input]!, constraints.joins, rules.endIds, budget(row, rules))),
  };
}

/**
 * Beam search: the graph gives the final score of the token a row is forced to (or the one it would be forced to if the
 * model preferred to end); then, as `constrainScores` shapes whole scores, after a term no candidate glues onto it,
 * a forced token is the row's only candidate at that score, and while a term is missing no end token is one. The
 * row's first `candidateCount` left are exact if that many are left, or if the graph gave every token the rules
 * allow; else the step reads the whole scores.
 */
function beamTermStep(rows: readonly (HeldRow | undefined)[], states: readonly (ConstraintState | undefined)[], constraints: Constraints, rules: HeldRules, afterTerm: number): TermStep {
  const kept = candidateCount(rules.beams, rules.endIds);
  const least = kept + rules.endIds.size + (states.some((state) => state?.closing) ? afterTerm : 0);
  const watch = rows.map((row, index) => row && states[index] && watchedToken(states[index], constraints.terms[row.input]!, budget(row, rules)));
  return {
    least,
    watch,
    candidates: (chosen, watched) => eachRow(rows, states, chosen, (row, state, candidates, index) => {
      const terms = constraints.terms[row.input]!;
      // A row the rules leave no choice (at its bound): its candidates stand unless its terms would change them.
      if (forcedTokens(row.hypothesis.tokens, rules.bounds[row.input]!, rules)) return state.current || pendingTokens(state, terms) ? undefined : candidates;
      const complete = candidates.length < least;
      const list = unglued(candidates, state, constraints.joins);
      if (!state.current && state.met.every(Boolean)) return enough(list, kept, complete);
      const step = constraintStep(state, terms, !state.current && list[0] !== undefined && rules.endIds.has(list[0].token), budget(row, rules));
      if (step.force !== undefined) {
        // A forced token the rules (or a closed term) forbid takes the row's lowest score: only the whole scores hold it.
        const score = watched[index]!;
        const glued = state.closing && constraints.joins[step.force]! & continuesWord;
        return step.force === watch[index] && score > -Infinity && !glued ? [{ token: step.force, score }] : undefined;
      }
      return enough(step.pending ? list.filter((candidate) => !rules.endIds.has(candidate.token)) : list, kept, complete);
    }),
  };
}

/** The first `kept` of a row's candidates, if they are the first of its whole scores: `kept` are left, or no other is allowed. */
function enough(list: readonly Candidate[], kept: number, complete: boolean): Candidate[] | undefined {
  return list.length >= kept || complete ? list.slice(0, kept) : undefined;
}

/** Each live row's candidates through `choose` if it has terms (else as they came); `undefined` if any row's is. */
function eachRow(rows: readonly (HeldRow | undefined)[], states: readonly (ConstraintState | undefined)[], chosen: readonly (Candidate[] | undefined)[], choose: (row: HeldRow, state: ConstraintState, candidates: Candidate[], index: number) => Candidate[] | undefined): (Candidate[] | undefined)[] | undefined {
  const held: (Candidate[] | undefined)[] = [];
  for (const [index, row] of rows.entries()) {
    const state = states[index];
    if (!row || !state) {
      held.push(chosen[index]);
      continue;
    }
    const choice = choose(row, state, chosen[index]!, index);
    if (!choice) return undefined;
    held.push(choice);
  }
  return held;
}

/**
 * The token a row is forced to next, or, while a term is missing, the one it would be forced to if the model
 * preferred to end; `undefined` when neither can happen.
 */
function watchedToken(state: ConstraintState, terms: Constraints['terms'][number], room: number): number | undefined {
  const step = constraintStep(state, terms, false, room);
  if (step.force !== undefined) return step.force;
  if (!step.pending) return undefined;
  return constraintStep(state, terms, true, room).force;
}

/** Tokens of terms a row still has to write. */
function pendingTokens(state: ConstraintState, terms: Constraints['terms'][number]): number {
  return constraintStep(state, terms, false, Infinity).pending;
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
