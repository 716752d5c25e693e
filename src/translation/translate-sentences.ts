import { StageError } from '../errors.js';
import type { TranslationSettings, Translator } from '../models/provider.js';
import { fitToLimit } from '../text/fit.js';

export interface SentenceTranslation {
  translation: string;
  /** How many pieces the sentence was cut into to fit the model (1 when whole). */
  pieces: number;
}

export interface TranslateOptions {
  settings: TranslationSettings;
  batchSize: number;
  /** Longest piece sent to the model, in tokens. */
  limit: number;
}

/**
 * Translates sentences: each is cut into pieces that fit the model, pieces are translated in batches of similar
 * length, and each sentence's pieces are joined back. One result per sentence, in order; nothing is truncated.
 */
export async function translateSentences(sentences: readonly string[], translator: Translator, options: TranslateOptions): Promise<SentenceTranslation[]> {
  const pieces = await fitToLimit(sentences, options.limit, (texts) => translator.countTokens(texts));
  const translated = await translateInBatches(pieces.flat(), options.batchSize, (batch) => translator.translate(batch, options.settings));
  let next = 0;
  const results = pieces.map((sentencePieces) => {
    const translation = translated.slice(next, next + sentencePieces.length).join(' ');
    next += sentencePieces.length;
    return { translation, pieces: sentencePieces.length };
  });
  if (next !== translated.length) throw new StageError('translate', `internal error: ${translated.length} translations for ${next} pieces`);
  return results;
}

/** Translates in batches of similar lengths (less padding), returning results in the input order. */
async function translateInBatches(texts: readonly string[], size: number, translate: (batch: string[]) => Promise<string[]>): Promise<string[]> {
  const order = texts.map((_, index) => index).sort((a, b) => texts[a]!.length - texts[b]!.length);
  const results = new Array<string>(texts.length);
  for (let start = 0; start < order.length; start += size) {
    const indexes = order.slice(start, start + size);
    const output = await translate(indexes.map((index) => texts[index]!));
    if (output.length !== indexes.length) {
      throw new StageError('translate', `the model returned ${output.length} translations for ${indexes.length} sentences`);
    }
    indexes.forEach((index, position) => (results[index] = output[position]!));
  }
  return results;
}
