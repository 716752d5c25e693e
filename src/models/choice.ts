/**
 * Each decoding step's candidates: for every live row, the tokens it may take next with their scores, best first —
 * one for greedy search, `candidateCount` for beam search. Two ways give the same candidates:
 * - **in the graph**, when the decoder's session holds the choice (`choice-graph.ts`): each row's rules are fed as
 *   inputs, and only its best tokens leave onnxruntime;
 * - **from the logits**: every score of every row comes out and the rules apply in JavaScript. Rules that must read
 *   every score (lexical constraints) shape a row's `rowScores` before `scoreCandidates` picks from them.
 */
import { candidateCount } from './beam-search.js';
import { applyRules, argmax, beamScores, forcedTokens, ruleChanges, topTokens, type BeamRules, type Candidate, type Hypothesis, type LengthBounds, type ScoreChange, type ScoreRules } from './next-token.js';
import type { Seq2SeqSessions, Session, Tensor } from './session.js';

/** The inputs and outputs the choice adds to a decoder graph. */
export const choiceNames = {
  /** int64 `[1]`: how many tokens (and their scores) each row gives, best first. */
  count: 'choice.count',
  /** bool `[1]`: the rules apply to log-probabilities (beam search) rather than to the logits (greedy search). */
  logProbabilities: 'choice.log_probabilities',
  /** bool `[1]`: the scores are made log-probabilities (again) after the rules. */
  renormalize: 'choice.renormalize',
  /** int64 `[rows, 1, entries]`: the tokens each row's rules change. */
  ruleTokens: 'choice.rule_tokens',
  /** float `[rows, 1, entries]`: each listed token's score is multiplied by its factor if below 0, else divided by it… */
  ruleFactors: 'choice.rule_factors',
  /** float `[rows, 1, entries]`: …then its bias (`-Infinity` forbids the token) is added. */
  ruleBiases: 'choice.rule_biases',
  /** float `[rows, 1, count]`: each row's best scores, best first. */
  scores: 'choice.scores',
  /** int64 `[rows, 1, count]`: their tokens (the lower token first among equal scores). */
  tokens: 'choice.tokens',
  /** int64 `[rows, 1, 1]`: a token each row's final score is given of (a term's token that may be forced). */
  watch: 'choice.watch',
  /** float `[rows, 1, 1]`: its final score. */
  watched: 'choice.watched',
} as const;

/** One row of the decoder's batch: the input it decodes and its hypothesis so far. */
export interface Row {
  input: number;
  hypothesis: Hypothesis;
}

/** What a step's choice depends on: the rules, the beam width and each input's length bounds. */
export interface ChoiceRules extends ScoreRules, Pick<BeamRules, 'renormalize'> {
  beams: number;
  bounds: readonly LengthBounds[];
}

/** What rows held to terms ask of a step's choice besides their rules (`held-rows.ts`). */
export interface MoreChoice {
  /** Candidates each row gives at least. */
  least: number;
  /** Each row's watched token, whose final score comes out (`choice.watched`). */
  watch: readonly (number | undefined)[];
}

/** Whether the decoder's graph chooses (it has the inputs `choice-graph.ts` adds). */
export function choosesInGraph(decoder: Session): boolean {
  return decoder.inputNames.includes(choiceNames.count);
}

/** The outputs a step reads to choose: the choice's, or the logits. */
export function stepFetches(inGraph: boolean): string[] {
  return inGraph ? [choiceNames.scores, choiceNames.tokens, choiceNames.watched] : ['logits'];
}

/**
 * What the graph's choice is fed for a step: how many candidates a row gives, whether the rules apply to
 * log-probabilities (beam search) and whether they are made log-probabilities again after them, and each row's
 * rules as lists of tokens, factors and biases (`ruleChanges`), padded to the longest. `more`, for rows held to
 * terms (`held-rows.ts`): how many candidates a row gives at least, and the token whose score each gives besides.
 * When the step reads the whole logits instead (`inGraph` false), the graph still runs its choice: it is fed the
 * least work, one token per row.
 */
export function choiceFeeds(sessions: Seq2SeqSessions, rows: readonly (Row | undefined)[], rules: ChoiceRules, inGraph = true, more?: MoreChoice): Record<string, Tensor> {
  const changes = rows.map((row) => {
    if (!inGraph || !row || forcedTokens(row.hypothesis.tokens, rules.bounds[row.input]!, rules)) return new Map<number, ScoreChange>();
    return ruleChanges(row.hypothesis.tokens, rules.bounds[row.input]!, rules);
  });
  const least = more?.least ?? 1;
  const width = Math.max(1, ...changes.map((row) => row.size));
  const tokens = new BigInt64Array(rows.length * width);
  const factors = new Float32Array(rows.length * width).fill(1);
  const biases = new Float32Array(rows.length * width);
  changes.forEach((row, index) => {
    // Padding repeats a row's first entry (a token listed twice takes one value), or is token 0 left as it is.
    const entries = [...row];
    for (let column = 0; column < width; column++) {
      const [token, change] = entries[column] ?? entries[0] ?? [0, { factor: 1, bias: 0 }];
      tokens[index * width + column] = BigInt(token);
      factors[index * width + column] = change.factor;
      biases[index * width + column] = change.bias;
    }
  });
  const beams = inGraph && rules.beams > 1;
  // Beam search's rules apply to log-probabilities; when they are made log-probabilities again and only forbid
  // tokens, one log-softmax after them is the same (a forbidden token's share goes back to the others either way).
  const before = beams && (!rules.renormalize || rules.repetitionPenalty !== 1);
  const flag = (value: boolean) => sessions.tensor('bool', Uint8Array.of(value ? 1 : 0), [1]);
  return {
    [choiceNames.watch]: sessions.tensor('int64', BigInt64Array.from(rows, (_, index) => BigInt(more?.watch[index] ?? 0)), [rows.length, 1, 1]),
    [choiceNames.count]: sessions.tensor('int64', BigInt64Array.of(BigInt(inGraph ? Math.min(Math.max(candidatesPerRow(rules), least), vocabulary(sessions.decoder)) : 1)), [1]),
    [choiceNames.logProbabilities]: flag(before),
    [choiceNames.renormalize]: flag(beams && rules.renormalize),
    [choiceNames.ruleTokens]: sessions.tensor('int64', tokens, [rows.length, 1, width]),
    [choiceNames.ruleFactors]: sessions.tensor('float32', factors, [rows.length, 1, width]),
    [choiceNames.ruleBiases]: sessions.tensor('float32', biases, [rows.length, 1, width]),
  };
}

