import { Command, Option } from 'commander';
import { displayPath, loadConfig } from '../config/load.js';
import type { RunContext } from '../context.js';
import { createModelProvider } from '../models/provider.js';
import { createReporter, type Verbosity } from '../report/reporter.js';
import { planArticles } from '../runner/inputs.js';
import { prepareStages } from '../runner/prepare.js';
import { runPipeline } from '../runner/run-pipeline.js';
import { runFingerprint } from '../runner/fingerprint.js';
import { prepareOutput } from '../runner/output.js';
import { buildReport, reportName, writeReport } from '../report/run-report.js';
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
  force?: boolean;
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
    .option('-f, --force', 'redo every article, even those whose input, config and models are unchanged since their output was written')
    .addOption(new Option('-q, --quiet', 'print failures only').conflicts('verbose'))
    .option('-v, --verbose', 'print every article, its notes and the stack of internal errors')
    .addHelpText('after', `
Config errors are reported all at once, as FILE:LINE:COL, before any article is read or any model loaded.
A re-run skips articles whose input, config and models are unchanged since their output was written (--force
redoes them), so an interrupted run resumes where it stopped. Every run writes ${reportName} in the output folder:
each article's status, reason, warnings and timings.
Exit codes: 0 every article written or unchanged · 1 some articles failed · 2 usage, config or internal error
(nothing processed) · 130 interrupted (Ctrl-C; the articles not done are listed as not-run in the report).`)
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

  await prepareOutput(config.output);
  if (!config.offline) await fetchMissingModels(config, context);
  const models = (context.models ?? createModelProvider)({ directory: config.models });
  const started = new Date();
  try {
    const stages = await prepareStages(config, models);
    const outcome = await runPipeline({
      articles: planned.map((article) => ({ ...article, display: displayPath(article.path, context.cwd), outputDisplay: displayPath(article.output, context.cwd) })),
      stages,
      concurrency: config.concurrency,
      output: displayPath(config.output, context.cwd),
      fingerprint: await runFingerprint(config),
      force: options.force,
      emit,
      signal: context.signal,
    });
    const failed = outcome.records.some((record) => record.status === 'failed');
    const exitCode = context.signal?.aborted ? 130 : failed ? 1 : 0;
    await writeReport(config.output, buildReport({ config: displayPath(config.file, context.cwd), started, records: outcome.records, exitCode, milliseconds: outcome.milliseconds }));
    return exitCode;
  } finally {
    await models.dispose();
  }
}
