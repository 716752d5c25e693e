import type { Segment } from '../article.js';
import type { Translation, TranslationSettings, Translator, UnknownWords } from '../models/provider.js';
import { fitToLimit, type Unbreakable } from '../text/fit.js';
import { SentenceBatcher } from './batcher.js';
import { TranslationCache } from './cache.js';

export interface SentenceTranslation {
  /** The translations of its pieces, joined; `''` when the model gave nothing for any of them. */
  translation: string;
  /** The pieces the sentence was cut into to fit the model (one when whole), each with its translation, in order. */
  segments: Segment[];
  /** The model gave nothing for the sentence, or for one of its pieces (it ended at once): some source is untranslated. */
  empty: boolean;
  /** What became of the model's unknown token in its pieces, in order: source text put back, or `⟨?⟩` where none was found. */
  unknown: UnknownWords;
}

export interface TranslateOptions {
  settings: TranslationSettings;
  batchSize: number;
  /** Longest piece sent to the model, in tokens. */
  limit: number;
  /** Keeps translations across runs in this folder; in memory only without. */
  cacheFolder?: string;
  /** Told once when the cache folder cannot be used: translation goes on, kept in memory only. */
  warn?(message: string): void;
  /** The English a piece's translation must hold: the targets of the glossary terms it holds. */
  termsOf?(text: string): string[];
  /** Where a piece's glossary terms stand: a sentence cut to fit the model is never cut inside one. */
  termSpans?: Unbreakable;
}

/**
 * Translates lists of sentences: one result per sentence, in order; nothing is truncated. `done` is told the index
 * of each sentence as its translation is complete (in any order), for progress.
 */
export type SentenceTranslator = (sentences: readonly string[], done?: (index: number) => void) => Promise<SentenceTranslation[]>;

/**
 * Sets up translation for a run: each sentence is cut into pieces that fit the model; pieces translated before (same
 * text, terms, model and settings) come from the cache; the others go to one batcher shared by every caller, so sentences
 * of articles in flight together are batched together, by length. Each sentence's pieces are joined back.
 */
export async function createSentenceTranslator(translator: Translator, options: TranslateOptions): Promise<SentenceTranslator> {
  const cache = await TranslationCache.open(`${translator.identity}\u0000${JSON.stringify(options.settings)}`, options.cacheFolder, options.warn);
  const batcher = new SentenceBatcher((batch, terms) => translator.translate(batch, options.settings, undefined, terms), options.batchSize);
  // A piece already on its way to the model (from another article in flight) is waited for, not sent again.
  const inFlight = new Map<string, Promise<Translation>>();
  const translatePiece = (piece: string): Promise<Translation> => {
    // In the order the piece holds them: a term the model leaves out is put in where it would end, in that order.
    const terms = [...new Set(options.termsOf?.(piece) ?? [])];
    // A piece's translation depends on the terms it was held to: they are part of its key (none: the key as before).
    const key = terms.length ? `${piece}\u0000${[...terms].sort().join('\u0000')}` : piece;
    const cached = cache.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = batcher.translate(piece, terms).then((translation) => {
        cache.set(key, translation);
        return translation;
      });
      inFlight.set(key, pending);
      void pending.finally(() => inFlight.delete(key)).catch(() => undefined);
    }
    return pending;
  };
  const translate: SentenceTranslator = async (sentences, done) => {
    const pieces = await fitToLimit(sentences, options.limit, (texts) => translator.countTokens(texts), options.termSpans);
    const translated = await Promise.all(pieces.map(async (sentencePieces, index) => {
      const parts = await Promise.all(sentencePieces.map(translatePiece));
      done?.(index);
      return parts;
    }));
    await cache.save();
    return translated.map((parts, index) => ({
      translation: parts.map((part) => part.text).filter(Boolean).join(' '),
      segments: parts.map((part, piece) => ({ source: pieces[index]![piece]!, translation: part.text })),
      empty: parts.some((part) => part.empty),
      unknown: { restored: parts.flatMap((part) => part.unknown.restored), missing: parts.reduce((total, part) => total + part.unknown.missing, 0) },
    }));
  };
  return translate;
}
