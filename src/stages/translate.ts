import { z } from 'zod';
import { countWords, type Block, type Sentence, type Term } from '../article.js';
import { createTermMatcher, distinctTerms } from '../glossary/match.js';
import { dtypes, modelIdPattern } from '../models/files.js';
import { unknownMarker } from '../models/provider.js';
import { addressesOf } from '../text/addresses.js';
import { keepingCode, splitAtCode } from '../translation/keep-code.js';
import { createSentenceTranslator } from '../translation/translate-sentences.js';
import { defineStage } from './stage.js';

export const translateOptions = z.strictObject({
  /** Model folder under `models/`, `owner/name`. @default Xenova/opus-mt-fr-en */
  model: z.string().regex(modelIdPattern, { error: 'a model id `owner/name`' }).default('Xenova/opus-mt-fr-en'),
  /** Weights to load: `q8` (int8, fastest on CPU) or `fp32` (full precision), among others. @default q8 */
  dtype: z.enum(dtypes).default('q8'),
  /** Language of the text to translate (ISO 639-3); text detected in another passes through, marked. @default fra */
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
  /** Forbids repeating any n-gram of this size (0: off, as the model was evaluated). @default 0 */
  noRepeatNgram: z.int().min(0).max(10).default(0),
});

export type TranslateStageOptions = z.output<typeof translateOptions>;

