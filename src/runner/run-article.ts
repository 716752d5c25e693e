import { articleWords, formatNote, type Article } from '../article.js';
import { isRunError, StageError } from '../errors.js';
import { hashRegularFile, unreadable } from '../files/regular-file.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Digest } from './digest.js';
import type { EventSink } from './events.js';
import { articleFingerprint } from './fingerprint.js';
import type { PlannedArticle } from './inputs.js';
import type { OutputFolder } from './output-folder.js';
import { countFlags, type ArticleRecord } from './report.js';

/** What checking an article against its outputs needs from its run. */
export interface ArticleCheck {
  folder: OutputFolder;
  digest: Digest;
  /** The run's fingerprint: an article's adds its input's SHA-256. */
  fingerprint: string;
  /** The extensions of the files written for each article. */
  writes: readonly string[];
  /** The most bytes the read stage takes. */
  maxBytes: number;
  force: boolean;
  signal: AbortSignal;
  emit: EventSink;
}

/** What processing an article needs: the pipeline, created once, and where its outputs go. */
export interface ArticleWork {
  pipeline: Pipeline;
  folder: OutputFolder;
  digest: Digest;
  /** The article's own fingerprint, under which its outputs are recorded. */
  fingerprint: string;
  signal: AbortSignal;
  emit: EventSink;
}

/** How an article went: the words it wrote, and a run error (a model, the output folder) that stops its run. */
export interface ArticleOutcome {
  words: number;
  fatal?: unknown;
}

/** One article of a local run: checked against its outputs, then, when it is due, processed. */
export async function runArticle(planned: PlannedArticle, record: ArticleRecord, run: ArticleCheck & { pipeline: Pipeline }): Promise<ArticleOutcome> {
  const due = await checkArticle(planned, record, run);
  if (!due) return { words: 0 };
  return processArticle(planned, record, { ...run, fingerprint: due.fingerprint });
}

/**
 * Whether an article needs work: one that cannot be read fails at once; one whose outputs are what bitext wrote under
 * the same fingerprint is skipped (`unchanged`), one whose output was edited by hand is kept (`edited`), unless
 * `force`; each so in its record. Due: its fingerprint and its input's SHA-256 (none when it is too large to hash).
 */
export async function checkArticle(planned: PlannedArticle, record: ArticleRecord, run: ArticleCheck): Promise<{ fingerprint: string; sha256?: string } | undefined> {
  const file = record.source;
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
  if (!run.force && sha256) {
    const files = run.folder.files(planned.name, run.writes);
    const standing = await run.folder.standing(files, fingerprint);
    if (typeof standing === 'object') {
      failArticle(record, run.emit, 'write', standing.unreadable);
      return undefined;
    }
    // An unchanged article is skipped only if the digest can list it as it is; else it is redone, once.
    if (standing === 'edited' || standing === 'unrecorded' || (standing === 'unchanged' && (await run.digest.recall(planned.name, fingerprint)))) {
      const status = standing === 'unchanged' ? 'unchanged' : 'edited';
      Object.assign(record, { status, ...(standing === 'unrecorded' ? { reason: 'bitext has no record of writing its output (another tool\'s, or the record was lost)' } : {}) });
      run.emit({ type: 'article-skipped', file, output: record.output, status, recorded: standing !== 'unrecorded' });
      return undefined;
    }
  }
  return { fingerprint, ...(sha256 ? { sha256 } : {}) };
}

/**
 * Runs an article through the pipeline, its outputs written through the output folder under its fingerprint and what
 * the digest shows of it kept before them; the record says how it went. A run error is handed back, not thrown.
 */
export async function processArticle(planned: Pick<PlannedArticle, 'path' | 'name'>, record: ArticleRecord, run: ArticleWork): Promise<ArticleOutcome> {
  const file = record.source;
  const files = run.folder.files(planned.name, run.pipeline.writes);
  const started = performance.now();
  let stage = 'read';
  let article: Article;
  run.emit({ type: 'article-start', file });
  try {
    article = await run.pipeline.process({ kind: 'file', path: planned.path, display: file }, {
      signal: run.signal,
      write: (extension, content) => run.folder.write(`${planned.name}${extension}`, content, run.fingerprint, stage),
      onStage(event) {
        stage = event.stage;
        if (event.phase === 'start') run.emit({ type: 'stage-start', file, stage: event.stage });
        else record.timings_ms[event.stage] = Math.round(event.milliseconds);
      },
      onProgress: (done) => run.emit({ type: 'article-progress', file, ...done }),
      beforeWriting: (final) => run.digest.remember(planned.name, run.fingerprint, files, final),
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
  const words = articleWords(article);
  const flags = article.blocks.flatMap((block) => block.sentences.flatMap((sentence, index) =>
    (sentence.flags ?? []).map((flag) => ({ paragraph: block.id, sentence: index + 1, ...flag }))));
  Object.assign(record, { status: 'written', words, encoding: article.source.encoding, warnings: article.notes.map(formatNote), ...(flags.length ? { flags, flagged: countFlags(flags) } : {}), ...(article.names ? { names: Object.fromEntries(article.names.map((use) => [use.name, use.renderings])) } : {}) });
  run.emit({ type: 'article-end', file, output: record.output, words, milliseconds: performance.now() - started, notes: article.notes.length });
  return { words };
}

/** Records an article as failed in a stage, and says so. */
export function failArticle(record: ArticleRecord, emit: EventSink, stage: string, message: string, stack?: string): void {
  Object.assign(record, { status: 'failed', stage, reason: message, ...(stack ? { stack } : {}) });
  emit({ type: 'article-failed', file: record.source, stage, message, ...(stack ? { stack } : {}) });
}
