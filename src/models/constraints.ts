/**
 * Lexical constraints on a generated sequence: terms (a glossary term's English) that must each appear in it, as
 * whole words. A term is met by any of its token sequences (as a word, or glued to a quote or bracket before it; with
 * a capital); the first is the one put in. A row's state is read from the tokens it has generated, so it follows a
 * hypothesis through beam reordering with nothing to copy. Once a row has produced a term's first token, the rest of
 * it is forced; a row may not end while a term is unmet, and when the tokens left before its length bound are just
 * enough for the unmet terms, the next one is forced there. Every finished row therefore holds every term.
 */
import type { Candidate } from './next-token.js';

/** A term's token sequences, any of which meets it; the first is the one put in. */
export type Constraint = readonly (readonly number[])[];

/** What the decoding loop is given for a batch with terms: each input's terms, and how the vocabulary's tokens join. */
export interface Constraints {
  terms: readonly (readonly Constraint[])[];
  /** Each token's `continuesWord` and `endsWord` bits (see `loadTermTokenizer` in `term-tokens.ts`). */
  joins: Uint8Array;
}

/** The token is glued to the one before it, with no space: a SentencePiece piece without `▁` that starts with a letter or digit. */
export const continuesWord = 1;
/** The token ends with a letter or digit: a token glued after it would be part of its word. */
export const endsWord = 2;

/** What a row must do next: take `force`, or choose freely (its end token forbidden while `pending`). */
export interface ConstraintStep {
  force?: number;
  /** Tokens of unmet terms still to be generated; the row may not end while there are any. */
  pending: number;
}

/** A row's terms, as its tokens so far leave them. */
export interface ConstraintState {
  met: boolean[];
  /** The term under way: the sequences its tokens so far agree with, and how many of its tokens are out. */
  current?: { index: number; sequences: number[]; done: number };
  /** The last token completed a term: the next must not glue onto its last word. */
  closing: boolean;
  previous?: number;
}

/**
 * Replays a row's tokens (start token left out): which terms are met, and the one under way. Every row replays its
 * tokens at every step, so a token that starts no term costs one look-up.
 */
export function readConstraints(generated: readonly number[], constraints: readonly Constraint[], joins?: Uint8Array): ConstraintState {
  const state: ConstraintState = { met: constraints.map(() => false), closing: false };
  const starts = startsOf(constraints);
  let closed = -1;
  for (const token of generated) {
    // A term followed by a token glued onto it was not a whole word (only a row not held to the rules can do this).
    if (state.closing && joins && joins[token]! & continuesWord) state.met[closed] = false;
    state.closing = false;
    const current = state.current;
    if (current) {
      const sequences = current.sequences.filter((sequence) => constraints[current.index]![sequence]![current.done] === token);
      if (sequences.length) {
        current.done++;
        current.sequences = sequences;
        if (sequences.some((sequence) => constraints[current.index]![sequence]!.length === current.done)) {
          state.met[current.index] = state.closing = true;
          closed = current.index;
          state.current = undefined;
        }
        state.previous = token;
        continue;
      }
      // Left midway (only a row that was not held to it can): this token may start one again.
      state.current = undefined;
    }
    const start = starts.has(token) ? startedBy(token, state, constraints, joins) : undefined;
    if (start) {
      if (start.sequences.some((sequence) => constraints[start.index]![sequence]!.length === 1)) {
        state.met[start.index] = state.closing = true;
        closed = start.index;
      } else state.current = { ...start, done: 1 };
    }
    state.previous = token;
  }
  return state;
}

/**
 * The step a row takes, given its state, its terms, and how many tokens it may still generate before its bound.
 * `ending`: the token the model prefers is an end token; then the first unmet term is put in instead. Otherwise the
 * row chooses freely, and if its choice starts an unmet term, the rest of the term follows.
 */
export function constraintStep(state: ConstraintState, constraints: readonly Constraint[], ending: boolean, budget: number): ConstraintStep {
  if (!constraints.length) return { pending: 0 };
  const current = state.current;
  const pending = constraints.reduce((total, sequences, index) => {
    if (state.met[index]) return total;
    if (current?.index === index) return total + sequences[current.sequences[0]!]!.length - current.done;
    return total + sequences[0]!.length;
  }, 0);
  if (current) return { force: constraints[current.index]![current.sequences[0]!]![current.done]!, pending };
  if (!pending) return { pending };
  const unmet = constraints.findIndex((_, index) => !state.met[index]);
  // Running out of room: the first unmet term goes in here, whatever the model prefers.
  if (budget <= pending || ending) return { force: constraints[unmet]![0]![0]!, pending };
  return { pending };
}

