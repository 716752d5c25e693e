import { ModelError } from '../errors.js';
import type { ModelProvider, ModelRequest } from './types.js';

export type { ModelProvider, ModelRequest, Summarizer, SummarySettings, Translation, TranslationSettings, Translator, UnknownWords } from './types.js';
export { unknownMarker } from './unknown.js';

/** A loader for one task; returns the model and how to release it. */
export type Loader<Model> = (request: ModelRequest) => Promise<{ model: Model; dispose(): Promise<void> }>;

/**
 * Memoizes loads as promises, so concurrent articles asking for the same model share one load; a failed load is
 * evicted so a later request can try again.
 */
export class ModelCache {
  #loads = new Map<string, Promise<{ model: unknown; dispose(): Promise<void> }>>();

  get<Model>(task: string, request: ModelRequest, load: Loader<Model>): Promise<Model> {
    const key = `${task}\u0000${request.model}\u0000${request.dtype}`;
    let pending = this.#loads.get(key);
    if (!pending) {
      pending = load(request);
      this.#loads.set(key, pending);
      pending.catch(() => this.#loads.delete(key));
    }
    return pending.then((loaded) => loaded.model as Model);
  }

  async dispose(): Promise<void> {
    const loads = [...this.#loads.values()];
    this.#loads.clear();
    const settled = await Promise.allSettled(loads);
    await Promise.all(settled.map((result) => (result.status === 'fulfilled' ? result.value.dispose() : undefined)));
  }
}

/**
 * The real provider: Transformers.js on onnxruntime-node, loading only from `directory`. Each model runs one batch at
 * a time on `threads` onnxruntime threads (default: every core), so that batches never compete for cores.
 */
export function createModelProvider(options: { directory: string; threads?: number }): ModelProvider {
  const cache = new ModelCache();
  return {
    async translator(request) {
      const { loadTranslator } = await import('./transformers.js');
      return cache.get('translation', request, (req) => loadTranslator(options.directory, req, options.threads));
    },
    async summarizer(request) {
      const { loadSummarizer } = await import('./transformers.js');
      return cache.get('summarization', request, (req) => loadSummarizer(options.directory, req, options.threads));
    },
    dispose: () => cache.dispose(),
  };
}

/** A provider for runs whose stages use no model: asking it for one is a bug. */
export const noModels: ModelProvider = {
  translator: () => Promise.reject(new ModelError('No model provider is configured for this run')),
  summarizer: () => Promise.reject(new ModelError('No model provider is configured for this run')),
  dispose: () => Promise.resolve(),
};