export default defineStage({
  name: 'translate',
  summary: 'Translates French text to English, sentence by sentence, with a local ONNX model',
  requires: ['read'],
  // Without detect-language, every sentence is taken to be in the `from` language.
  after: ['detect-language'],
  options: translateOptions,
  withoutModels: 'remove the `translate` stage from the config for monolingual output',
  models: (options) => [{ model: options.model, dtype: options.dtype }],
  async create(options, setup) {
    const translator = await setup.models.translator({ model: options.model, dtype: options.dtype });
    const limit = Math.min(options.maxInputTokens, translator.maxInputTokens);
    const settings = { beams: options.beams, lengthRatio: options.lengthRatio, repetitionPenalty: options.repetitionPenalty, noRepeatNgram: options.noRepeatNgram };
    const findTerms = createTermMatcher(setup.glossary?.entries ?? []);
    // What the model writes the glossary's English with is read now, once, rather than by the first batch.
    const targets = [...new Set(setup.glossary?.entries.map((entry) => entry.target))];
    const unwritable = targets.length ? await translator.prepareTerms?.(targets) ?? [] : [];
    if (unwritable.length) setup.warn(`${translator.label} cannot write ${listOf(unwritable, 10)}: the translation is not held to ${unwritable.length === 1 ? 'this glossary term' : 'these glossary terms'}, which the check flags when missing`);
    // One for the run: every article's sentences share its batches and its cache; each piece is held to its terms.
    // Inline code of a Markdown source (`npm install`) is kept as written, never sent to the model.
    const translate = keepingCode(await createSentenceTranslator(translator, {
      settings, limit, batchSize: options.batchSize, ...(setup.cache ? { cacheFolder: setup.cache } : {}), warn: setup.warn,
      termsOf: (text) => findTerms(text).map((match) => match.entry.target),
      termSpans: findTerms,
    }));

    // A sentence's terms, in the stretches sent to the model: a term inside inline code or an address is kept as written.
    const termsOf = ({ text, code }: { text: string; code?: readonly string[] }): Term[] => {
      const parts = code?.length ? splitAtCode(text, code).filter((part) => part.translate).map((part) => part.text) : [text];
      return distinctTerms(parts.flatMap(findTerms));
    };

    return async (article, context) => {
      // A sentence is translated unless it is confidently in another language than `from`, or in another script: its
      // own language in a paragraph that mixes, else its paragraph's. Undetermined text in an article in `from` is
      // translated (a sentence of figures and names is hard to judge, not foreign); with no detection, all of it is.
      const inFrom = (article.language?.code ?? options.from) === options.from;
      const languageOf = (block: Block, sentence: Sentence) => sentence.language ?? block.language;
      const chosen = (block: Block, sentence: Sentence) => {
        const language = languageOf(block, sentence);
        if (!language) return true;
        if (language.script) return false;
        return language.code === options.from || (language.code === 'und' && inFrom);
      };
      // Inline code and web or e-mail addresses are kept as written, in the order the sentence holds them.
      const texts = article.blocks.flatMap((block) => {
        const code = block.spans?.filter((span) => span.kind === 'code').map((span) => span.text) ?? [];
        return block.sentences.filter((sentence) => chosen(block, sentence)).map((sentence) => {
          const kept = [...code.filter((span) => sentence.text.includes(span)), ...addressesOf(sentence.text)]
            .map((span) => ({ span, at: sentence.text.indexOf(span) }))
            .sort((a, b) => a.at - b.at)
            .map(({ span }) => span);
          return { text: sentence.text, ...(kept.length ? { code: kept } : {}) };
        });
      });
      const words = texts.map((sentence) => countWords(sentence.text));
      const of = words.reduce((total, count) => total + count, 0);
      let wordsDone = 0;
      context.progress?.({ words: 0, of });
      const results = await translate(texts, context.progress && ((index) => context.progress!({ words: (wordsDone += words[index]!), of })));
      if (results.length !== texts.length) throw new Error(`the translator returned ${results.length} translations for ${texts.length} sentences`);
      const notes = [...article.notes];
      let next = 0;
      const blocks: Block[] = article.blocks.map((block) => {
        if (!block.sentences.some((sentence) => chosen(block, sentence))) return block;
        if (block.language?.code === 'und' && !block.language.script && !block.language.inherited) {
          notes.push({ stage: 'translate', block: block.id, message: `language undetermined; translated, as the article is in ${options.from}` });
        }
        const sentences = block.sentences.map((sentence): Sentence => {
          if (!chosen(block, sentence)) return sentence;
          const terms = termsOf(texts[next]!);
          const { translation, segments, empty, unknown, cutToFit } = results[next++]!;
          const note = (message: string) => notes.push({ stage: 'translate', block: block.id, message });
          if (cutToFit) note(`a sentence was cut into ${cutToFit} pieces to fit the model's ${limit}-token limit`);
          if (empty) note(`the model gave no English for “${sentence.text}”`);
          if (unknown.restored.length) note(`the model could not write ${listOf(unknown.restored)}: copied from the source as written`);
          if (unknown.missing) note(`the model wrote ${unknown.missing} word${unknown.missing === 1 ? '' : 's'} it could not name, shown ${unknownMarker}`);
          const wroteUnknown = unknown.restored.length + unknown.missing > 0;
          return { ...sentence, translation, ...(segments.length > 1 ? { segments } : {}), ...(wroteUnknown ? { unknown: true } : {}), ...(terms.length ? { terms } : {}) };
        });
        return { ...block, sentences, translation: sentences.map((sentence) => sentence.translation ?? sentence.text).join(' ') };
      });
      // Text kept as written because the model does not read its language or script: say so, once per kind.
      const kept = new Map<string, number>();
      for (const block of article.blocks) {
        for (const sentence of block.sentences) {
          const language = languageOf(block, sentence);
          if (!language || chosen(block, sentence) || language.code === 'eng') continue;
          const name = language.script ? `${language.script} script${language.code === 'und' ? '' : ` (${language.code})`}` : language.code;
          kept.set(name, (kept.get(name) ?? 0) + 1);
        }
      }
      for (const [name, count] of kept) {
        const sentences = `${count} sentence${count === 1 ? '' : 's'}`;
        notes.push({ stage: 'translate', message: name.includes('script')
          ? `${sentences} in ${name} kept as written: the model reads ${options.from} in the Latin script`
          : `${sentences} in ${name} kept as written: no model is configured to translate ${name} (translate.from is ${options.from})` });
      }
      return { ...article, blocks, notes, models: { ...article.models, translate: translator.label } };
    };
  },
});

/** `“a”, “b”`: the words, quoted; beyond `most` of them, how many more. */
function listOf(words: readonly string[], most = Infinity): string {
  const listed = words.slice(0, most).map((word) => `“${word}”`).join(', ');
  return words.length > most ? `${listed} and ${words.length - most} more` : listed;
}
