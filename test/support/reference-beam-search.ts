/**
 * A reference beam search, written to be read against Hugging Face transformers' `GenerationMixin._beam_search` and
 * `_get_logits_processor` rather than to be fast: every step asks for the logits of each whole sequence (no cache, no
 * batch), scores every token of every beam, and sorts them all. Transformers.js v4 cannot be the reference here: its
 * `generate()` with `num_beams` takes the best token of each step, which is greedy search.
 */

/** The logits of the token after `tokens` (the decoder start token first). */
export type NextLogits = (tokens: readonly number[]) => Promise<Float32Array> | Float32Array;

/** The generation config's keys, in Hugging Face's words and meanings. */
export interface ReferenceConfig {
  num_beams: number;
  decoder_start_token_id: number;
  eos_token_id: number;
  /** The longest sequence, the decoder start token counted. */
  max_length: number;
  /** The end token is forbidden while the sequence, the start token counted, is shorter. */
  min_length: number;
  no_repeat_ngram_size: number;
  repetition_penalty: number;
  bad_words_ids: number[][];
  forced_bos_token_id?: number;
  forced_eos_token_id?: number;
  length_penalty: number;
  early_stopping: boolean;
  renormalize_logits: boolean;
}

/** The generated tokens of the best finished sequence, its start and end tokens left out. */
export async function referenceBeamSearch(next: NextLogits, config: ReferenceConfig): Promise<number[]> {
  const beams = config.num_beams;
  // HF starts with `num_beams` copies, all but the first at -1e9 so that they are never chosen: one beam is the same.
  let running = [{ tokens: [config.decoder_start_token_id], score: 0 }];
  let finished: { tokens: number[]; score: number }[] = [];
  for (let length = 1; length < config.max_length && running.length; length++) {
    const candidates: { tokens: number[]; score: number }[] = [];
    for (const beam of running) {
      // `log_probs = log_softmax(logits)`, then the logits processors, then `LogitNormalization` if asked.
      let scores = logSoftmax(Float64Array.from(await next(beam.tokens)));
      processLogits(scores, beam.tokens, config);
      if (config.renormalize_logits) scores = logSoftmax(scores);
      scores.forEach((score, token) => {
        if (score > -Infinity) candidates.push({ tokens: [...beam.tokens, token], score: beam.score + score });
      });
    }
    // The best `2 × num_beams` continuations; an end among the first `num_beams` of them finishes a sequence, with
    // its summed log-probability over its generated length (the end token counted) to the length penalty.
    candidates.sort((a, b) => b.score - a.score);
    const best = candidates.slice(0, 2 * beams);
    const ends = (candidate: { tokens: number[] }) => candidate.tokens.at(-1) === config.eos_token_id || candidate.tokens.length >= config.max_length;
    for (const candidate of best.slice(0, beams)) {
      if (ends(candidate)) finished.push({ tokens: candidate.tokens, score: candidate.score / length ** config.length_penalty });
    }
    finished = finished.sort((a, b) => b.score - a.score).slice(0, beams);
    running = best.filter((candidate) => !ends(candidate)).slice(0, beams);
    // Done once `num_beams` sequences are finished: at once with early stopping, else when the best running beam,
    // over its generated length, cannot beat the worst of them (HF's `_check_early_stop_heuristic`).
    if (finished.length === beams && (config.early_stopping || !running.length || finished.at(-1)!.score >= running[0]!.score / length ** config.length_penalty)) break;
  }
  const [first] = finished.length ? finished : running;
  const tokens = first!.tokens.slice(1);
  return tokens.at(-1) === config.eos_token_id ? tokens.slice(0, -1) : tokens;
}

/**
 * The logits processors `generate()` builds from these keys, in its order: RepetitionPenalty, NoRepeatNGram,
 * NoBadWords, MinLength, ForcedBOSToken, ForcedEOSToken.
 */
function processLogits(scores: Float64Array, tokens: readonly number[], config: ReferenceConfig): void {
  if (config.repetition_penalty !== 1) {
    for (const token of new Set(tokens)) {
      scores[token] = scores[token]! < 0 ? scores[token]! * config.repetition_penalty : scores[token]! / config.repetition_penalty;
    }
  }
  const size = config.no_repeat_ngram_size;
  if (size > 0 && tokens.length + 1 >= size) {
    const last = tokens.slice(tokens.length - (size - 1));
    for (let start = 0; start + size <= tokens.length; start++) {
      if (last.every((token, offset) => tokens[start + offset] === token)) scores[tokens[start + size - 1]!] = -Infinity;
    }
  }
  for (const words of config.bad_words_ids) if (words.length === 1) scores[words[0]!] = -Infinity;
  if (tokens.length < config.min_length) scores[config.eos_token_id] = -Infinity;
  if (config.forced_bos_token_id !== undefined && tokens.length === 1) allowOnly(scores, config.forced_bos_token_id);
  if (config.forced_eos_token_id !== undefined && tokens.length === config.max_length - 1) allowOnly(scores, config.forced_eos_token_id);
}

function allowOnly(scores: Float64Array, token: number): void {
  scores.fill(-Infinity);
  scores[token] = 0;
}

function logSoftmax(scores: Float64Array): Float64Array {
  const highest = scores.reduce((high, score) => Math.max(high, score), -Infinity);
  if (highest === -Infinity) return scores;
  const total = highest + Math.log(scores.reduce((sum, score) => sum + Math.exp(score - highest), 0));
  return scores.map((score) => score - total);
}
