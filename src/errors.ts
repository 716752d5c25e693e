import type { Diagnostic } from './diagnostics/diagnostic.js';

/**
 * The closed set of errors bitext reports to a user. Anything else that reaches the top level is a bug.
 * Errors that stop a run before any article is processed exit with 2; an article's failure is a StageError.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A configuration with one or more problems, each with a file, line and column. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in the configuration`);
  }
}

/** A model that is missing, incomplete, cannot be loaded, or stopped working: no article can go on without it. */
export class ModelError extends Error {
  override name = 'ModelError';
}

/** One article failed in one stage; the rest of the batch goes on. */
export class StageError extends Error {
  override name = 'StageError';
  constructor(
    readonly stage: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The output folder can no longer be written (disk full, removed, read-only, taken by another run): the run stops. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** The queue of a queued run or a worker (Redis) cannot be reached, or no longer answers: nothing more can be run. */
export class QueueError extends Error {
  override name = 'QueueError';
}

/** Errors a user can act on; anything else is a bug and prints its stack. */
export function isKnownError(error: unknown): error is UsageError | ConfigError | ModelError | StageError | OutputError | QueueError {
  return (
    error instanceof QueueError ||
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof ModelError ||
    error instanceof StageError ||
    error instanceof OutputError
  );
}

/** Errors that stop a whole run rather than fail one article. */
export function isRunError(error: unknown): error is ModelError | OutputError | QueueError {
  return error instanceof ModelError || error instanceof OutputError || error instanceof QueueError;
}
