import path from 'node:path';
import { writeFileAtomic } from '../files/atomic.js';
import { tool } from '../version.js';

/** The report's name in the output folder. */
export const reportName = '_report.json';

export type ArticleStatus = 'written' | 'unchanged' | 'failed' | 'not-run';

/** One article's line in the report. */
export interface ArticleRecord {
  source: string;
  output: string;
  /** `written`; `unchanged` (skipped: input, config and models as when it was written); `failed`; `not-run` (interrupted). */
  status: ArticleStatus;
  /** With `failed`: the stage that failed and why. */
  stage?: string;
  reason?: string;
  words?: number;
  encoding?: string;
  /** Untranslated paragraphs, sentences cut to fit the model, encoding repairs, …: the article's notes. */
  warnings: string[];
  timings_ms: Record<string, number>;
}

export interface RunReport {
  tool: string;
  config: string;
  started: string;
  finished: string;
  exit_code: number;
  /** Counts by status, words written, wall time. */
  summary: Record<ArticleStatus, number> & { articles: number; words: number; milliseconds: number };
  articles: ArticleRecord[];
}

/** Builds the report of a run from its article records. */
export function buildReport(options: { config: string; started: Date; records: ArticleRecord[]; exitCode: number; milliseconds: number }): RunReport {
  const count = (status: ArticleStatus) => options.records.filter((record) => record.status === status).length;
  return {
    tool: `${tool.name} ${tool.version}`,
    config: options.config,
    started: options.started.toISOString(),
    finished: new Date(options.started.getTime() + options.milliseconds).toISOString(),
    exit_code: options.exitCode,
    summary: {
      articles: options.records.length,
      written: count('written'),
      unchanged: count('unchanged'),
      failed: count('failed'),
      'not-run': count('not-run'),
      words: options.records.reduce((total, record) => total + (record.status === 'written' ? (record.words ?? 0) : 0), 0),
      milliseconds: Math.round(options.milliseconds),
    },
    articles: options.records,
  };
}

/** Writes `_report.json` in the output folder, atomically. */
export async function writeReport(output: string, report: RunReport): Promise<string> {
  const file = path.join(output, reportName);
  await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
