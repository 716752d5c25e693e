import PQueue from 'p-queue';
import { articleWords, createArticle, formatNote } from '../article.js';
import { StageError } from '../errors.js';
import type { ArticleRecord } from '../report/run-report.js';
import type { StageRun } from '../stages/stage.js';
import type { EventSink } from './events.js';
import { articleFingerprint, fileSha256, recordedFingerprint } from './fingerprint.js';
import type { PlannedArticle } from './inputs.js';

/** A configured stage, ready to run per article. */
export interface PreparedStage {
  name: string;
  run: StageRun;
}

export interface RunOutcome {
  /** One record per planned article, in the planned order. */
  records: ArticleRecord[];
  words: number;
  milliseconds: number;
}

/**
 * Runs every article through the stages, `concurrency` articles at a time on one queue. An article whose output
 * records the same fingerprint (input, config and models unchanged) is skipped unless `force`. An article that
 * fails in a stage is reported and left; the others go on. Articles not started when `signal` aborts are `not-run`.
 */
export async function runPipeline(options: {
  articles: readonly (PlannedArticle & { display: string; outputDisplay: string })[];
  stages: readonly PreparedStage[];
  concurrency: number;
  output: string;
  /** The run's fingerprint (see fingerprint.ts). */
  fingerprint: string;
  force?: boolean;
  emit: EventSink;
  signal?: AbortSignal;
}): Promise<RunOutcome> {
  const { articles, stages, emit, signal } = options;
  const started = performance.now();
  const queue = new PQueue({ concurrency: options.concurrency });
  const records: ArticleRecord[] = articles.map((planned) => ({ source: planned.display, output: planned.outputDisplay, status: 'not-run', warnings: [], timings_ms: {} }));
  let words = 0;
  emit({ type: 'run-start', total: articles.length, concurrency: options.concurrency });

  const process = async (planned: (typeof articles)[number], record: ArticleRecord) => {
    if (signal?.aborted) return;
    if (planned.problem) {
      Object.assign(record, { status: 'failed', stage: 'read', reason: planned.problem });
      emit({ type: 'article-failed', file: planned.display, stage: 'read', message: planned.problem, error: undefined });
      return;
    }
    if (!options.force) {
      const sha256 = await fileSha256(planned.path);
      if (sha256 && (await recordedFingerprint(planned.output)) === articleFingerprint(options.fingerprint, sha256)) {
        record.status = 'unchanged';
        emit({ type: 'article-skipped', file: planned.display, output: planned.outputDisplay });
        return;
      }
    }
    const articleStarted = performance.now();
    let article = createArticle({ path: planned.path, display: planned.display }, planned.output);
    const keep = (status: ArticleRecord['status']) => {
      record.status = status;
      record.encoding = article.source.encoding || undefined;
      record.warnings = article.notes.map(formatNote);
      record.timings_ms = Object.fromEntries(Object.entries(article.timings).map(([stage, ms]) => [stage, Math.round(ms)]));
    };
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
        keep('failed');
        Object.assign(record, { stage: stage.name, reason: message });
        emit({ type: 'article-failed', file: planned.display, stage: stage.name, message, error });
        return;
      }
      article.timings = { ...article.timings, [stage.name]: performance.now() - stageStarted };
      article.stages = [...article.stages, stage.name];
      // Once read, the article knows its input's hash: its fingerprint goes into the front matter.
      if (article.source.sha256 && !article.fingerprint) article.fingerprint = articleFingerprint(options.fingerprint, article.source.sha256);
    }
    const count = articleWords(article);
    words += count;
    keep('written');
    record.words = count;
    emit({
      type: 'article-end',
      file: planned.display,
      output: planned.outputDisplay,
      words: count,
      milliseconds: performance.now() - articleStarted,
      notes: article.notes.length,
    });
  };

  await queue.addAll(articles.map((planned, index) => () => process(planned, records[index]!)));
  const milliseconds = performance.now() - started;
  const count = (status: ArticleRecord['status']) => records.filter((record) => record.status === status).length;
  emit({ type: 'run-end', written: count('written'), unchanged: count('unchanged'), failed: count('failed'), words, milliseconds, output: options.output });
  return { records, words, milliseconds };
}