/**
 * Shapes a constrained row's scores (logits or log-probabilities, in place) so that whichever step follows, greedy
 * or beam, keeps to its terms: after a term, no token glued onto its last word; while terms are unmet, no end token;
 * a forced token alone, at its own score (beam search ranks by it), or the row's lowest if the rules had forbidden it.
 */
export function constrainScores(scores: Float32Array, generated: readonly number[], constraints: readonly Constraint[], joins: Uint8Array, endIds: ReadonlySet<number>, budget: number): void {
  const state = readConstraints(generated, constraints, joins);
  if (state.closing) for (let token = 0; token < scores.length; token++) if (joins[token]! & continuesWord) scores[token] = -Infinity;
  // Every term written: nothing more to steer (and no need to look at the model's preference).
  if (!state.current && state.met.every(Boolean)) return;
  const step = constraintStep(state, constraints, !state.current && prefersEnd(scores, endIds), budget);
  if (step.force !== undefined) {
    const score = scores[step.force]! > -Infinity ? scores[step.force]! : lowest(scores);
    scores.fill(-Infinity);
    scores[step.force] = score;
  } else if (step.pending) {
    for (const end of endIds) scores[end] = -Infinity;
  }
}

/**
 * A greedy row's next token, held to its terms, from the best candidates the decoder's graph chose (best first, the
 * rules applied) instead of its whole scores: the token `constrainScores` then `argmax` give. After a term, the best
 * candidate that does not glue onto it; `undefined` when none of them does not (the row needs its whole scores).
 */
export function constrainChoice(candidates: readonly Candidate[], state: ConstraintState, constraints: readonly Constraint[], joins: Uint8Array, endIds: ReadonlySet<number>, budget: number): Candidate[] | undefined {
  const best = unglued(candidates, state, joins)[0];
  if (!best) return undefined;
  if (!state.current && state.met.every(Boolean)) return [best];
  const step = constraintStep(state, constraints, !state.current && endIds.has(best.token), budget);
  return [step.force === undefined ? best : { token: step.force, score: best.score }];
}

/** A row's candidates that may follow its tokens: after a term, none that glues onto its last word. */
export function unglued(candidates: readonly Candidate[], state: ConstraintState, joins: Uint8Array): readonly Candidate[] {
  return state.closing ? candidates.filter((candidate) => !(joins[candidate.token]! & continuesWord)) : candidates;
}

const firstTokens = new WeakMap<readonly Constraint[], Set<number>>();

/** The tokens that begin a sequence of `constraints`, gathered once per list (a row's list stays the same from step to step). */
function startsOf(constraints: readonly Constraint[]): Set<number> {
  let starts = firstTokens.get(constraints);
  if (!starts) {
    starts = new Set(constraints.flatMap((sequences) => sequences.map((sequence) => sequence[0]!)));
    firstTokens.set(constraints, starts);
  }
  return starts;
}

/** The unmet term `token` starts here, and the sequences it starts; a glued sequence only after a token that ends no word. */
function startedBy(token: number, state: ConstraintState, constraints: readonly Constraint[], joins?: Uint8Array): { index: number; sequences: number[] } | undefined {
  const glues = joins !== undefined && state.previous !== undefined && (joins[state.previous]! & endsWord) !== 0;
  for (const [index, sequences] of constraints.entries()) {
    if (state.met[index]) continue;
    const starting = sequences.flatMap((sequence, position) => (sequence[0] === token && !(glues && joins![token]! & continuesWord) ? [position] : []));
    if (starting.length) return { index, sequences: starting };
  }
  return undefined;
}

/**
 * Whether the model's best token (the first of the highest scores, as `argmax` takes it) is an end token. It looks
 * no further than the first token that beats every end token: while a row goes on, that is usually soon, and every
 * constrained row asks at every step.
 */
export function prefersEnd(scores: Float32Array, endIds: ReadonlySet<number>): boolean {
  let end = -1;
  for (const id of endIds) if (end < 0 || scores[id]! > scores[end]! || (scores[id] === scores[end] && id < end)) end = id;
  if (end < 0) return false;
  const score = scores[end]!;
  for (let token = 0; token < scores.length; token++) {
    if (scores[token]! > score || (token < end && scores[token] === score)) return false;
  }
  return true;
}

/** The lowest score not forbidden (0 when all are). */
function lowest(scores: Float32Array): number {
  let low = Infinity;
  for (const score of scores) if (score > -Infinity && score < low) low = score;
  return low === Infinity ? 0 : low;
}
