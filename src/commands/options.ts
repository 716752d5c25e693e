import { InvalidArgumentError, Option } from 'commander';

/** `--config FILE`, shared by every command that reads the pipeline. */
export function configOption(): Option {
  return new Option('-c, --config <file>', 'pipeline config to use').default('pipeline.yaml');
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
