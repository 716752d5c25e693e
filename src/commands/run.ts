import { Command, Option } from 'commander';
import { displayPath, loadConfig } from '../config/load.js';
import type { RunContext } from '../context.js';
import { createModelProvider } from '../models/provider.js';
import { createReporter, type Verbosity } from '../report/reporter.js';
import { planArticles } from '../runner/inputs.js';
import { prepareStages } from '../runner/prepare.js';
import { runPipeline } from '../runner/run-pipeline.js';
import { configOption, modelsOption, parseConcurrency } from './options.js';
import { fetchMissingModels } from './fetch-models.js';

interface RunOptions {
  config: string;
  input?: string[];
  output?: string;
  models?: string;
  concurrency?: number | 'auto';
  offline?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** `bitext run`: every article under the inputs through the configured stages. */
export function runCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('run')
    .description('run every .txt/.md article under the inputs through the stages of the config, one <name>.md each in the output folder')
    .addOption(configOption())
    .option('-i, --input <path...>', 'article files or folders (default: `input` of the config)')
    .option('-o, --output <dir>', 'folder to write the Markdown to (default: `output` of the config)')
    .addOption(modelsOption())
    .option('-j, --concurrency <n>', 'articles processed at once, or `auto` (default: `concurrency` of the config)', parseConcurrency)
    .option('--offline', 'never use the network, even when the config says `offline: false`')
    .addOption(new Option('-q, --quiet', 'print failures only').conflicts('verbose'))
    .option('-v, --verbose', 'print every article, its notes and the stack of internal errors')
    .addHelpText('after', `
Config errors are reported all at once, as FILE:LINE:COL, before any article is read or any model loaded.
Exit codes: 0 every article written · 1 some articles failed · 2 usage, config or internal error (nothing processed).`)
    .action(async (options: RunOptions) => {
      state.exitCode = await runArticles(context, options);
    });
}

async function runArticles(context: RunContext, options: RunOptions): Promise<number> {
  const config = await loadConfig(options.config, {
    input: options.input,
    output: options.output,
    models: options.models,
    concurrency: options.concurrency,
    ...(options.offline ? { offline: true } : {}),
  }, context.cwd);
  const planned = await planArticles(config.inputs, config.output);
  const verbosity: Verbosity = options.quiet ? 'quiet' : options.verbose ? 'verbose' : 'normal';
  const emit = createReporter(context.stdout, context.stderr, verbosity);

  if (!config.offline) await fetchMissingModels(config, context);
  const models = (context.models ?? createModelProvider)({ directory: config.models });
  try {
    const stages = await prepareStages(config, models);
    const outcome = await runPipeline({
      articles: planned.map((article) => ({ ...article, display: displayPath(article.path, context.cwd) })),
      stages,
      concurrency: config.concurrency,
      output: displayPath(config.output, context.cwd),
      emit,
      signal: context.signal,
    });
    return outcome.failed.length ? 1 : 0;
  } finally {
    await models.dispose();
  }
}
