import type { ModelProvider, ModelRequest, TranslationSettings, Translator } from '../../src/models/provider.js';

/** What the fake translator was asked, for tests to inspect. */
export interface FakeCalls {
  loads: ModelRequest[];
  batches: string[][];
  settings: TranslationSettings[];
}

/**
 * A deterministic stand-in for a translation model: "translates" by tagging each word (`mot` → `mot·en`), counts one
 * token per word, and reads at most `maxInputTokens` of them. The real model path is tested on generated ONNX models.
 */
export function fakeModels(options: { maxInputTokens?: number } = {}): { provider: () => ModelProvider; calls: FakeCalls } {
  const calls: FakeCalls = { loads: [], batches: [], settings: [] };
  const provider = (): ModelProvider => ({
    async translator(request) {
      calls.loads.push(request);
      const translator: Translator = {
        label: `${request.model} (${request.dtype})`,
        maxInputTokens: options.maxInputTokens ?? 511,
        countTokens: async (texts) => texts.map(countTokens),
        async translate(texts, settings) {
          calls.batches.push([...texts]);
          calls.settings.push(settings);
          for (const text of texts) {
            if (countTokens(text) > translator.maxInputTokens) throw new Error(`fake model: ${countTokens(text)} tokens is over the limit`);
          }
          return texts.map(fakeTranslation);
        },
      };
      return translator;
    },
    dispose: async () => undefined,
  });
  return { provider, calls };
}

export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The fake's English for a French text. */
export function fakeTranslation(text: string): string {
  return text.split(/\s+/).filter(Boolean).map((word) => `${word}·en`).join(' ');
}
