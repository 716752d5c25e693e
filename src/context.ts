import type { ModelProvider } from './models/provider.js';
import type { Output } from './report/reporter.js';

/** Everything a command may touch of the outside world; tests pass their own. */
export interface RunContext {
  argv: readonly string[];
  cwd: string;
  stdout: Output;
  stderr: Output;
  /** Standard input, for commands that read `-`. */
  stdin?: AsyncIterable<string | Uint8Array>;
  env: Record<string, string | undefined>;
  /** Replaces the real model provider (tests use deterministic fakes). */
  models?: (options: { directory: string }) => ModelProvider;
  /** Stops a run between articles (Ctrl-C). */
  signal?: AbortSignal;
  /** A second Ctrl-C, for the commands that stop in two steps (`worker`, `run --queue`): stop waiting now. */
  urgent?: AbortSignal;
}
