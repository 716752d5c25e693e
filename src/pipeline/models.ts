import { seq2seqFiles, type Dtype } from '../models/files.js';
import { registry, type StageConfig } from './check.js';

export type { StageConfig } from './check.js';

/** A model the chosen stages load: which weights, which files, and which stages use it. */
export interface ModelNeed {
  model: string;
  dtype: Dtype;
  files: string[];
  stages: string[];
}

/**
 * Files that help but are not needed: Transformers.js falls back to config.json without the generation config; a
 * Marian's `target.spm` segments glossary terms as it writes English (without it, its tokenizer does).
 */
export const optionalFiles = ['generation_config.json', 'target.spm'];

/** The models the stages load, one entry per (model, dtype), each with the files it needs. */
export function modelsOf(stages: readonly StageConfig[]): ModelNeed[] {
  const found = new Map<string, ModelNeed>();
  for (const stage of stages) {
    for (const { model, dtype } of registry.get(stage.name)?.models?.(stage.options) ?? []) {
      const key = `${model} ${dtype}`;
      const need = found.get(key) ?? { model, dtype: dtype as Dtype, files: seq2seqFiles(dtype as Dtype), stages: [] };
      need.stages.push(stage.name);
      found.set(key, need);
    }
  }
  return [...found.values()];
}
