import { summarizeNames } from './names.js';
import type { Glossary } from '../glossary/glossary.js';
import path from 'node:path';
import PQueue from 'p-queue';
import { isRunError, OutputError } from '../errors.js';
import type { ModelProvider } from '../models/provider.js';
import { optionsOf } from '../pipeline/choose.js';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.js';
import type { StageConfig } from '../pipeline/check.js';
import { Digest, digestName } from './digest.js';
import type { EventSink } from './events.js';
import { runFingerprint } from './fingerprint.js';
import { planArticles } from './inputs.js';
import { runArticle, sortArticle, type ArticleRun, type Work } from './run-article.js';
import { OutputFolder, unwritable, type InputPlace } from './output-folder.js';
import { buildReport, ReportWriter, reportPath, statuses, summarizeFlags, type ArticleRecord, type ArticleStatus, type RunEnding } from './report.js';
import { identitiesUp, isInside, realPath } from './real-paths.js';

export interface Batch {
  inputs: readonly string[];
  output: string;
  models: string;
  cache?: string;
  stages: readonly StageConfig[];
  concurrency: number;
  /** The config file, as the report names it. */
  config: string;
  force?: boolean;
  glossary?: Glossary;
}

/** How the runner reaches the outside: the models, where events go, how paths are shown, and the user's stop. */
export interface BatchContext {
  models: ModelProvider;
  emit: EventSink;
  display(path: string): string;
  /** Aborted by Ctrl-C, SIGTERM or SIGHUP; its reason names the signal. */
  signal?: AbortSignal;
}

/** Articles hashed and compared with their outputs at once, before the run: reading files, not computing. */
const sortingConcurrency = 8;

/** Exit codes of a run: documented in `bitext run --help` and the README. */
export const exitCodes = { done: 0, failures: 1, stopped: 2, output: 3, report: 4 } as const;

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Runs a batch: plans the inputs, holds the output folder, creates the pipeline once, then runs every article through
 * it, `concurrency` at a time. An article whose outputs are what bitext wrote under the same fingerprint is skipped
 * (`unchanged`), one whose output was edited by hand is kept (`edited`), unless `force`. An article that fails is
 * recorded and the rest go on; a model that stops working or an output folder that can no longer be written stops
 * the run. Whatever the ending, this run's report is written and the closing event says how it ended. Resolves to the
 * exit code.
 */
