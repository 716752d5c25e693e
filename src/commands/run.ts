import { Command, Option } from 'commander';
import { displayPath, loadConfig } from '../config/load.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';
import { createModelProvider } from '../models/provider.js';
import { createReporter, type Verbosity } from '../report/reporter.js';
import { reportName } from '../runner/report.js';
import { runBatch } from '../runner/run-batch.js';
import { fetchMissingModels } from './fetch-models.js';
import { dtypes, type Dtype } from '../models/files.js';
import { adjustStages } from '../pipeline/choose.js';
import { configOption, glossaryOption, modelsOption, parseConcurrency, parseQueue, parseUrl, parseWhole, testMilliseconds } from './options.js';
import type { QueueAddress } from '../queue/address.js';
import { runQueued } from '../queue/queued-run.js';

interface RunOptions {
  config: string;
  model?: string;
  dtype?: string;
  beams?: number;
  glossary?: string;
  layout?: string;
  without?: string[];
  input?: string[];
  output?: string;
  models?: string;
  concurrency?: number | 'auto';
  offline?: boolean;
  source?: string;
  quiet?: boolean;
  verbose?: boolean;
  force?: boolean;
  queue?: QueueAddress;
}

/** Exit codes of `bitext run`, as `--help` and the README give them. */
export const runExitCodes = `Exit codes:
  0    every article was written, or was unchanged (or edited by hand, and kept)
  1    the run finished, but some articles failed (each is named on stderr and in ${reportName})
  2    usage, config or model error, or a bug: nothing was processed, or the run stopped (the report says why)
  3    the output folder could no longer be written (disk full, removed, read-only): the run stopped; the report
       lists what was written; run again to resume once it is fixed
  4    the report itself could not be written: stderr says what was done
  129  interrupted by SIGHUP · 130 by Ctrl-C (SIGINT) · 143 by SIGTERM: the articles under way were finished or
       left, nothing new started, the report lists those not run; run again to resume`;

