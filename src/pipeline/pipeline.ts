import { createArticle, type Article, type Source } from '../article.js';
import { ModelError } from '../errors.js';
import type { Glossary } from '../glossary/glossary.js';
import type { ModelProvider } from '../models/provider.js';
import type { StageConfig } from '../stages/index.js';
import type { ArticleContext, StageRun } from '../stages/stage.js';
import { registry } from './check.js';

/** What every stage of a pipeline shares for the run. */
export interface PipelineSetup {
  models: ModelProvider;
  /** Folder stages may keep results in across runs; none: in memory only. */
  cache?: string;
  /** Receives what stages have to say about the whole run (a cache that cannot be used). */
  warn?(message: string): void;
  /** Stages the command cannot do without (`translate` for `bitext translate`): no advice to leave them out. */
  essential?: readonly string[];
  glossary?: Glossary;
}

/** A stage starting or ending on an article, for whoever keeps the time and shows progress. */
export type StageEvent = { stage: string; phase: 'start' } | { stage: string; phase: 'end'; milliseconds: number };

export interface ProcessOptions {
  /** Checked between stages: once aborted, no further stage starts and `process` rejects with its reason. */
  signal?: AbortSignal;
  /** Where the writing stages put their files (see `ArticleContext.write`). */
  write?: ArticleContext['write'];
  onStage?(event: StageEvent): void;
  /** See `ArticleContext.progress`. */
  onProgress?: ArticleContext['progress'];
  /**
   * Given the article once its content is final, as the first stage that writes files starts (before it writes):
   * what the runner keeps of it is then on disk before any output is.
   */
  beforeWriting?(article: Article): Promise<void>;
}

/** Stages created once for a run, ready to process any number of sources. */
export interface Pipeline {
  readonly stages: readonly StageConfig[];
  /** The extensions of the files written for each article (`.md`). */
  readonly writes: readonly string[];
  /** Runs a source through every stage, in order: a file, or a piece of text. */
  process(source: Source, options?: ProcessOptions): Promise<Article>;
}

/**
 * Creates each stage once, in order: models are loaded here, before any article is read. A model that cannot be
 * loaded stops it with the model's reason and what the stage could do without it.
 */
export async function createPipeline(stages: readonly StageConfig[], setup: PipelineSetup): Promise<Pipeline> {
  const names = stages.map((stage) => stage.name);
  const runs: { name: string; run: StageRun }[] = [];
  for (const stage of stages) {
    const definition = registry.get(stage.name)!;
    try {
      const run = await definition.create(stage.options, {
        models: setup.models,
        stages: names,
        warn: setup.warn ?? (() => undefined),
        ...(setup.cache ? { cache: setup.cache } : {}),
        ...(setup.glossary ? { glossary: setup.glossary } : {}),
      });
      runs.push({ name: stage.name, run });
    } catch (error) {
      if (error instanceof ModelError && definition.withoutModels && !setup.essential?.includes(stage.name)) {
        throw new ModelError(`${error.message.replace(/\.$/, '')}; or, to go on without it, ${definition.withoutModels}.`, { cause: error });
      }
      throw error;
    }
  }
  return {
    stages,
    writes: stageWrites(stages),
    async process(source, options = {}) {
      let article = createArticle(source);
      const context: ArticleContext = { source, ...(options.signal ? { signal: options.signal } : {}), ...(options.write ? { write: options.write } : {}), ...(options.onProgress ? { progress: options.onProgress } : {}) };
      let writing = false;
      for (const { name, run } of runs) {
        // Once an article's outputs are being written, its other writers finish too (they take milliseconds): an
        // interrupted run never leaves an article with its Markdown written and its page not.
        if (!writing) options.signal?.throwIfAborted();
        options.onStage?.({ stage: name, phase: 'start' });
        const started = performance.now();
        if (!writing && registry.get(name)!.writes && options.write) {
          writing = true;
          await options.beforeWriting?.(article);
        }
        article = await run(article, context);
        options.onStage?.({ stage: name, phase: 'end', milliseconds: performance.now() - started });
      }
      return article;
    },
  };
}

/** The extensions of the files the stages write for each article, in order, known without creating any stage. */
export function stageWrites(stages: readonly StageConfig[]): string[] {
  return stages.flatMap((stage) => {
    const writes = registry.get(stage.name)!.writes ?? [];
    return typeof writes === 'function' ? writes(stage.options) : writes;
  });
}