export async function runBatch(batch: Batch, context: BatchContext): Promise<number> {
  const plan = await planArticles(batch.inputs, batch.output);
  const folder = await OutputFolder.open(batch.output, plan.inputs);
  const started = new Date();
  const clock = performance.now();
  const warnings = plan.skipped.map((skipped) => `${context.display(skipped.text)} ${skipped.reason}`);
  const warn = (message: string) => {
    warnings.push(message);
    context.emit({ type: 'warning', message });
  };
  for (const warning of warnings) context.emit({ type: 'warning', message: warning });

  let pipeline: Pipeline | undefined;
  const records: ArticleRecord[] = plan.articles.map((planned) => ({ source: context.display(planned.text), output: '', status: 'not-run', warnings: [], timings_ms: {} }));
  const stop = new AbortController();
  const signal = context.signal ? AbortSignal.any([stop.signal, context.signal]) : stop.signal;
  let stopped: { reason: string; error: unknown } | undefined;
  const reports = new ReportWriter(reportPath(batch.output), folder.token);
  const digest = new Digest(folder, digestName(plan.articles.map((planned) => planned.name)), warn);
  const report = async (ending?: RunEnding) => {
    await reports.write(buildReport({ config: batch.config, started, records, warnings, milliseconds: performance.now() - clock, checked: batch.stages.some((stage) => stage.name === 'check'), ...(ending ? { ending } : {}) }));
    return reports.file;
  };
  if (folder.ledger.problem) warn(`${folder.ledger.problem}: outputs already there are kept as they are (--force redoes them)`);

  let words = 0;
  let bug: unknown;
  try {
    // This run's report replaces the last one at once: a run killed outright leaves one that says it never ended.
    await report().catch((error: unknown) => {
      throw new OutputError(`The run's report ${context.display(reports.file)} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): nothing was processed; the folder ${unwritable(error)}`, { cause: error });
    });
    const cache = await usableCache(batch.cache, plan.inputs, warn);
    // Interrupted before it could start (while bitext was loading): nothing is run, and the report says so.
    if (signal.aborted) throw signal.reason;
    context.emit({ type: 'loading' });
    pipeline = await createPipeline(batch.stages, { models: context.models, warn, ...(cache ? { cache } : {}), ...(batch.glossary ? { glossary: batch.glossary } : {}) });
    const writes = pipeline.writes;
    const shown = (file: string) => context.display(path.join(batch.output, file));
    plan.articles.forEach((planned, index) => (records[index]!.output = shown(folder.files(planned.name, writes)[0] ?? planned.name)));
    const fingerprint = await runFingerprint(batch.stages, batch.models, batch.glossary);
    const maxBytes = Math.floor((optionsOf(batch.stages, 'read')?.maxMegabytes ?? Number.MAX_SAFE_INTEGER / 2 ** 20) * 2 ** 20);
    const bytes = Object.fromEntries(plan.articles.map((planned, index) => [records[index]!.source, planned.bytes ?? 0]));
    context.emit({ type: 'run-start', total: plan.articles.length, concurrency: batch.concurrency, bytes });
    const articleRun: ArticleRun = { pipeline, folder, digest, fingerprint, maxBytes, force: batch.force ?? false, signal, emit: context.emit, shown };
    // Every article is sorted before any runs: those skipped or unreadable are settled at once, so that what is left
    // to do — and the progress shown — is the true work of the run.
    const sorted = await new PQueue({ concurrency: sortingConcurrency }).addAll(plan.articles.map((planned, index) => () => sortArticle(planned, records[index]!, articleRun)));
    const run = async (work: Work) => {
      if (signal.aborted) return;
      const outcome = await runArticle(work, articleRun);
      words += outcome.words;
      if (outcome.fatal && !stopped) {
        stopped = { reason: (outcome.fatal as Error).message, error: outcome.fatal };
        stop.abort(outcome.fatal);
      }
    };
    await new PQueue({ concurrency: batch.concurrency }).addAll(sorted.filter((work) => work !== undefined).map((work) => () => run(work)));
    const unrecorded = records.filter((record) => record.status === 'edited' && record.reason).length;
    if (unrecorded) {
      warn(`${unrecorded} output${unrecorded === 1 ? ' was' : 's were'} already there, and bitext has no record of writing ${unrecorded === 1 ? 'it' : 'them'} (${path.join(batch.output, '.bitext', 'written.jsonl')} is missing, or does not list ${unrecorded === 1 ? 'it' : 'them'}): kept as ${unrecorded === 1 ? 'it is' : 'they are'}; --force redoes them`);
    }
  } catch (error) {
    // A run error (a model, the output folder) is the user's to act on; anything else is a bug, rethrown once the
    // report is written, so that its stack is printed. A signal is neither: the run was interrupted.
    if (!(context.signal?.aborted && error === context.signal.reason)) {
      if (!isRunError(error)) bug = error;
      stopped = { reason: isRunError(error) ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`, error };
    }
  }

  const interrupted = context.signal?.aborted ? signalName(context.signal.reason) : undefined;
  const failed = records.some((record) => record.status === 'failed');
  let exitCode: number = stopped
    ? stopped.error instanceof OutputError ? exitCodes.output : exitCodes.stopped
    : interrupted ? 128 + (signalNumbers[interrupted] ?? 2)
    : failed ? exitCodes.failures : exitCodes.done;
  const ending: RunEnding = {
    exitCode,
    ...(interrupted ? { interrupted } : {}),
    ...(stopped ? { stopped: stopped.reason } : {}),
    ...(bug ? { stack: (bug as Error)?.stack ?? String(bug) } : {}),
  };
  // The digest lists what is written, however the run ended; one that cannot be written is said in the report.
  await digest.write(plan.articles.map((planned, index) => ({ name: planned.name, record: records[index]! })), { finished: new Date(), ...ending.interrupted ? { interrupted: ending.interrupted } : {}, ...ending.stopped ? { stopped: ending.stopped } : {} }, pipeline?.writes)
    .catch((error: unknown) => warn(`the digest ${context.display(path.join(batch.output, `${digest.name}.html`))} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`));
  let written: { file: string } | { error: string };
  try {
    written = { file: context.display(await report(ending)) };
  } catch (error) {
    written = { error: `${context.display(reports.file)} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    exitCode = exitCodes.report;
  }
  await folder.close().catch(() => undefined);
  const counts = Object.fromEntries(statuses.map((status) => [status, records.filter((record) => record.status === status).length])) as Record<ArticleStatus, number>;
  context.emit({
    type: 'run-end', counts, words, milliseconds: performance.now() - clock, output: context.display(batch.output), flagged: summarizeFlags(records),
    inconsistentNames: summarizeNames(records).filter((name) => name.inconsistent),
    ...(interrupted ? { interrupted } : {}), ...(stopped ? { stopped: stopped.reason } : {}), report: written,
  });
  if (bug) throw bug;
  return exitCode;
}

/** The cache folder, unless it lies in an input (its files would be written there): then none, said once. */
async function usableCache(cache: string | undefined, inputs: readonly InputPlace[], warn: (message: string) => void): Promise<string | undefined> {
  if (!cache) return undefined;
  const real = await realPath(cache);
  const above = await identitiesUp(real);
  const input = inputs.find((place) => isInside(real, place.real) || above.has(place.identity));
  if (!input) return cache;
  warn(`the translation cache ${cache} lies in the input ${input.real.text}, where bitext writes nothing: translations are kept in memory for this run only (set \`cache\` to a folder outside the inputs)`);
  return undefined;
}

function signalName(reason: unknown): string {
  return typeof reason === 'string' && reason.startsWith('SIG') ? reason : 'SIGINT';
}