/** `bitext run`: every article under the inputs through the configured stages. */
export function runCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('run')
    .description('run every .txt, .md or .html article under the inputs through the stages of the config, its outputs (<name>.md, <name>.html, …) in the output folder')
    .addOption(configOption())
    .option('-i, --input <path...>', 'article files or folders (default: `input` of the config)')
    .option('-o, --output <dir>', 'folder to write the Markdown to (default: `output` of the config)')
    .addOption(modelsOption())
    .option('-j, --concurrency <n>', 'articles processed at once, or `auto` (default: `concurrency` of the config)', parseConcurrency)
    .option('--model <id>', 'translation model, owner/name under the models folder (default: the translate stage\'s)')
    .addOption(new Option('--dtype <dtype>', 'weights of the translation model (default: the translate stage\'s, else q8)').choices(dtypes))
    .option('--beams <n>', 'beam width of the translation (1: greedy; default: the translate stage\'s)', parseWhole(1, 8))
    .addOption(new Option('--layout <layout>', 'Markdown layout (default: the write-markdown stage\'s)').choices(['side-by-side', 'interleaved']))
    .addOption(glossaryOption())
    .option('--without <stage...>', 'leave these stages of the config out of this run, e.g. --without translate for monolingual output')
    .option('--offline', 'never use the network: a missing model is an error (default: `offline` of the config, else fetch what is missing)')
    .option('--source <url>', 'where missing models are fetched from: the Hugging Face Hub, or a mirror laid out as URL/<owner>/<name>/resolve/main/<file> (default: `source` of the config)', parseUrl)
    .option('--queue <url>', 'queue the articles on Redis (redis://HOST:PORT[/DB]) for `bitext worker` processes, on this machine or others, and follow them to the end (README, "Several machines")', parseQueue)
    .option('-f, --force', 'redo every article, even those unchanged since their output was written, and those whose output was edited by hand')
    .addOption(new Option('-q, --quiet', 'print failures only').conflicts('verbose'))
    .option('-v, --verbose', 'print every article and its notes')
    .addHelpText('after', `
Config errors are reported all at once, as FILE:LINE:COL, before any article is read or any model loaded.
Inputs are never written: an output folder inside an input, or an input inside the output folder (links
resolved), is refused. One run at a time per output folder (.bitext/lock).
With --queue, articles that need work are queued, one job each, for the workers of that queue; the run holds
the output folder and follows them: its report, digest and exit code are a local run's. Ctrl-C takes back the
articles no worker has started and waits for those under way; twice, leaves them to their workers.
A re-run skips articles whose input, config and models are unchanged and whose output is as bitext wrote it,
so an interrupted run resumes where it stopped. An output edited by hand is kept, not redone (delete it, or use
--force, to redo it). Every run writes ${reportName} in the output folder, at its start and at every ending:
each article's status, reason, warnings and timings; and at every ending the digest of the batch, index.html
and index.md: every article with its titles, date, language, English summary, flags and links.
${runExitCodes}`)
    // A path given without --input is said to need it, rather than commander's "too many arguments".
    .allowExcessArguments()
    .action(async (options: RunOptions, command: Command) => {
      if (command.args.length) {
        const quoted = command.args.map((arg) => (/^[\w./@:+-]+$/u.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
        throw new UsageError(`bitext run takes its articles with --input: bitext run --input ${quoted}`);
      }
      state.exitCode = await runArticles(context, options, command);
    });
}

async function runArticles(context: RunContext, options: RunOptions, command: Command): Promise<number> {
  const config = await loadConfig(options.config, {
    input: options.input,
    output: options.output,
    models: options.models,
    concurrency: options.concurrency,
    ...(options.offline ? { offline: true } : {}),
    ...(options.source ? { source: options.source } : {}),
    ...(options.glossary ? { glossary: options.glossary } : {}),
  }, context.cwd, { builtIn: command.getOptionValueSource('config') === 'default' });
  const stages = adjustStages(config.stages, {
    ...(options.without ? { without: options.without } : {}),
    overrides: {
      ...(options.model || options.dtype || options.beams ? { translate: { ...(options.model ? { model: options.model } : {}), ...(options.dtype ? { dtype: options.dtype as Dtype } : {}), ...(options.beams ? { beams: options.beams } : {}) } } : {}),
      ...(options.layout ? { 'write-markdown': { layout: options.layout as 'side-by-side' | 'interleaved' } } : {}),
    },
  });
  const verbosity: Verbosity = options.quiet ? 'quiet' : options.verbose ? 'verbose' : 'normal';
  if (!config.offline) await fetchMissingModels({ ...config, stages }, context, 'bitext run --source URL');
  const display = (file: string) => displayPath(file, context.cwd);
  const configName = config.builtIn ? 'built-in defaults (no pipeline.yaml)' : displayPath(config.file, context.cwd);
  if (options.queue) {
    const patience = testMilliseconds(context.env, 'BITEXT_QUEUE_PATIENCE');
    return runQueued(
      { inputs: config.inputs, output: config.output, models: config.models, stages, config: configName, queue: options.queue, ...(options.force ? { force: true } : {}), ...(config.glossary ? { glossary: config.glossary } : {}) },
      {
        emit: createReporter(context.stdout, context.stderr, verbosity), display,
        ...(context.signal ? { signal: context.signal } : {}), ...(context.urgent ? { urgent: context.urgent } : {}),
        ...(patience ? { patience } : {}),
      },
    );
  }
  const models = (context.models ?? createModelProvider)({ directory: config.models });
  try {
    return await runBatch(
      {
        inputs: config.inputs,
        output: config.output,
        models: config.models,
        ...(config.cache ? { cache: config.cache } : {}),
        stages,
        concurrency: config.concurrency,
        config: configName,
        ...(options.force ? { force: true } : {}),
        ...(config.glossary ? { glossary: config.glossary } : {}),
      },
      {
        models,
        emit: createReporter(context.stdout, context.stderr, verbosity),
        display,
        ...(context.signal ? { signal: context.signal } : {}),
      },
    );
  } finally {
    await models.dispose();
  }
}
