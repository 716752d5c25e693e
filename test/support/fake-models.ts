import type { ModelProvider, ModelRequest, Summarizer, SummarySettings, Translation, TranslationSettings, Translator } from '../../src/models/provider.js';

/** What the fake translator was asked, for tests to inspect. */
export interface FakeCalls {
  loads: ModelRequest[];
  batches: string[][];
  settings: TranslationSettings[];
  /** The terms each batch's texts were to hold (`[]` each when none). */
  terms: string[][][];
  /** Texts the fake summarizer was given, batch by batch. */
  summaries: string[][];
  summarySettings: SummarySettings[];
}

/**
 * Deterministic stand-ins for the models. The translator "translates" by tagging each word (`mot` → `mot·en`), or
 * as `translate` says (to give empty outputs or unknown words), counts one token per word, and reads at most
 * `maxInputTokens` of them; it can write every glossary term but those of `cannotWrite`; the summarizer answers each text with its first sentence (or `summarize`). The real
 * model path is tested on generated ONNX models.
 */
export function fakeModels(options: { maxInputTokens?: number; summarize?: (text: string) => string; translate?: (text: string) => Translation; cannotWrite?: string[] } = {}): { provider: () => ModelProvider; calls: FakeCalls } {
  const calls: FakeCalls = { loads: [], batches: [], settings: [], terms: [], summaries: [], summarySettings: [] };
  const provider = (): ModelProvider => ({
    async translator(request) {
      calls.loads.push(request);
      const translator: Translator = {
        label: `${request.model} (${request.dtype})`,
        identity: `${request.model} (${request.dtype})`,
        maxInputTokens: options.maxInputTokens ?? 511,
        countTokens: async (texts) => texts.map(countTokens),
        async translate(texts, settings, _lengths, terms) {
          calls.batches.push([...texts]);
          calls.settings.push(settings);
          calls.terms.push(texts.map((_, index) => [...(terms?.[index] ?? [])]));
          for (const text of texts) {
            if (countTokens(text) > translator.maxInputTokens) throw new Error(`fake model: ${countTokens(text)} tokens is over the limit`);
          }
          return texts.map(options.translate ?? ((text) => translated(fakeTranslation(text))));
        },
        prepareTerms: async (terms) => terms.filter((term) => options.cannotWrite?.includes(term)),
      };
      return translator;
    },
    async summarizer(request) {
      calls.loads.push(request);
      const summarizer: Summarizer = {
        label: `${request.model} (${request.dtype})`,
        maxInputTokens: options.maxInputTokens ?? 1023,
        countTokens: async (texts) => texts.map(countTokens),
        async summarize(texts, settings) {
          calls.summaries.push([...texts]);
          calls.summarySettings.push(settings ?? {});
          for (const text of texts) {
            if (countTokens(text) > summarizer.maxInputTokens) throw new Error(`fake model: ${countTokens(text)} tokens is over the limit`);
          }
          return texts.map(options.summarize ?? fakeSummary);
        },
      };
      return summarizer;
    },
    dispose: async () => undefined,
  });
  return { provider, calls };
}

export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The fake's summary of a text: its first sentence. */
export function fakeSummary(text: string): string {
  return /^.*?[.!?](?=\s|$)/su.exec(text)?.[0] ?? text;
}

/** A translation with nothing to report: not empty, no unknown words. */
export function translated(text: string): Translation {
  return { text, empty: text === '', unknown: { restored: [], missing: 0 } };
}

/** The fake's English for a French text. */
export function fakeTranslation(text: string): string {
  return text.split(/\s+/).filter(Boolean).map((word) => `${word}·en`).join(' ');
}
