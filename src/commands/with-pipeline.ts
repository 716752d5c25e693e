import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve.js';
import type { RunContext } from '../context.js';
import { defaultSource } from '../models/files.js';
import { createModelProvider } from '../models/provider.js';
import { fetchMissingModels } from './fetch-models.js';
import type { StageName } from '../pipeline/check.js';
import { chooseStages, type StageOverrides } from '../pipeline/choose.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';

/**
 * Runs `use` with a pipeline of the stages a command needs, configured as the config configures them (the defaults
 * without one) with the command's flags on top, created once; its models are released afterwards.
 */
export async function withPipeline<T>(
  context: RunContext,
  choice: { stages: readonly StageName[]; config: ResolvedConfig | undefined; overrides?: StageOverrides; models?: string; offline?: boolean; uncached?: boolean },
  use: (pipeline: Pipeline) => Promise<T>,
): Promise<T> {
  const stages = chooseStages(choice.stages, choice.config?.stages, choice.overrides);
  const directory = choice.config?.models ?? path.resolve(context.cwd, choice.models ?? 'models');
  // As `bitext run` does: models the stages lack are fetched once, unless offline.
  if (!context.models && !choice.offline && !choice.config?.offline) {
    await fetchMissingModels({ models: directory, source: choice.config?.source ?? defaultSource, stages }, context);
  }
  const models = (context.models ?? createModelProvider)({ directory });
  try {
    const pipeline = await createPipeline(stages, {
      models,
      // What the command is for cannot be left out.
      essential: choice.stages.filter((name) => name !== 'read'),
      warn: (message) => context.stderr.write(`warning: ${message}\n`),
      ...(choice.config?.cache && !choice.uncached ? { cache: choice.config.cache } : {}),
      ...(choice.config?.glossary ? { glossary: choice.config.glossary } : {}),
    });
    return await use(pipeline);
  } finally {
    await models.dispose();
  }
}
