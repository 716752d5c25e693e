import path from 'node:path';
import PQueue from 'p-queue';
import type { Glossary } from '../glossary/glossary.js';
import type { ModelProvider } from '../models/provider.js';
import type { StageConfig } from '../pipeline/check.js';
import { optionsOf } from '../pipeline/choose.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { runFingerprint } from './fingerprint.js';
import type { InputPlace } from './output-folder.js';
import { identitiesUp, isInside, realPath } from './real-paths.js';
import { runArticle, sortArticle } from './run-article.js';
import { Session, type SessionContext } from './session.js';

export { exitCodes } from './session.js';

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
export interface BatchContext extends SessionContext {
  models: ModelProvider;
}

/** Articles hashed and compared with their outputs at once, before the run: reading files, not computing. */
export const sortingConcurrency = 8;

/**
 * Runs a batch: plans the inputs, holds the output folder, creates the pipeline once, then runs every article through
 * it, `concurrency` at a time. An article whose outputs are what bitext wrote under the same fingerprint is skipped
 * (`unchanged`), one whose output was edited by hand is kept (`edited`), unless `force`. An article that fails is
 * recorded and the rest go on; a model that stops working or an output folder that can no longer be written stops
 * the run. Whatever the ending, this run's report is written and the closing event says how it ended. Resolves to the
 * exit code.
 */
export async function runBatch(batch: Batch, context: BatchContext): Promise<number> {
  const session = await Session.open(batch, context);
  const { folder, records, plan } = session;
  return session.run(async () => {
    const warn = (message: string) => session.warn(message);
    const cache = await usableCache(batch.cache, plan.inputs, warn);
    // Interrupted before it could start (while bitext was loading): nothing is run, and the report says so.
    if (session.signal.aborted) throw session.signal.reason;
    context.emit({ type: 'loading' });
    const pipeline = await createPipeline(batch.stages, { models: context.models, warn, ...(cache ? { cache } : {}), ...(batch.glossary ? { glossary: batch.glossary } : {}) });
    const writes = pipeline.writes;
    const shown = (file: string) => context.display(path.join(batch.output, file));
    plan.articles.forEach((planned, index) => (records[index]!.output = shown(folder.files(planned.name, writes)[0] ?? planned.name)));
    const fingerprint = await runFingerprint(batch.stages, batch.models, batch.glossary);
    const maxBytes = readLimit(batch.stages);
    const bytes = Object.fromEntries(plan.articles.map((planned, index) => [records[index]!.source, planned.bytes ?? 0]));
    context.emit({ type: 'run-start', total: plan.articles.length, concurrency: batch.concurrency, bytes });
    const run = { pipeline, folder, digest: session.digest, signal: session.signal, emit: context.emit };
    // Every article is sorted before any runs: those skipped or unreadable are settled at once, so that what is left
    // to do — and the progress shown — is the true work of the run.
    const sort = { ...run, writes, fingerprint, maxBytes, force: batch.force ?? false, shown };
    const sorted = await new PQueue({ concurrency: sortingConcurrency }).addAll(plan.articles.map((planned, index) => () => sortArticle(planned, records[index]!, sort)));
    let words = 0;
    await new PQueue({ concurrency: batch.concurrency }).addAll(sorted.filter((work) => work !== undefined).map((work) => async () => {
      if (session.signal.aborted) return;
      const outcome = await runArticle(work, run);
      words += outcome.words;
      if (outcome.fatal) session.stop(outcome.fatal);
    }));
    warnUnrecorded(session, batch.output);
    return { words, writes };
  });
}

/** The most bytes the read stage of these stages takes. */
export function readLimit(stages: readonly StageConfig[]): number {
  return Math.floor((optionsOf(stages, 'read')?.maxMegabytes ?? Number.MAX_SAFE_INTEGER / 2 ** 20) * 2 ** 20);
}

/** Outputs kept that bitext has no record of writing, said once for the run. */
export function warnUnrecorded(session: Session, output: string): void {
  const unrecorded = session.records.filter((record) => record.status === 'edited' && record.reason).length;
  if (!unrecorded) return;
  session.warn(`${unrecorded} output${unrecorded === 1 ? ' was' : 's were'} already there, and bitext has no record of writing ${unrecorded === 1 ? 'it' : 'them'} (${path.join(output, '.bitext', 'written.jsonl')} is missing, or does not list ${unrecorded === 1 ? 'it' : 'them'}): kept as ${unrecorded === 1 ? 'it is' : 'they are'}; --force redoes them`);
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
