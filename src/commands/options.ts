import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { parseQueueAddress, type QueueAddress } from '../queue/address.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { RunContext } from '../context.js';

/** `--config FILE`, shared by every command that reads the pipeline. */
export function configOption(): Option {
  return new Option('-c, --config <file>', 'pipeline config to use').default('pipeline.yaml');
}

/** `--models DIR`, shared by every command that loads or manages models. */
export function modelsOption(): Option {
  return new Option('-m, --models <dir>', 'folder holding the models (default: `models` of the config)');
}

/** Parses `--concurrency`: a whole number from 1 to 64, or `auto`. */
export function parseConcurrency(value: string): number | 'auto' {
  if (value === 'auto') return value;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 64) {
    throw new InvalidArgumentError(`Expected a whole number from 1 to 64 or \`auto\`, got \`${value}\`.`);
  }
  return number;
}

/**
 * The config a text command reads its stages' options from; none when `--config` was left at its default and that
 * file is absent, so that the command works on built-in defaults outside a project.
 */
export async function optionalConfig(command: Command, options: { config: string; models?: string; glossary?: string }, context: RunContext): Promise<ResolvedConfig | undefined> {
  const isDefault = command.getOptionValueSource('config') === 'default';
  const glossary = options.glossary ? { glossary: options.glossary } : {};
  if (isDefault && !existsSync(path.resolve(context.cwd, options.config))) {
    // A glossary alone: the built-in defaults with it.
    return options.glossary ? loadConfig(options.config, { models: options.models, ...glossary }, context.cwd, { builtIn: true }) : undefined;
  }
  return loadConfig(options.config, { models: options.models, ...glossary }, context.cwd);
}

/** `--glossary FILE`, for the commands that translate. */
export function glossaryOption(): Option {
  return new Option('-g, --glossary <file>', 'glossary (TSV or YAML) whose terms the translation must render as it says (default: `glossary` of the config; README, "Glossary")');
}

/** Parses a whole-number option within a range. */
export function parseWhole(minimum: number, maximum: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < minimum || number > maximum) {
      throw new InvalidArgumentError(`Expected a whole number from ${minimum} to ${maximum}, got \`${value}\`.`);
    }
    return number;
  };
}

/** Parses an http(s) URL. */
export function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`Expected an http(s) URL, got \`${value}\`.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`Expected an http(s) URL, got \`${value}\`.`);
  return value;
}

/** Parses `--queue`: a Redis URL. */
export function parseQueue(value: string): QueueAddress {
  try {
    return parseQueueAddress(value);
  } catch (error) {
    if (error instanceof UsageError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** Milliseconds from a variable of the environment that tests set (README, "Several machines"); undefined when unset. */
export function testMilliseconds(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 100) throw new UsageError(`Expected ${name} to be a whole number of milliseconds from 100 up, got \`${value}\``);
  return number;
}
