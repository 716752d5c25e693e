import type { ResolvedConfig } from '../config/resolve.js';
import { registry } from '../stages/index.js';
import { seq2seqFiles, type Dtype } from './files.js';

/** A model a configured stage needs: which weights, which files, and which stages use it. */
export interface Requirement {
  model: string;
  dtype: Dtype;
  files: string[];
  stages: string[];
}

/** Files that help but are not needed (Transformers.js falls back to config.json without them). */
export const optionalFiles = ['generation_config.json'];

/** The models the config's stages load, one entry per (model, dtype). */
export function requiredModels(config: Pick<ResolvedConfig, 'stages'>): Requirement[] {
  const found = new Map<string, Requirement>();
  for (const stage of config.stages) {
    for (const { model, dtype } of registry.get(stage.name)?.models?.(stage.options) ?? []) {
      const key = `${model} ${dtype}`;
      const entry = found.get(key) ?? { model, dtype: dtype as Dtype, files: seq2seqFiles(dtype as Dtype), stages: [] };
      entry.stages.push(stage.name);
      found.set(key, entry);
    }
  }
  return [...found.values()];
}
