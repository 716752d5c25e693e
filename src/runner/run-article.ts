import { type Article } from '../article.js';
import { isRunError, StageError } from '../errors.js';
import { hashRegularFile, unreadable } from '../files/regular-file.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Digest } from './digest.js';
import type { EventSink } from './events.js';
import { articleFingerprint } from './fingerprint.js';
import type { PlannedArticle } from './inputs.js';
import type { OutputFolder } from './output-folder.js';
import { contentRecord } from './record.js';
import type { ArticleRecord } from './report.js';

/** What sorting an article needs, the same for every article of a run, local or queued (no pipeline: no model). */
export interface ArticleSort {
  /** The extensions of the files written for each article. */
  writes: readonly string[];
  /** The most bytes the read stage takes. */
  maxBytes: number;
  folder: OutputFolder;
  digest: Digest;
  /** The run's fingerprint: config, models, glossary, version. */
  fingerprint: string;
  force: boolean;
  signal: AbortSignal;
  emit: EventSink;
  /** An output file of the folder (`x.md`) as the user is shown it. */
  shown(file: string): string;
}

/** What running an article's stages needs: the pipeline, created once, and where its outputs and news go. */
export interface ArticleRun {
  pipeline: Pipeline;
  folder: OutputFolder;
  digest: Digest;
  signal: AbortSignal;
  emit: EventSink;
}

/** An article that needs its stages run: its record, its fingerprint, and the files its writing stages write. */
export interface Work {
  planned: Pick<PlannedArticle, 'path' | 'name'>;
  record: ArticleRecord;
  fingerprint: string;
  files: readonly string[];
}

/**
 * Decides what an article needs, before anything runs: nothing when its outputs are what bitext wrote under the same
 * fingerprint (`unchanged`, reported with what was kept of it) or were edited by hand (`edited`, kept), unless
 * `force`; a failure when it cannot be read; else its work. Undefined when its record is settled.
 */
export async function sortArticle(planned: PlannedArticle, record: ArticleRecord, run: ArticleSort): Promise<Work | undefined> {
  if (run.signal.aborted) return undefined;
  if (planned.problem) {
    failArticle(record, run.emit, 'read', planned.problem);
    return undefined;
  }
  let sha256: string | undefined;
  try {
    // A file larger than read takes is not hashed: the read stage refuses it, saying why.
    sha256 = await hashRegularFile(planned.path, { maxBytes: run.maxBytes, signal: run.signal });
  } catch (error) {
    if (!run.signal.aborted) failArticle(record, run.emit, 'read', unreadable(error));
    return undefined;
  }
  // Without a hash (a file too large to read), nothing can match: the article runs, and its reading fails.
  const fingerprint = articleFingerprint(run.fingerprint, sha256 ?? 'unread');
  const files = run.folder.files(planned.name, run.writes);
  if (run.force || !sha256) return { planned, record, fingerprint, files };
  const found = await run.folder.standing(files, fingerprint);
  if ('unreadable' in found) {
    failArticle(record, run.emit, 'write', found.unreadable);
    return undefined;
  }
  const { standing, notWritten } = found;
  if (standing === 'due') return { planned, record, fingerprint, files };
  // An unchanged article is skipped only if what was kept of it can be reported; else it is redone, once.
  const kept = standing === 'unchanged' ? await run.digest.recall(planned.name, fingerprint) : undefined;
  if (standing === 'unchanged' && !kept) return { planned, record, fingerprint, files };
  const status = standing === 'unchanged' ? 'unchanged' : 'edited';
  Object.assign(record, { status, ...(kept ? kept.record : {}), ...(standing === 'unrecorded' ? { reason: 'bitext has no record of writing its output (another tool\'s, or the record was lost)' } : {}) });
  // The outputs edited are named, not only the first (`x.html` edited, `x.md` as written).
  run.emit({ type: 'article-skipped', file: record.source, output: record.output, status, recorded: standing !== 'unrecorded', ...(notWritten.length ? { kept: notWritten.map(run.shown) } : {}) });
  return undefined;
}

/**
 * Runs an article's stages, in a local run or on a worker: written or failed, in its record; its outputs written
 * through the output folder under its fingerprint, what the digest keeps of it before them. A run error is handed
 * back to stop the run (or the worker).
 */
export async function runArticle(work: Work, run: ArticleRun): Promise<{ words: number; fatal?: unknown }> {
  const { planned, record, fingerprint, files } = work;
  const file = record.source;
  const started = performance.now();
  let stage = 'read';
  let article: Article;
  run.emit({ type: 'article-start', file });
  try {
    article = await run.pipeline.process({ kind: 'file', path: planned.path, display: file }, {
      signal: run.signal,
      write: (extension, content) => run.folder.write(`${planned.name}${extension}`, content, fingerprint, stage),
      onStage(event) {
        stage = event.stage;
        if (event.phase === 'start') run.emit({ type: 'stage-start', file, stage: event.stage });
        else record.timings_ms[event.stage] = Math.round(event.milliseconds);
      },
      onProgress: (done) => run.emit({ type: 'article-progress', file, ...done }),
      beforeWriting: (final) => run.digest.remember(planned.name, fingerprint, files, final),
    });
  } catch (error) {
    if (run.signal.aborted && error === run.signal.reason) return { words: 0 };
    if (error instanceof StageError) failArticle(record, run.emit, error.stage, error.message);
    else if (isRunError(error)) {
      failArticle(record, run.emit, stage, error.message);
      return { words: 0, fatal: error };
    } else failArticle(record, run.emit, stage, `internal error: ${(error as Error)?.message ?? String(error)}`, (error as Error)?.stack ?? String(error));
    return { words: 0 };
  }
  const content = contentRecord(article);
  Object.assign(record, { status: 'written', ...content });
  run.emit({ type: 'article-end', file, output: record.output, words: content.words, milliseconds: performance.now() - started, notes: article.notes.length });
  return { words: content.words };
}

/** Records an article as failed in a stage, and says so. */
export function failArticle(record: ArticleRecord, emit: EventSink, stage: string, message: string, stack?: string): void {
  Object.assign(record, { status: 'failed', stage, reason: message, ...(stack ? { stack } : {}) });
  emit({ type: 'article-failed', file: record.source, stage, message, ...(stack ? { stack } : {}) });
}
