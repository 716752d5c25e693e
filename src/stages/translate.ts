import { z } from 'zod';
import type { Block } from '../article.js';
import { StageError } from '../errors.js';
import { dtypes } from '../models/files.js';
import { fitToLimit } from '../text/fit.js';
import { defineStage } from './stage.js';

export default defineStage({
  name: 'translate',
  summary: 'Translates French paragraphs to English, sentence by sentence, with a local ONNX model',
  requires: ['read', 'detect-language'],
  options: z.strictObject({
    /** Model folder under `models/`, `owner/name`. @default Xenova/opus-mt-fr-en */
    model: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: 'a model id `owner/name`' }).default('Xenova/opus-mt-fr-en'),
    /** Weights to load: `q8` (int8, fastest on CPU) or `fp32` (full precision), among others. @default q8 */
    dtype: z.enum(dtypes).default('q8'),
    /** Language of the paragraphs to translate (ISO 639-3); others pass through, marked. @default fra */
    from: z.string().regex(/^[a-z]{3}$/).default('fra'),
    /** Beam width; 1 is greedy decoding, the fastest. @default 1 */
    beams: z.int().min(1).max(8).default(1),
    /** Sentences sent to the model at once. @default 16 */
    batchSize: z.int().min(1).max(256).default(16),
    /** Longest piece sent to the model, in tokens; longer sentences are cut at clause breaks first. @default 200 */
    maxInputTokens: z.int().min(8).max(4096).default(200),
    /** Most tokens generated per piece, as a multiple of its length. @default 2 */
    lengthRatio: z.number().min(1).max(8).default(2),
    /** Above 1 discourages repeated tokens. @default 1 */
    repetitionPenalty: z.number().min(1).max(3).default(1),
    /** Forbids repeating any n-gram of this size; 0 turns the guard off. @default 4 */
    noRepeatNgram: z.int().min(0).max(10).default(4),
  }),
  async create(options, setup) {
    const translator = await setup.models.translator({ model: options.model, dtype: options.dtype });
    const limit = Math.min(options.maxInputTokens, translator.maxInputTokens);
    const settings = {
      beams: options.beams,
      lengthRatio: options.lengthRatio,
      repetitionPenalty: options.repetitionPenalty,
      noRepeatNgram: options.noRepeatNgram,
    };

    return async (article) => {
      const chosen = article.blocks.filter((block) => block.language?.code === options.from);
      const sentences = chosen.flatMap((block) => block.sentences.map((sentence) => sentence.text));
      const pieces = await fitToLimit(sentences, limit, (texts) => translator.countTokens(texts));
      const flat = pieces.flat();
      const translated = await translateInBatches(flat, options.batchSize, (batch) => translator.translate(batch, settings));

      const notes = [...article.notes];
      let next = 0; // index into `translated`, walked in the same order the pieces were flattened
      let sentenceIndex = 0;
      const blocks: Block[] = article.blocks.map((block) => {
        if (block.language?.code !== options.from) return block;
        const translatedSentences = block.sentences.map((sentence) => {
          const count = pieces[sentenceIndex++]!.length;
          const translation = translated.slice(next, next + count).join(' ');
          next += count;
          if (count > 1) notes.push({ stage: 'translate', block: block.id, message: `a sentence was cut into ${count} pieces to fit the model's ${limit}-token limit` });
          return { ...sentence, translation, ...(count > 1 ? { pieces: count } : {}) };
        });
        return { ...block, sentences: translatedSentences, translation: translatedSentences.map((sentence) => sentence.translation).join(' ') };
      });
      if (next !== translated.length) throw new StageError('translate', `internal error: ${translated.length} translations for ${next} pieces`);
      return { ...article, blocks, notes, models: { ...article.models, translate: translator.label } };
    };
  },
});

/** Translates in batches of similar lengths (less padding), returning results in the input order. */
async function translateInBatches(
  texts: readonly string[],
  size: number,
  translate: (batch: string[]) => Promise<string[]>,
): Promise<string[]> {
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
