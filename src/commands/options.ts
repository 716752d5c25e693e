import { InvalidArgumentError, Option } from 'commander';

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
