import { Command, CommanderError } from 'commander';
import { runCommand } from './commands/run.js';
import { translateCommand } from './commands/translate.js';
import { detectCommand } from './commands/detect.js';
import { summarizeCommand } from './commands/summarize.js';
import { modelsCommand } from './commands/models.js';
import { validateCommand } from './commands/validate.js';
import { initCommand } from './commands/init.js';
import { checkCommand } from './commands/check.js';
import { evalCommand } from './commands/eval.js';
import { glossaryCommand } from './commands/glossary.js';
import { formatDiagnostic } from './diagnostics/diagnostic.js';
import type { RunContext } from './context.js';
import { ConfigError, isKnownError } from './errors.js';
import { tool } from './version.js';

export type { RunContext } from './context.js';

export const exitCodes = `Exit codes:
  0  done: every article was written (or, for \`run\`, was unchanged)
  1  done, but some articles or lines failed (each is named on stderr)
  2  usage, config or model error, or a bug: nothing was processed, or the run stopped
  3, 4, 129, 130, 143: see \`bitext run --help\``;

/** Runs the bitext command line and resolves to its exit code. Only cli.ts touches `process`. */
export async function run(context: RunContext): Promise<number> {
  const state = { exitCode: 0 };
  const program = new Command('bitext')
    .description('Offline bilingual news pipeline: detect language, translate French to English, summarize, write aligned Markdown.')
    .version(tool.version, '-V, --version')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      getOutHelpWidth: () => context.stdout.columns ?? 100,
      getErrHelpWidth: () => context.stderr.columns ?? 100,
    })
    .addHelpText('after', `\nStart with \`bitext run\`: it reads ./input and writes ./output with the default pipeline, or with ./pipeline.yaml\nwhen there is one (\`bitext init\` writes it out to edit; \`bitext validate\` checks it).\n\n${exitCodes}\n`);

  for (const build of [runCommand, initCommand, validateCommand, detectCommand, translateCommand, checkCommand, evalCommand, summarizeCommand, glossaryCommand, modelsCommand]) {
    program.addCommand(build(context, state).exitOverride().configureOutput(program.configureOutput()));
  }

  try {
    if (!context.argv.length) {
      context.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...context.argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    return report(error, context);
  }
}

function report(error: unknown, context: RunContext): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander has already printed its usage message for the rest.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof ConfigError) {
    for (const diagnostic of error.diagnostics) context.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    const errors = error.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    context.stderr.write(`${errors} error${errors === 1 ? '' : 's'} in ${error.diagnostics[0]?.file ?? 'the config'}; nothing was processed\n`);
    return 2;
  }
  if (isKnownError(error)) {
    context.stderr.write(`bitext: ${error.message}\n`);
    return 2;
  }
  context.stderr.write(`bitext: internal error; this is a bug, please report it with the text below\n${(error as Error)?.stack ?? String(error)}\n`);
  const cause = (error as Error)?.cause;
  if (cause) context.stderr.write(`caused by: ${(cause as Error)?.stack ?? String(cause)}\n`);
  return 2;
}
