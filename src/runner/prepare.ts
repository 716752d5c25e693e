import type { ResolvedConfig } from '../config/resolve.js';
import type { ModelProvider } from '../models/provider.js';
import { registry } from '../stages/index.js';
import type { PreparedStage } from './run-pipeline.js';

/** Configures every stage once for the run, in order: models are loaded here, before any article is read. */
export async function prepareStages(config: ResolvedConfig, models: ModelProvider): Promise<PreparedStage[]> {
  const names = config.stages.map((stage) => stage.name);
  const prepared: PreparedStage[] = [];
  for (const stage of config.stages) {
    const definition = registry.get(stage.name)!;
    prepared.push({ name: stage.name, run: await definition.create(stage.options, { models, stages: names, ...(config.cache ? { cache: config.cache } : {}) }) });
  }
  return prepared;
}
