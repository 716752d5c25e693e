/**
 * Lexical constraints on a generated sequence: token sequences (a glossary term's English) that must each appear in
 * it. A row's state is read from the tokens it has generated, so it follows a hypothesis through beam reordering
 * with nothing to copy. Once a row has produced a constraint's first token, the rest of it is forced; a row may not
 * end while a constraint is unmet, and when the tokens left before its length bound are just enough for the unmet
 * constraints, the next one is forced there. Every finished row therefore holds every constraint.
 */

/** What a row must do next: take `force`, or choose freely (its end token forbidden while `pending`). */
export interface ConstraintStep {
  force?: number;
  /** Tokens of unmet constraints still to be generated; the row may not end while there are any. */
  pending: number;
}

interface State {
  met: boolean[];
  /** The constraint under way and how many of its tokens are out. */
  current?: { index: number; done: number };
}

/**
 * The step a row takes given what it generated (start token left out), the constraints, and how many tokens it may
 * still generate before its bound. `best` is the token the model prefers: when it starts an unmet constraint, the
 * row takes it and the rest follows; when it is an end token, the first unmet constraint is forced instead.
 */
export function constraintStep(generated: readonly number[], constraints: readonly (readonly number[])[], best: number, endIds: ReadonlySet<number>, budget: number): ConstraintStep {
  if (!constraints.length) return { pending: 0 };
  const state = stateOf(generated, constraints);
  const pending = constraints.reduce((total, tokens, index) => total + (state.met[index] ? 0 : tokens.length), 0) - (state.current?.done ?? 0);
  if (state.current) return { force: constraints[state.current.index]![state.current.done]!, pending };
  if (!pending) return { pending };
  const unmet = constraints.findIndex((_, index) => !state.met[index]);
  if (constraints.some((tokens, index) => !state.met[index] && tokens[0] === best)) return { pending };
  // Ending now, or running out of room: the first unmet constraint goes in here.
  if (endIds.has(best) || budget <= pending) return { force: constraints[unmet]![0]!, pending };
  return { pending };
}

/** Replays a row's tokens: which constraints are met, and the one under way. */
function stateOf(generated: readonly number[], constraints: readonly (readonly number[])[]): State {
  const state: State = { met: constraints.map(() => false) };
  for (const token of generated) {
    if (state.current) {
      const { index, done } = state.current;
      const tokens = constraints[index]!;
      if (tokens[done] === token) {
        state.current.done++;
        if (state.current.done === tokens.length) {
          state.met[index] = true;
          state.current = undefined;
        }
        continue;
      }
      // Left midway (only a row that was not held to it can): this token may start one again.
      state.current = undefined;
    }
    const start = constraints.findIndex((tokens, index) => !state.met[index] && tokens[0] === token);
    if (start < 0) continue;
    if (constraints[start]!.length === 1) state.met[start] = true;
    else state.current = { index: start, done: 1 };
  }
  return state;
}
