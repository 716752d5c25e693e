import type { z } from 'zod';
import type { Article } from '../article.js';
import type { ModelProvider, ModelRequest } from '../models/provider.js';

/** What a stage gets once per run, when it is configured. */
export interface StageSetup {
  models: ModelProvider;
  /** Folder a stage may keep results in across runs (the config's `cache`); none means in memory only. */
  cache?: string;
  /** Names of all stages in the run, in order. */
  stages: readonly string[];
}

/** What a stage gets for each article. */
export interface ArticleContext {
  signal?: AbortSignal;
}

/** Runs once per article; returns the updated article. */
export type StageRun = (article: Article, context: ArticleContext) => Promise<Article> | Article;

/**
 * A pipeline stage: a name, an options schema, and `create`, which runs once per run (load a model, compile a
 * pattern) and returns the function that then runs per article.
 */
export interface StageDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  /** One line for `--help` and the configuration reference. */
  summary: string;
  /** Stages that must come earlier in the list when this one is used. */
  requires: readonly string[];
  /** Writes the results: nothing may come after it. */
  sink?: boolean;
  options: Schema;
  /** The models `create` will load with these options, so that they can be checked or fetched before the run. */
  models?(options: z.output<Schema>): ModelRequest[];
  create(options: z.output<Schema>, setup: StageSetup): Promise<StageRun> | StageRun;
}

/** Declares a stage with its option types inferred from the schema. */
export function defineStage<Schema extends z.ZodType>(definition: StageDefinition<Schema>): StageDefinition<Schema> {
  return definition;
}
