import type { Summarizer, SummarySettings } from '../models/provider.js';
import { fitToLimit } from '../text/fit.js';
import { splitSentences } from '../text/sentences.js';

export interface AbstractiveOptions {
  settings: SummarySettings;
  /** Longest chunk sent to the model, in tokens. */
  limit: number;
  /** Chunks summarized at once. */
  batchSize: number;
}

export interface AbstractiveSummary {
  /** The generated sentences, in order, each once. */
  sentences: string[];
  /** Generated sentences left out because they repeat one before them (seq2seq models often say a thing twice). */
  repeats: string[];
  /** How many chunks the text was read in, first round. */
  chunks: number;
  /** Rounds of summarizing: 1 when the text fit, more when chunk summaries were summarized again. */
  rounds: number;
}

// Rounds stop here even if the summaries still do not fit in one chunk; each round shrinks the text many times over.
const maxRounds = 6;

/**
 * Summarizes a text longer than the model reads by map and reduce: its sentences are grouped into chunks that fit
 * (a sentence longer than that is cut at clause breaks first), each chunk is summarized, and the chunk summaries,
 * joined, are summarized again until they fit in one. Nothing is truncated. A generated sentence that repeats one
 * before it, in its summary or another chunk's, is left out.
 */
export async function summarizeAbstractive(sentences: readonly string[], summarizer: Summarizer, options: AbstractiveOptions): Promise<AbstractiveSummary> {
  let current = [...sentences];
  let chunks = 0;
  const repeats: string[] = [];
  for (let round = 1; ; round++) {
    const grouped = await chunkSentences(current, options.limit, summarizer);
    if (round === 1) chunks = grouped.length;
    if (!grouped.length) return { sentences: [], repeats, chunks, rounds: round };
    const summaries: string[] = [];
    for (let start = 0; start < grouped.length; start += options.batchSize) {
      const batch = grouped.slice(start, start + options.batchSize);
      const output = await summarizer.summarize(batch, options.settings);
      if (output.length !== batch.length) throw new Error(`Expected ${batch.length} summaries from the model, got ${output.length}`);
      summaries.push(...output);
    }
    const { kept, repeated } = dropRepeats(summaries.flatMap((summary) => splitSentences(summary)).filter(Boolean));
    repeats.push(...repeated);
    if (grouped.length === 1 || round === maxRounds) return { sentences: kept, repeats, chunks, rounds: round };
    current = kept;
  }
}

/**
 * Keeps each sentence the first time it is said: a later one with the same words, whatever their case, spacing and
 * punctuation, is a repeat.
 */
export function dropRepeats(sentences: readonly string[]): { kept: string[]; repeated: string[] } {
  const seen = new Set<string>();
  const kept: string[] = [];
  const repeated: string[] = [];
  for (const sentence of sentences) {
    const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? sentence;
    if (seen.has(words)) repeated.push(sentence);
    else kept.push(sentence);
    seen.add(words);
  }
  return { kept, repeated };
}

/** Groups sentences, in order, into texts of at most `limit` tokens each. */
async function chunkSentences(sentences: readonly string[], limit: number, summarizer: Summarizer): Promise<string[]> {
  const pieces = (await fitToLimit(sentences, limit, (texts) => summarizer.countTokens(texts))).flat();
  const sizes = await summarizer.countTokens(pieces);
  const chunks: string[] = [];
  let chunk: string[] = [];
  let size = 0;
  pieces.forEach((piece, index) => {
    // Each count includes the start and end tokens the model adds once per chunk, so the sum overestimates: safe.
    if (chunk.length && size + sizes[index]! > limit) {
      chunks.push(chunk.join(' '));
      chunk = [];
      size = 0;
    }
    chunk.push(piece);
    size += sizes[index]!;
  });
  if (chunk.length) chunks.push(chunk.join(' '));
  return chunks;
}