/** Each live row's candidates from the graph's choice; a row the rules leave no choice takes what they force. */
export function graphCandidates(outputs: Record<string, Tensor>, rows: readonly (Row | undefined)[], rules: ChoiceRules): (Candidate[] | undefined)[] {
  const scores = outputs[choiceNames.scores]!.data as Float32Array;
  const tokens = outputs[choiceNames.tokens]!.data as BigInt64Array;
  const count = outputs[choiceNames.tokens]!.dims.at(-1)!;
  return rows.map((row, index) => {
    if (!row) return undefined;
    const forced = forcedTokens(row.hypothesis.tokens, rules.bounds[row.input]!, rules);
    if (forced) return forcedCandidates(forced, rules);
    const candidates: Candidate[] = [];
    for (let rank = index * count; rank < (index + 1) * count; rank++) {
      // Greedy search takes the best token even if every token is forbidden (as `argmax` would); beam search none.
      if (scores[rank] === -Infinity && (rules.beams > 1 || candidates.length)) break;
      candidates.push({ token: Number(tokens[rank]), score: scores[rank]! });
    }
    return candidates;
  });
}

/** Each row's watched token's final score (`choice.watched`). */
export function watchedScores(outputs: Record<string, Tensor>): Float32Array {
  return outputs[choiceNames.watched]!.data as Float32Array;
}

/**
 * The candidates of a row whose rules allow only `forced`, as applying those rules to its scores gives them: each
 * scores 0, or, made log-probabilities again (beam search), shares the probability evenly.
 */
function forcedCandidates(forced: readonly number[], rules: ChoiceRules): Candidate[] {
  const score = rules.beams > 1 && rules.renormalize && forced.length > 1 ? Math.fround(-Math.log(forced.length)) : 0;
  return forced.slice(0, candidatesPerRow(rules)).map((token) => ({ token, score }));
}

/**
 * Each live row's scores for its next token, in place in the logits, rules applied: greedy search reads the logits,
 * beam search log-probabilities (see `beamScores`), as Hugging Face's `generate()` does each.
 */
export function rowScores(logits: Tensor, rows: readonly (Row | undefined)[], rules: ChoiceRules): (Float32Array | undefined)[] {
  const size = logits.dims.at(-1)!;
  const data = asFloat32(logits);
  // Logits are `[rows, 1, vocabulary]`: the last (only) position of each row.
  return rows.map((row, index) => {
    if (!row) return undefined;
    const scores = data.subarray(index * size, (index + 1) * size);
    const score = rules.beams === 1 ? applyRules : beamScores;
    score(scores, row.hypothesis.tokens, rules.bounds[row.input]!, rules);
    return scores;
  });
}

/** Each live row's candidates from its whole scores: its best token (greedy search) or best `candidateCount`. */
export function scoreCandidates(scores: readonly (Float32Array | undefined)[], rules: ChoiceRules): (Candidate[] | undefined)[] {
  return scores.map((row) => {
    if (!row) return undefined;
    if (rules.beams > 1) return topTokens(row, candidatesPerRow(rules));
    const token = argmax(row);
    return [{ token, score: row[token]! }];
  });
}

/** How many candidates a step needs of a row: the best one (greedy search) or `candidateCount`. */
function candidatesPerRow(rules: ChoiceRules): number {
  return rules.beams > 1 ? candidateCount(rules.beams, rules.endIds) : 1;
}

/** The decoder's vocabulary size, from its logits' shape (Infinity when the graph leaves it open). */
function vocabulary(decoder: Session): number {
  const size = decoder.outputMetadata?.find((output) => output.name === 'logits')?.shape?.at(-1);
  return typeof size === 'number' ? size : Infinity;
}

/** Logits as 32-bit floats, widening half floats. */
function asFloat32(tensor: Tensor): Float32Array {
  if (tensor.type !== 'float16') return tensor.data as Float32Array;
  const half = tensor.data as Uint16Array;
  return Float32Array.from(half, (bits) => {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const fraction = bits & 0x3ff;
    if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
    if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
    return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  });
}
