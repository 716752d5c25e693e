import PQueue from 'p-queue';
import { articleWords, createArticle, type Article } from '../article.js';
import { StageError } from '../errors.js';
import type { StageRun } from '../stages/stage.js';
import type { EventSink } from './events.js';
import type { PlannedArticle } from './inputs.js';

/** A configured stage, ready to run per article. */
export interface PreparedStage {
  name: string;
  run: StageRun;
}

export interface RunOutcome {
  written: Article[];
  failed: { file: string; stage: string; message: string }[];
  words: number;
  milliseconds: number;
}

/**
 * Runs every article through the stages, `concurrency` articles at a time on one queue. An article that fails in a
 * stage is reported and skipped; the others go on.
 */
export async function runPipeline(options: {
  articles: readonly (PlannedArticle & { display: string })[];
  stages: readonly PreparedStage[];
  concurrency: number;
  output: string;
  emit: EventSink;
  signal?: AbortSignal;
}): Promise<RunOutcome> {
  const { articles, stages, emit, signal } = options;
  const started = performance.now();
  const queue = new PQueue({ concurrency: options.concurrency });
  const written: Article[] = [];
  const failed: RunOutcome['failed'] = [];
  let words = 0;
  emit({ type: 'run-start', total: articles.length, concurrency: options.concurrency });

  const process = async (planned: (typeof articles)[number]) => {
    const articleStarted = performance.now();
    let article = createArticle({ path: planned.path, display: planned.display }, planned.output);
    emit({ type: 'article-start', file: planned.display });
    for (const stage of stages) {
      if (signal?.aborted) return;
      emit({ type: 'stage-start', file: planned.display, stage: stage.name });
      const stageStarted = performance.now();
      try {
        article = await stage.run(article, { signal });
      } catch (error) {
        // A StageError is the article's fault; anything else is a bug, reported as such with its stack kept.
        const message = error instanceof StageError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
        failed.push({ file: planned.display, stage: stage.name, message });
        emit({ type: 'article-failed', file: planned.display, stage: stage.name, message, error });
        return;
      }
      article.timings = { ...article.timings, [stage.name]: performance.now() - stageStarted };
      article.stages = [...article.stages, stage.name];
    }
    const count = articleWords(article);
    words += count;
    written.push(article);
    emit({
      type: 'article-end',
      file: planned.display,
      output: planned.output,
      words: count,
      milliseconds: performance.now() - articleStarted,
      notes: article.notes.length,
    });
  };

  await queue.addAll(articles.map((planned) => () => process(planned)));
  const milliseconds = performance.now() - started;
  emit({ type: 'run-end', written: written.length, failed: failed.length, words, milliseconds, output: options.output });
  return { written, failed, words, milliseconds };
}
