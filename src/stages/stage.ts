import type { Glossary } from '../glossary/glossary.js';
import type { z } from 'zod';
import type { Article, Source } from '../article.js';
import type { ModelProvider, ModelRequest } from '../models/provider.js';

/** What a stage gets once per run, when it is configured. */
export interface StageSetup {
  models: ModelProvider;
  /** Folder a stage may keep results in across runs (the config's `cache`); none means in memory only. */
  cache?: string;
  /** Names of all stages in the run, in order. */
  stages: readonly string[];
  /** Tells the user something about the whole run once (a cache that cannot be used); stages never print. */
  warn(message: string): void;
  /** The run's glossary (the config's `glossary`), read and checked once. */
  glossary?: Glossary;
}

/** What a stage gets for each article, besides the article. */
export interface ArticleContext {
  /** Where the article comes from: `read` reads it. */
  source: Source;
  signal?: AbortSignal;
  /**
   * Writes one of the article's output files, named by one of the extensions the stage declares in `writes`; the
   * runner decides where, writes atomically and keeps the record. Absent when nothing is written (`bitext detect`).
   */
  write?(extension: string, content: string): Promise<void>;
  /**
   * Told how far the article's long work (its translation) has gone: `words` of `of` source words done, first with
   * 0, then as they are done. For the progress line only; absent when nobody shows progress.
   */
  progress?(done: { words: number; of: number }): void;
}

/** Runs once per article; returns the updated article. */
export type StageRun = (article: Article, context: ArticleContext) => Promise<Article> | Article;

/**
 * A pipeline stage: a name, an options schema, and `create`, which runs once per run (load a model, compile a
 * pattern) and returns the function that then runs per article.
 */
export interface StageDefinition<Schema extends z.ZodType = z.ZodType, Name extends string = string> {
  name: Name;
  /** One line for `--help` and the configuration reference. */
  summary: string;
  /** Stages that must come earlier in the list when this one is used. */
  requires: readonly string[];
  /** Stages that, when they are used, must come earlier in the list (what this one reads if it is there). */
  after?: readonly string[];
  /**
   * The extensions of the files the stage writes (`.md`), or what they are with these options: it is a sink, and
   * nothing but another sink may come after it.
   */
  writes?: readonly string[] | ((options: z.output<Schema>) => readonly string[]);
  options: Schema;
  /** The models `create` will load with these options, so that they can be checked or fetched before the run. */
  models?(options: z.output<Schema>): ModelRequest[];
  /** How to do without those models, told when one cannot be loaded: `remove the \`translate\` stage …`. */
  withoutModels?: string;
  create(options: z.output<Schema>, setup: StageSetup): Promise<StageRun> | StageRun;
}

/** Declares a stage with its name and option types inferred. */
export function defineStage<const Name extends string, Schema extends z.ZodType>(definition: StageDefinition<Schema, Name>): StageDefinition<Schema, Name> {
  return definition;
}
