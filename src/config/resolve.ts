import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { StageConfig } from '../pipeline/check.js';
import type { Glossary } from '../glossary/glossary.js';
import type { ParsedConfig } from './schema.js';

/** The configuration the code reads: defaults filled in, paths absolute, command-line overrides applied. */
export interface ResolvedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** No config file was found: these are the shipped defaults, paths relative to the working folder. */
  builtIn?: boolean;
  inputs: string[];
  output: string;
  models: string;
  /** Folder of the translation cache; none when the config sets `cache: false`. */
  cache?: string;
  concurrency: number;
  offline: boolean;
  source: string;
  stages: StageConfig[];
  /** The glossary, read and checked once. */
  glossary?: Glossary;
}

/** Command-line values that take precedence over the file; paths relative to the working folder. */
export interface Overrides {
  input?: string[];
  output?: string;
  models?: string;
  concurrency?: number | 'auto';
  offline?: boolean;
  source?: string;
  glossary?: string;
}

/** Normalizes a checked config: paths in the file are relative to the file, paths on the command line to `cwd`. */
export function resolveConfig(
  file: string,
  parsed: ParsedConfig,
  stages: StageConfig[],
  overrides: Overrides,
  cwd: string,
): ResolvedConfig {
  const directory = path.dirname(file);
  const fromFile = (value: string) => path.resolve(directory, value);
  const fromCommandLine = (value: string) => path.resolve(cwd, value);
  const inputs = overrides.input?.length
    ? overrides.input.map(fromCommandLine)
    : (Array.isArray(parsed.input) ? parsed.input : [parsed.input]).map(fromFile);
  const concurrency = overrides.concurrency ?? parsed.concurrency;
  return {
    file,
    inputs,
    output: overrides.output ? fromCommandLine(overrides.output) : fromFile(parsed.output),
    models: overrides.models ? fromCommandLine(overrides.models) : fromFile(parsed.models),
    ...(parsed.cache === false ? {} : { cache: fromFile(parsed.cache) }),
    concurrency: concurrency === 'auto' ? autoConcurrency() : concurrency,
    offline: overrides.offline ?? parsed.offline,
    source: overrides.source ?? parsed.source,
    stages,
  };
}

/**
 * Articles in flight for `concurrency: auto`: four per core. Each model runs one batch at a time on every core
 * (onnxruntime's threads, in the decoding thread), so more articles do not compete for cores; they give the model's
 * batches more sentences of similar length to choose from (measured with `npm run bench` before bitext had its own
 * decoding loop: 26 s at one per core, 15 s at four).
 */
export function autoConcurrency(): number {
  return 4 * availableParallelism();
}
