import { open } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic.js';
import { tool } from '../version.js';

/** The report's name in the output folder. */
export const reportName = '_report.json';

/**
 * `written`; `unchanged` (skipped: input, config and models as when it was written, its output as bitext wrote it);
 * `edited` (its output was changed by hand since bitext wrote it: kept, not redone); `failed`; `not-run` (the run
 * ended before it).
 */
export type ArticleStatus = 'written' | 'unchanged' | 'edited' | 'failed' | 'not-run';

export const statuses: readonly ArticleStatus[] = ['written', 'unchanged', 'edited', 'failed', 'not-run'];

/** One article's line in the report: the runner's record of it. */
export interface ArticleRecord {
  source: string;
  output: string;
  status: ArticleStatus;
  /** With `failed`: the stage that failed and why; for a bug, its stack too. */
  stage?: string;
  reason?: string;
  stack?: string;
  words?: number;
  encoding?: string;
  /** Untranslated paragraphs, sentences cut to fit the model, encoding repairs, …: the article's notes. */
  warnings: string[];
  timings_ms: Record<string, number>;
}

/** How a run ended, besides its articles. */
export interface RunEnding {
  /** The signal that interrupted it (`SIGINT`, `SIGTERM`, `SIGHUP`). */
  interrupted?: string;
  /** Why it stopped before the end (a full disk, a model that stopped working, a bug). */
  stopped?: string;
  /** With a bug: where it happened, to report it. */
  stack?: string;
  exitCode: number | null;
}

export interface RunReport {
  tool: string;
  config: string;
  started: string;
  /** Null while the run is under way: a report left so was written by a run that was killed. */
  finished: string | null;
  exit_code: number | null;
  interrupted?: string;
  stopped?: string;
  stack?: string;
  /** Counts by status, words written, wall time. */
  summary: Record<ArticleStatus, number> & { articles: number; words: number; milliseconds: number };
  /** What the run has to say besides its articles: inputs skipped, a cache that could not be used. */
  warnings: string[];
  articles: ArticleRecord[];
}

/** Builds the report of a run from its article records; `ending` undefined while it runs. */
export function buildReport(options: { config: string; started: Date; records: readonly ArticleRecord[]; warnings: readonly string[]; milliseconds: number; ending?: RunEnding }): RunReport {
  const count = (status: ArticleStatus) => options.records.filter((record) => record.status === status).length;
  const ending = options.ending;
  return {
    tool: `${tool.name} ${tool.version}`,
    config: options.config,
    started: options.started.toISOString(),
    finished: ending ? new Date(options.started.getTime() + options.milliseconds).toISOString() : null,
    exit_code: ending?.exitCode ?? null,
    ...(ending?.interrupted ? { interrupted: ending.interrupted } : {}),
    ...(ending?.stopped ? { stopped: ending.stopped } : {}),
    ...(ending?.stack ? { stack: ending.stack } : {}),
    summary: {
      articles: options.records.length,
      ...(Object.fromEntries(statuses.map((status) => [status, count(status)])) as Record<ArticleStatus, number>),
      words: options.records.reduce((total, record) => total + (record.status === 'written' ? (record.words ?? 0) : 0), 0),
      milliseconds: Math.round(options.milliseconds),
    },
    warnings: [...options.warnings],
    articles: [...options.records],
  };
}

/** Room kept in the first report for the last: what an article's record grows by, at most in most runs. */
const roomPerArticle = 512;

/**
 * Writes `_report.json` in the output folder, atomically. The first report of a run keeps room (trailing blanks, which
 * JSON ignores) for the last one: on a full disk, where the copy beside it finds no room, the last is written in that
 * room instead, in place. A report that would not fit is not written at all, rather than cut short.
 */
export async function writeReport(output: string, report: RunReport, token?: string): Promise<string> {
  const file = path.join(output, reportName);
  const json = JSON.stringify(report, null, 2);
  const room = report.finished === null ? ' '.repeat(4096 + roomPerArticle * report.articles.length) : '';
  const content = `${json}${room}\n`;
  try {
    await writeFileAtomic(file, content, { createFolder: true, ...(token ? { token } : {}) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOSPC' && code !== 'EDQUOT') throw error;
    await writeInPlace(file, Buffer.from(content), error);
  }
  return file;
}

/** Overwrites a file with content no longer than it, so that no new block is needed; else throws `error`. */
async function writeInPlace(file: string, content: Buffer, error: unknown): Promise<void> {
  const handle = await open(file, 'r+').catch(() => undefined);
  if (!handle) throw error;
  try {
    if ((await handle.stat()).size < content.length) throw error;
    await handle.write(content, 0, content.length, 0);
    await handle.truncate(content.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
