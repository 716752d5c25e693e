import { Command } from 'commander';
import { displayPath, loadConfig } from '../config/load.js';
import type { RunContext } from '../context.js';
import { createModelProvider } from '../models/provider.js';
import type { QueueAddress } from '../queue/address.js';
import { runWorker } from '../queue/worker.js';
import { createReporter } from '../report/reporter.js';
import { configOption, glossaryOption, modelsOption, parseConcurrency, parseQueue, testMilliseconds } from './options.js';

interface WorkerOptions {
  queue: QueueAddress;
  config: string;
  models?: string;
  glossary?: string;
  concurrency?: number | 'auto';
}

/** Exit codes of `bitext worker`, as `--help` and the README give them. */
export const workerExitCodes = `Exit codes:
  0  stopped by Ctrl-C, SIGTERM or SIGHUP, its articles under way finished or handed back
  2  usage, config or model error, a queue that cannot be reached, or it had to stop: a job of a run whose config,
     models or bitext version differ from its own, an output folder it does not see, a model that stopped working
     (the article goes back to the queue for another worker; stderr says why)`;

/** `bitext worker`: takes the articles of queued runs and writes them, as a local run would. */
export function workerCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('worker')
    .description('take articles from a queue (`bitext run --queue`) and write them into their run\'s output folder, as a local run would')
    .requiredOption('--queue <url>', 'the queue: redis://HOST:PORT[/DB], as given to `bitext run --queue`', parseQueue)
    .addOption(configOption())
    .addOption(modelsOption())
    .addOption(glossaryOption())
    .option('-j, --concurrency <n>', 'articles processed at once, or `auto` (default: `concurrency` of the config)', parseConcurrency)
    .addHelpText('after', `
The worker loads its config's models once, then takes articles until it is stopped. It must run the same bitext,
config and models as the run (the models folder shared, or copied with its files' times), and see the inputs and
the output folder at the same paths; a job of a run that differs is handed back, said, and the worker stops. Models
are never fetched by a worker: \`bitext models pull\` or a shared folder. Ctrl-C or SIGTERM: the articles under
way are finished, no new one is taken; twice: they are handed back to the queue now. A worker killed outright
loses nothing: its article goes to another worker once its lock lapses (30 s).
${workerExitCodes}`)
    .action(async (options: WorkerOptions, command: Command) => {
      const config = await loadConfig(options.config, {
        models: options.models,
        concurrency: options.concurrency,
        ...(options.glossary ? { glossary: options.glossary } : {}),
      }, context.cwd, { builtIn: command.getOptionValueSource('config') === 'default' });
      const stallInterval = testMilliseconds(context.env, 'BITEXT_STALL_INTERVAL');
      const models = (context.models ?? createModelProvider)({ directory: config.models });
      try {
        state.exitCode = await runWorker(
          { queue: options.queue, stages: config.stages, models: config.models, concurrency: config.concurrency, ...(config.cache ? { cache: config.cache } : {}), ...(config.glossary ? { glossary: config.glossary } : {}) },
          {
            models,
            emit: createReporter(context.stdout, context.stderr, 'verbose'),
            say: (line) => context.stderr.write(`${line}\n`),
            display: (file) => displayPath(file, context.cwd),
            ...(context.signal ? { signal: context.signal } : {}),
            ...(context.urgent ? { urgent: context.urgent } : {}),
            ...(stallInterval ? { stallInterval } : {}),
          },
        );
      } finally {
        await models.dispose();
      }
    });
}
