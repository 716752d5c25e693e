import { createHash } from 'node:crypto';
import { z } from 'zod';
import { statuses } from '../runner/report.js';

/** The one queue bitext's runs and workers share on a Redis database; keys are BullMQ's, under `bull:bitext:`. */
export const queueName = 'bitext';

/**
 * What becomes of an article's job: tried three times at most (a worker that cannot read its input, a worker whose
 * model or disk stops working), one and two seconds apart; kept a day once done, a week once failed, for whoever looks
 * with Redis's own tools; a run takes its results and removes its jobs as they end.
 */
export const jobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** A job's article, as the run planned it. */
const jobSchema = z.object({
  /** The run's key in Redis: the output folder's, as the run sees it. */
  run: z.string(),
  /** The run's fingerprint: a worker whose own differs does not write the article. */
  fingerprint: z.string(),
  /** The output folder, as an absolute path on the run's machine: the same path on every worker's. */
  output: z.string(),
  article: z.object({
    /** The input file's path: UTF-8, or base64 for a name that is not. */
    path: z.string(),
    encoding: z.enum(['utf8', 'base64']),
    /** The path as the run shows it, and as the outputs' front matter names it. */
    display: z.string(),
    /** Its outputs' path in the output folder, without extension. */
    name: z.string(),
    /** Its size when the run listed it. */
    bytes: z.number().optional(),
  }),
});

export type ArticleJob = z.infer<typeof jobSchema>;

/** A job's data as a worker reads it; undefined when it is not a bitext article job (another version's). */
export function readJob(data: unknown): ArticleJob | undefined {
  const parsed = jobSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** A path as the file system takes it, from a job. */
export function jobPath(job: ArticleJob): string | Buffer {
  return job.article.encoding === 'utf8' ? job.article.path : Buffer.from(job.article.path, 'base64');
}

/** A path as a job carries it: JSON holds text, so a name that is not UTF-8 travels as base64. */
export function carriedPath(file: string | Buffer): Pick<ArticleJob['article'], 'path' | 'encoding'> {
  return typeof file === 'string' ? { path: file, encoding: 'utf8' } : { path: file.toString('base64'), encoding: 'base64' };
}

/**
 * A job's id, from the article's fingerprint (its input, the config, the models), its name and the output folder:
 * the same article queued twice for the same folder is one job, and BullMQ adds it once.
 */
export function jobId(run: string, name: string, fingerprint: string): string {
  return `article-${createHash('sha256').update(`${run}\n${name}\n${fingerprint}`).digest('hex').slice(0, 40)}`;
}

/** The run's key for an output folder: its real path on the run's machine, hashed. */
export function runKey(outputReal: string): string {
  return createHash('sha256').update(outputReal).digest('hex').slice(0, 32);
}

/** What a worker hands back for an article: the record of it, as a local run keeps it, and who wrote it. */
const resultSchema = z.object({
  worker: z.string(),
  milliseconds: z.number(),
  record: z.object({
    status: z.enum(statuses),
    stage: z.string().optional(),
    reason: z.string().optional(),
    stack: z.string().optional(),
    words: z.number().optional(),
    encoding: z.string().optional(),
    warnings: z.array(z.string()),
    flags: z.array(z.object({ paragraph: z.string(), sentence: z.number(), kind: z.string(), detail: z.string() })).optional(),
    flagged: z.object({ sentences: z.number(), kinds: z.record(z.string(), z.number()) }).optional(),
    names: z.record(z.string(), z.array(z.string().nullable())).optional(),
    timings_ms: z.record(z.string(), z.number()),
  }),
});

export type JobResult = z.infer<typeof resultSchema>;

/** A job's result as the run reads it; undefined when it is not one (another version's worker). */
export function readResult(value: unknown): JobResult | undefined {
  const parsed = resultSchema.safeParse(typeof value === 'string' ? safeJson(value) : value);
  return parsed.success ? parsed.data : undefined;
}

/** What a worker tells the run of a job as it goes, through the job's progress. */
export type JobNews =
  | { type: 'stage-start'; stage: string }
  | { type: 'article-progress'; words: number; of: number }
  /** The worker does not write this run's articles (its config or models differ, or it does not see the folder). */
  | { type: 'refused'; worker: string; reason: string }
  /** This attempt failed; the job is tried again elsewhere, or fails for good. */
  | { type: 'attempt-failed'; worker: string; stage: string; reason: string }
  /** The worker was stopped before the article was done: it is back in the queue. */
  | { type: 'returned'; worker: string; reason: string };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
