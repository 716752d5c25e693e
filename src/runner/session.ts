import path from 'node:path';
import { isRunError, OutputError } from '../errors.js';
import type { StageConfig } from '../pipeline/check.js';
import { Digest, digestName } from './digest.js';
import type { EventSink } from './events.js';
import { planArticles, type Plan } from './inputs.js';
import { OutputFolder, unwritable } from './output-folder.js';
import { summarizeNames } from './names.js';
import { buildReport, ReportWriter, reportPath, statuses, summarizeFlags, type ArticleRecord, type ArticleStatus, type RunEnding } from './report.js';
import type { Glossary } from '../glossary/glossary.js';

/** What a run's frame needs of its batch: where it reads and writes, and what its report names. */
export interface SessionBatch {
  inputs: readonly string[];
  output: string;
  /** The stages: the report counts flags only when one of them checks. */
  stages: readonly StageConfig[];
  /** The config file, as the report names it. */
  config: string;
  /** The glossary the translation was held to, which the report names. */
  glossary?: Pick<Glossary, 'file' | 'sha256' | 'entries'>;
}

/** How a run reaches the outside: where events go, how paths are shown, and the user's stop. */
export interface SessionContext {
  emit: EventSink;
  display(path: string): string;
  /** Aborted by Ctrl-C, SIGTERM or SIGHUP; its reason names the signal. */
  signal?: AbortSignal;
}

/** Exit codes of a run: documented in `bitext run --help` and the README. */
export const exitCodes = { done: 0, failures: 1, stopped: 2, output: 3, report: 4 } as const;

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** What the work of a run tells its frame when it returns. */
export interface WorkDone {
  /** Source words of the articles written. */
  words: number;
  /** The extensions of the files written for each article, once known. */
  writes?: readonly string[];
}

/**
 * A run's frame, the same for a local run and a queued one: its plan, the output folder held for it, one record per
 * article, its warnings, its report and its digest. The work in between runs the articles, here or on workers.
 */
export class Session {
  readonly started = new Date();
  readonly clock = performance.now();
  readonly warnings: string[];
  readonly records: ArticleRecord[];
  readonly digest: Digest;
  readonly reports: ReportWriter;
  /** Aborted by the user's stop, or by `stop()`: no new article starts. */
  readonly signal: AbortSignal;
  /** Whether no one writes into the output folder for this run any more (no article left under way on a worker). */
  settled = true;
  #stop = new AbortController();
  #stopped: { reason: string; error: unknown } | undefined;

