import { z } from 'zod';
import type { Article, Note, Summary } from '../article.js';
import { dtypes, modelIdPattern } from '../models/files.js';
import type { Summarizer } from '../models/provider.js';
import { summarizeAbstractive } from '../summary/abstractive.js';
import { summarizeExtractive } from '../summary/extractive.js';
import { checkSupport } from '../summary/guard.js';
import { defineStage } from './stage.js';

export const summarizeOptions = z.strictObject({
  /**
   * `extractive` picks the article's own sentences (no model) and shows them in both languages; `abstractive` has
   * a model write an English summary of the translation. @default extractive
   */
  method: z.enum(['extractive', 'abstractive']).default('extractive'),
  /** Length the summary aims at, in words; an extractive summary never goes past twice it. @default 40 */
  words: z.int().min(5).max(1000).default(40),
  /** Most sentences an extractive summary picks. @default 3 */
  sentences: z.int().min(1).max(20).default(3),
  /** Abstractive: model folder under `models/`, `owner/name`. @default Xenova/distilbart-cnn-6-6 */
  model: z.string().regex(modelIdPattern, { error: 'a model id `owner/name`' }).default('Xenova/distilbart-cnn-6-6'),
  /** Abstractive: weights to load. @default q8 */
  dtype: z.enum(dtypes).default('q8'),
  /** Abstractive: beam width; 1 is greedy decoding, the fastest. @default 4 */
  beams: z.int().min(1).max(8).default(4),
  /** Abstractive: longest chunk of the article sent to the model at once, in tokens. @default 1000 */
  maxInputTokens: z.int().min(16).max(16384).default(1000),
});

export type SummarizeOptions = z.output<typeof summarizeOptions>;


export default defineStage({
  name: 'summarize',
  summary: "Puts a summary on top: the article's key sentences in both languages, or a model's English summary",
  requires: ['read'],
  options: summarizeOptions,
  withoutModels: 'set the `summarize` stage to `method: extractive`, which needs no model',
  models: (options) => (options.method === 'abstractive' ? [{ model: options.model, dtype: options.dtype }] : []),
  async create(options, setup) {
    const extractive = (article: Article, notes: Note[] = article.notes): Article => {
      const language = languageOf(article);
      return { ...article, notes, summary: { method: 'extractive', language, items: summarizeExtractive(article, language, options) } };
    };
    if (options.method === 'extractive') return (article) => extractive(article);

    const summarizer = await setup.models.summarizer({ model: options.model, dtype: options.dtype });
    return async (article) => {
      const english = englishSentences(article);
      if (!english.length) {
        return extractive(article, [...article.notes, {
          stage: 'summarize',
          message: 'no English text to summarize (put `translate` before `summarize`, or the article is not in English): the summary picks its own sentences instead',
        }]);
      }
      return abstractive(article, english, summarizer, options);
    };
  },
});

async function abstractive(article: Article, english: string[], summarizer: Summarizer, options: SummarizeOptions): Promise<Article> {
  const result = await summarizeAbstractive(english, summarizer, {
    // The model's own length cap (its max_length), as it was trained and published with.
    settings: { beams: options.beams },
    limit: Math.min(options.maxInputTokens, summarizer.maxInputTokens),
    batchSize: 4,
  });
  // The guard reads both sides: a name or number in the French is supported even if the translation mangled it.
  const sources = [...english, ...article.blocks.map((block) => block.text)];
  const { kept, dropped } = checkSupport(result.sentences, sources);
  const notes: Note[] = [...article.notes];
  for (const repeat of result.repeats) notes.push({ stage: 'summarize', message: `dropped a generated sentence that repeats an earlier one: “${repeat}”` });
  if (result.chunks > 1) notes.push({ stage: 'summarize', message: `read in ${result.chunks} chunks of the model's ${summarizer.maxInputTokens}-token window, summarized in ${result.rounds} rounds` });
  for (const { sentence, missing } of dropped) {
    notes.push({ stage: 'summarize', message: `dropped a generated sentence stating ${missing.map((item) => `“${item}”`).join(', ')}, not in the source: “${sentence}”` });
  }
  const summary: Summary = { method: 'abstractive', language: 'eng', items: [], sentences: kept, model: summarizer.label };
  return { ...article, notes, summary, models: { ...article.models, summarize: summarizer.label } };
}

/** The article's language when known; French otherwise, as the batches bitext is made for are. */
function languageOf(article: Article): string {
  const code = article.language?.code;
  return code && code !== 'und' ? code : 'fra';
}

/** The article's English, sentence by sentence: the translation where there is one, English text as written. */
function englishSentences(article: Article): string[] {
  return article.blocks.flatMap((block) =>
    block.sentences.flatMap((sentence) => {
      if (sentence.translation !== undefined) return [sentence.translation];
      return (sentence.language ?? block.language ?? article.language)?.code === 'eng' ? [sentence.text] : [];
    }),
  );
}
