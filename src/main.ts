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
import { workerCommand } from './commands/worker.js';
import { formatDiagnostic } from './diagnostics/diagnostic.js';
import type { RunContext } from './context.js';
import type { Output } from './report/reporter.js';
import { ConfigError, isKnownError } from './errors.js';
import { tool } from './version.js';

export type { RunContext } from './context.js';

export const exitCodes = `Exit codes:
  0  done: every article was written (or, for \`run\`, was unchanged)
  1  done, but some articles or lines failed (each is named on stderr)
  2  usage, config or model error, or a bug: nothing was processed, or the run stopped
  3  standard output could not be written (a full disk, a closed stream): what was printed is incomplete
     (for \`run\`: its output folder could no longer be written; its closing line alone lost is said, not an error)
  4, 129, 130, 143: see \`bitext run --help\``;

/** Runs the bitext command line and resolves to its exit code. Only cli.ts touches `process`. */
export async function run(given: RunContext): Promise<number> {
  const state = { exitCode: 0 };
  // Standard output that cannot be written (a full disk, a closed stream) is said once on stderr, never a crash.
  const guarded = guardOutput(given.stdout, given.stderr, given.argv[0] === 'run');
  const context: RunContext = { ...given, stdout: guarded.output };
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

  for (const build of [runCommand, workerCommand, initCommand, validateCommand, detectCommand, translateCommand, checkCommand, evalCommand, summarizeCommand, glossaryCommand, modelsCommand]) {
    program.addCommand(build(context, state).exitOverride().configureOutput(program.configureOutput()));
  }

  try {
    if (!context.argv.length) {
      context.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...context.argv], { from: 'user' });
    return guarded.failed && given.argv[0] !== 'run' && state.exitCode === 0 ? 3 : state.exitCode;
  } catch (error) {
    return report(error, context);
  }
}

/**
 * Standard output that reports its first failure on stderr and drops what follows: for `run`, whose files and report
 * hold its results, only the closing line is lost; for a command whose output is its result, the exit code says so.
 */
function guardOutput(stdout: Output, stderr: Output, run: boolean): { output: Output; readonly failed: boolean } {
  let failed = false;
  const output: Output = {
    write(text) {
      if (failed) return false;
      try {
        return stdout.write(text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A reader that went away (`| head -1`) wants no more: not an error.
        if (code === 'EPIPE') return false;
        failed = true;
        const lost = run ? 'the closing line is lost; the run\'s _report.json holds its summary' : 'the output is incomplete';
        stderr.write(`bitext: standard output cannot be written (${code ?? (error as Error).message}): ${lost}\n`);
        return false;
      }
    },
    get isTTY() {
      return stdout.isTTY;
    },
    get columns() {
      return stdout.columns;
    },
  };
  return { output, get failed() { return failed; } };
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