  private constructor(
    readonly batch: SessionBatch,
    readonly context: SessionContext,
    readonly plan: Plan,
    readonly folder: OutputFolder,
  ) {
    this.warnings = plan.skipped.map((skipped) => `${context.display(skipped.text)} ${skipped.reason}`);
    for (const warning of this.warnings) context.emit({ type: 'warning', message: warning });
    this.records = plan.articles.map((planned) => ({ source: context.display(planned.text), output: '', status: 'not-run', warnings: [], timings_ms: {} }));
    this.signal = context.signal ? AbortSignal.any([this.#stop.signal, context.signal]) : this.#stop.signal;
    this.reports = new ReportWriter(reportPath(batch.output), folder.token);
    this.digest = new Digest(folder, digestName(plan.articles.map((planned) => planned.name)), (message) => this.warn(message));
    if (folder.ledger.problem) this.warn(`${folder.ledger.problem}: outputs already there are kept as they are (--force redoes them)`);
  }

  /** Plans the inputs and takes the output folder. */
  static async open(batch: SessionBatch, context: SessionContext): Promise<Session> {
    const plan = await planArticles(batch.inputs, batch.output);
    const folder = await OutputFolder.open(batch.output, plan.inputs);
    return new Session(batch, context, plan, folder);
  }

  /** Says something about the whole run: in the report's warnings, and to the user. */
  warn(message: string): void {
    this.warnings.push(message);
    this.context.emit({ type: 'warning', message });
  }

  /** Stops the run for a run error: nothing new starts, and the report says why. The first reason is kept. */
  stop(error: unknown): void {
    if (this.#stopped) return;
    this.#stopped = { reason: (error as Error).message, error };
    this.#stop.abort(error);
  }

  /** Writes the report: under way (`finished: null`) without an ending. Resolves to its path. */
  async report(ending?: RunEnding): Promise<string> {
    const checked = this.batch.stages.some((stage) => stage.name === 'check');
    await this.reports.write(buildReport({ config: this.batch.config, ...(this.batch.glossary ? { glossary: this.batch.glossary } : {}), started: this.started, records: this.records, warnings: this.warnings, milliseconds: performance.now() - this.clock, checked, ...(ending ? { ending } : {}) }));
    return this.reports.file;
  }

  /**
   * Runs the work between the first report and the last: this run's report replaces the last one at once, then the
   * work runs; however it ends, the digest and the report are written, the folder released, and the closing event
   * says how it ended. A bug is rethrown once all that is done, so that its stack is printed. Resolves to the exit code.
   */
  async run(work: () => Promise<WorkDone>): Promise<number> {
    const { context } = this;
    let done: WorkDone = { words: 0 };
    let bug: unknown;
    try {
      // A run killed outright leaves a report that says it never ended.
      await this.report().catch((error: unknown) => {
        throw new OutputError(`The run's report ${context.display(this.reports.file)} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): nothing was processed; the folder ${unwritable(error)}`, { cause: error });
      });
      // Interrupted before it could start (while bitext was loading): nothing is run, and the report says so.
      if (this.signal.aborted) throw this.signal.reason;
      done = await work();
    } catch (error) {
      // A run error (a model, the output folder, the queue) is the user's to act on; anything else is a bug. A signal
      // is neither: the run was interrupted.
      if (!(context.signal?.aborted && error === context.signal.reason)) {
        if (!isRunError(error)) bug = error;
        this.#stopped = { reason: isRunError(error) ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`, error };
      }
    }
    return this.#end(done, bug);
  }

  async #end(done: WorkDone, bug: unknown): Promise<number> {
    const { context, records } = this;
    const stopped = this.#stopped;
    const interrupted = context.signal?.aborted ? signalName(context.signal.reason) : undefined;
    let exitCode: number = stopped
      ? stopped.error instanceof OutputError ? exitCodes.output : exitCodes.stopped
      : interrupted ? 128 + (signalNumbers[interrupted] ?? 2)
      : records.some((record) => record.status === 'failed') ? exitCodes.failures : exitCodes.done;
    const ending: RunEnding = {
      exitCode,
      ...(interrupted ? { interrupted } : {}),
      ...(stopped ? { stopped: stopped.reason } : {}),
      ...(bug ? { stack: (bug as Error)?.stack ?? String(bug) } : {}),
    };
    // The digest lists what is written, however the run ended; one that cannot be written is said in the report.
    await this.digest.write(this.plan.articles.map((planned, index) => ({ name: planned.name, record: records[index]! })), { finished: new Date(), ...ending.interrupted ? { interrupted: ending.interrupted } : {}, ...ending.stopped ? { stopped: ending.stopped } : {} }, done.writes)
      .catch((error: unknown) => this.warn(`the digest ${context.display(path.join(this.batch.output, `${this.digest.name}.html`))} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`));
    let written: { file: string } | { error: string };
    try {
      written = { file: context.display(await this.report(ending)) };
    } catch (error) {
      written = { error: `${context.display(this.reports.file)} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
      exitCode = exitCodes.report;
    }
    await this.folder.close({ settled: this.settled }).catch(() => undefined);
    const counts = Object.fromEntries(statuses.map((status) => [status, records.filter((record) => record.status === status).length])) as Record<ArticleStatus, number>;
    context.emit({
      type: 'run-end', counts, words: done.words, milliseconds: performance.now() - this.clock, output: context.display(this.batch.output), flagged: summarizeFlags(records),
      inconsistentNames: summarizeNames(records).filter((name) => name.inconsistent),
      ...(interrupted ? { interrupted } : {}), ...(stopped ? { stopped: stopped.reason } : {}), report: written,
    });
    if (bug) throw bug;
    return exitCode;
  }
}

function signalName(reason: unknown): string {
  return typeof reason === 'string' && reason.startsWith('SIG') ? reason : 'SIGINT';
}
