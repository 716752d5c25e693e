import { Command } from 'commander';
import { displayPath, loadConfig } from '../config/load.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';
import { dtypes, isModelId, seq2seqFiles, type Dtype } from '../models/files.js';
import { listInstalled } from '../models/installed.js';
import { installModel } from '../models/install.js';
import { modelsOf, optionalFiles, type ModelNeed } from '../pipeline/models.js';
import { verifyModel } from '../models/verify.js';
import { downloadProgress, formatBytes } from '../report/download-progress.js';
import { configOption, modelsOption } from './options.js';

/** `bitext models list | verify | pull`. */
export function modelsCommand(context: RunContext, state: { exitCode: number }): Command {
  const models = new Command('models').description('list, verify and fetch the local models the stages use');
  // Without a config, the models the default pipeline needs.
  const load = (options: { config: string; models?: string }, command: Command) =>
    loadConfig(options.config, { models: options.models }, context.cwd, { builtIn: command.getOptionValueSource('config') === 'default' });

  models.command('list')
    .description('installed models (size, dtypes) and the models the config needs')
    .addOption(configOption())
    .addOption(modelsOption())
    .action(async (options: { config: string; models?: string }, command: Command) => {
      const config = await load(options, command);
      const needed = modelsOf(config.stages);
      const installed = await listInstalled(config.models);
      const rows = installed.map((model) => {
        const users = needed.filter((need) => need.model === model.model).map((need) => `${need.stages.join(', ')} (${need.dtype})`);
        return [model.model, formatBytes(model.bytes), model.dtypes.join(', ') || 'no weights', users.join('; ') || '—'];
      });
      for (const need of needed.filter((need) => !installed.some((model) => model.model === need.model))) {
        rows.push([need.model, '—', 'not installed', `${need.stages.join(', ')} (${need.dtype})`]);
      }
      context.stdout.write(`Models in ${displayPath(config.models, context.cwd)}\n`);
      context.stdout.write(table([['model', 'size', 'dtypes', 'used by'], ...rows]));
    });

  models.command('verify')
    .description('check every file the configured stages need; name what is missing or corrupt')
    .addOption(configOption())
    .addOption(modelsOption())
    .addHelpText('after', '\nExit codes: 0 every needed file is present and sound · 1 something is missing or corrupt · 2 usage or config error.')
    .action(async (options: { config: string; models?: string }, command: Command) => {
      const config = await load(options, command);
      const needed = modelsOf(config.stages);
      if (!needed.length) context.stdout.write('No configured stage needs a model.\n');
      let bad = 0;
      for (const need of needed) {
        const result = await verifyModel(config.models, need);
        const label = `${need.model} (${need.dtype}) for ${need.stages.join(', ')}`;
        if (!result.missing.length && !result.corrupt.length && !result.unusable.length) {
          context.stdout.write(`✓ ${label}: ${need.files.length} files, ${formatBytes(result.bytes)} in ${displayPath(result.folder, context.cwd)}\n`);
          continue;
        }
        bad++;
        context.stderr.write(`✗ ${label} in ${displayPath(result.folder, context.cwd)}:\n`);
        for (const file of result.missing) context.stderr.write(`  missing: ${file}\n`);
        for (const problem of result.corrupt) context.stderr.write(`  corrupt: ${problem.file}: ${problem.reason}\n`);
        for (const problem of result.unusable) context.stderr.write(`  cannot be run: ${problem.file}: ${problem.reason}\n`);
        if (result.missing.length || result.corrupt.length) context.stderr.write(`  Install it with: bitext models pull ${need.model} --dtype ${need.dtype}\n`);
        else context.stderr.write(`  This model's config describes what bitext cannot run; if it was edited, copy the model folder again, otherwise choose another model\n`);
      }
      state.exitCode = bad ? 1 : 0;
    });

  models.command('pull')
    .description('download models into the models folder (by default every model the config needs)')
    .argument('[ids...]', 'model ids, owner/name (default: the models the config needs)')
    .option('--from <url>', 'where to download from: the Hub or a mirror with its layout, URL/<owner>/<name>/resolve/main/<file> (default: `source` of the config)')
    .option('--dtype <dtype>', `weights to fetch for ids given by name: ${dtypes.join(', ')}`, 'q8')
    .addOption(configOption())
    .addOption(modelsOption())
    .addHelpText('after', `
This is the one command that uses the network. An interrupted download resumes where it stopped when run again.
Each file is checked against its announced size and known hash before it replaces anything.`)
    .action(async (ids: string[], options: { from?: string; dtype: string; config: string; models?: string }, command: Command) => {
      const config = await load(options, command);
      const source = options.from ?? config.source;
      if (!(dtypes as readonly string[]).includes(options.dtype)) throw new UsageError(`Unknown --dtype \`${options.dtype}\`; use one of ${dtypes.join(', ')}`);
      const wanted: ModelNeed[] = ids.length
        ? ids.map((model) => {
          if (!isModelId(model)) throw new UsageError(`Expected a model id \`owner/name\`, got \`${model}\``);
          return { model, dtype: options.dtype as Dtype, files: seq2seqFiles(options.dtype as Dtype), stages: [] };
        })
        : modelsOf(config.stages);
      if (!wanted.length) context.stdout.write('No configured stage needs a model; name one: bitext models pull owner/name\n');
      for (const need of wanted) {
        context.stdout.write(`${need.model} (${need.dtype}) from ${source}\n`);
        const check = await installModel({ directory: config.models, need, optional: optionalFiles, source, onEvent: downloadProgress(context.stderr) });
        context.stdout.write(`✓ ${need.model} (${need.dtype}): ${formatBytes(check.bytes)} in ${displayPath(check.folder, context.cwd)}\n`);
      }
    });
  return models;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`).join('');
}
