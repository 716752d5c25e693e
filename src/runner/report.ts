import { summarizeNames, type NameSummary } from './names.js';
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic.js';
import { tool } from '../version.js';
import type { Glossary } from '../glossary/glossary.js';

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
  /** What the check flagged: each flag with its paragraph (`p3`, `title`) and sentence (from 1). */
  flags?: RecordedFlag[];
  /** The sentences flagged, and the sentences each kind marks: what the front matter counts. */
  flagged?: { sentences: number; kinds: Record<string, number> };
  /** Each name of its translated sentences and the ways the translation rendered it (`null`: not found). */
  names?: Record<string, (string | null)[]>;
  timings_ms: Record<string, number>;
  /** In a queued run: the worker that ran it (`host:pid`). */
  worker?: string;
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
  /** The glossary the translation was held to: its file, its SHA-256 and how many terms it gives. */
  glossary?: { file: string; sha256: string; terms: number };
  started: string;
  /** Null while the run is under way: a report left so was written by a run that was killed. */
  finished: string | null;
  exit_code: number | null;
  interrupted?: string;
  stopped?: string;
  stack?: string;
  /** Counts by status, words written, wall time, and what the check flagged in the articles written or unchanged (no count without a check). */
  summary: Record<ArticleStatus, number> & { articles: number; words: number; milliseconds: number; flagged?: FlagSummary };
  /** What the run has to say besides its articles: inputs skipped, a cache that could not be used. */
  warnings: string[];
  /** The names of the articles written or unchanged, each with its renderings; those rendered two ways first. */
  names: NameSummary[];
  articles: ArticleRecord[];
}

/** What the check flagged in a run: sentences, articles, and the sentences each kind of flag marks. */
export interface FlagSummary {
  sentences: number;
  articles: number;
  kinds: Record<string, number>;
}

/** A flag as the report keeps it. */
export interface RecordedFlag {
  paragraph: string;
  sentence: number;
  kind: string;
  detail: string;
}

/** An article's flagged sentences, and how many of them each kind marks (a sentence with two numbers missing counts once). */
export function countFlags(flags: readonly RecordedFlag[]): { sentences: number; kinds: Record<string, number> } {
  const kinds: Record<string, number> = {};
  const sentences = new Set<string>();
  const marked = new Set<string>();
  for (const flag of flags) {
    const sentence = `${flag.paragraph} ${flag.sentence}`;
    sentences.add(sentence);
    if (marked.has(`${sentence} ${flag.kind}`)) continue;
    marked.add(`${sentence} ${flag.kind}`);
    kinds[flag.kind] = (kinds[flag.kind] ?? 0) + 1;
  }
  return { sentences: sentences.size, kinds };
}

/** Counts the flags of the articles written or unchanged: the outputs that stand. */
export function summarizeFlags(records: readonly ArticleRecord[]): FlagSummary {
  const kinds: Record<string, number> = {};
  let sentences = 0;
  let articles = 0;
  for (const record of records) {
    if ((record.status !== 'written' && record.status !== 'unchanged') || !record.flags?.length) continue;
    const counts = countFlags(record.flags);
    articles++;
    sentences += counts.sentences;
    for (const [kind, count] of Object.entries(counts.kinds)) kinds[kind] = (kinds[kind] ?? 0) + count;
  }
  return { sentences, articles, kinds };
}

/**
 * Builds the report of a run from its article records; `ending` undefined while it runs. `checked`: the pipeline has
 * a check stage, so that its flags are counted (without one, no count: zero flags would read as a clean bill).
 */
export function buildReport(options: { config: string; glossary?: Pick<Glossary, 'file' | 'sha256' | 'entries'>; started: Date; records: readonly ArticleRecord[]; warnings: readonly string[]; milliseconds: number; ending?: RunEnding; checked?: boolean }): RunReport {
  const count = (status: ArticleStatus) => options.records.filter((record) => record.status === status).length;
  const ending = options.ending;
  return {
    tool: `${tool.name} ${tool.version}`,
    config: options.config,
    ...(options.glossary ? { glossary: { file: options.glossary.file, sha256: options.glossary.sha256, terms: options.glossary.entries.length } } : {}),
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
      ...(options.checked ? { flagged: summarizeFlags(options.records) } : {}),
    },
    warnings: [...options.warnings],
    names: summarizeNames(options.records),
    articles: [...options.records],
  };
}

/** Room kept in the first report for the last: what an article's record grows by as it runs (notes, timings), at most. */
const roomPerArticle = 1024;

/**
 * Writes a run's `_report.json` in the output folder, atomically, each time it is asked. The first report keeps room
 * (trailing blanks, which JSON ignores) for the last: on a full disk, where the copy beside it finds no room, the last
 * is written in that room instead, in place, but only into the very file this run wrote (never through a link), and
 * only if it fits. Otherwise it throws, and the old report stays whole.
 */
export class ReportWriter {
  #identity: string | undefined;

  constructor(
    readonly file: string,
    private readonly token: string,
  ) {}

  async write(report: RunReport): Promise<void> {
    const json = JSON.stringify(report, null, 2);
    const room = report.finished === null && !this.#identity ? ' '.repeat(4096 + roomPerArticle * report.articles.length) : '';
    try {
      await this.#atomic(`${json}${room}\n`);
    } catch (error) {
      if (!isFull(error)) throw error;
      // The room is a courtesy: a run may go on without it.
      if (room) return this.#atomic(`${json}\n`);
      // Failing the whole report, the essentials of every article: its status and why.
      await this.#inPlace(Buffer.from(`${json}\n`), error).catch(() => this.#inPlace(Buffer.from(`${JSON.stringify(brief(report), null, 2)}\n`), error));
    }
  }

  async #atomic(content: string): Promise<void> {
    await writeFileAtomic(this.file, content, { createFolder: true, token: this.token });
    const info = await lstat(this.file);
    this.#identity = `${info.dev}:${info.ino}`;
  }

  async #inPlace(content: Buffer, error: unknown): Promise<void> {
    const info = await lstat(this.file).catch(() => undefined);
    if (!info?.isFile() || info.nlink !== 1 || `${info.dev}:${info.ino}` !== this.#identity || info.size < content.length) throw error;
    const handle = await open(this.file, constants.O_WRONLY | constants.O_NOFOLLOW);
    try {
      const opened = await handle.stat();
      if (`${opened.dev}:${opened.ino}` !== this.#identity) throw error;
      await handle.write(content, 0, content.length, 0);
      await handle.truncate(content.length);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** A report cut down to fit a full disk: each article's status and reason, its warnings and timings left out. */
function brief(report: RunReport): RunReport & { brief: string } {
  return {
    ...report,
    brief: 'the disk was full: each article\'s warnings and timings were left out of this report to fit (its output\'s front matter has its notes)',
    articles: report.articles.map(({ source, output, status, stage, reason, stack }) => ({ source, output, status, ...(stage ? { stage } : {}), ...(reason ? { reason } : {}), ...(stack ? { stack } : {}), warnings: [], timings_ms: {} })),
  };
}

function isFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The report's path in an output folder. */
export function reportPath(output: string): string {
  return path.join(output, reportName);
}
