import { copyFile, constants } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { builtInConfigFile, displayPath } from '../config/load.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';

/** `bitext init`: writes the commented default pipeline.yaml, to edit. */
export function initCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('init')
    .description('write the default pipeline.yaml in this folder, commented, to edit')
    .argument('[file]', 'where to write it', 'pipeline.yaml')
    .option('-f, --force', 'replace a file that is already there')
    .addHelpText('after', '\nEvery command works without it, on the same defaults; write it to change what a run does.\nExit codes: 0 written · 2 the file exists (--force replaces it) or cannot be written.')
    .action(async (file: string, options: { force?: boolean }) => {
      const target = path.resolve(context.cwd, file);
      try {
        await copyFile(builtInConfigFile, target, options.force ? 0 : constants.COPYFILE_EXCL);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new UsageError(`${file} is already there; edit it, or replace it with the defaults: bitext init --force`, { cause: error });
        throw new UsageError(`${file} cannot be written (${code ?? (error as Error).message})`, { cause: error });
      }
      context.stdout.write(`Wrote ${displayPath(target, context.cwd)}: the default pipeline, commented. Edit its stages, check it with \`bitext validate\`, then \`bitext run\`.\n`);
      state.exitCode = 0;
    });
}
