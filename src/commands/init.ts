import { copyFile, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { builtInConfigFile, displayPath } from '../config/load.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';

/** `bitext init`: writes the commented default pipeline.yaml, to edit. */
export function initCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('init')
    .description('write the default pipeline.yaml in this folder, commented, to edit')
    .argument('[file]', 'where to write it: a file, or a folder to write pipeline.yaml in', 'pipeline.yaml')
    .option('-f, --force', 'replace a file that is already there')
    .addHelpText('after', '\nEvery command works without it, on the same defaults; write it to change what a run does.\nExit codes: 0 written · 2 the file exists (--force replaces it) or cannot be written.')
    .action(async (given: string, options: { force?: boolean }) => {
      // A folder (`bitext init configs/`) gets its pipeline.yaml.
      const folder = (await stat(path.resolve(context.cwd, given)).catch(() => undefined))?.isDirectory();
      const file = folder ? path.join(given, 'pipeline.yaml') : given;
      const target = path.resolve(context.cwd, file);
      try {
        await copyFile(builtInConfigFile, target, options.force ? 0 : constants.COPYFILE_EXCL);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const again = given === 'pipeline.yaml' ? 'bitext init --force' : `bitext init ${given} --force`;
        if (code === 'EEXIST') throw new UsageError(`${file} is already there; edit it, or replace it with the defaults: ${again}`, { cause: error });
        if (code === 'EISDIR') throw new UsageError(`${file} is a folder; name a file to write, or remove the folder`, { cause: error });
        throw new UsageError(`${file} cannot be written (${code ?? (error as Error).message})`, { cause: error });
      }
      const shown = displayPath(target, context.cwd);
      // Commands find ./pipeline.yaml by themselves; any other file is named to them.
      const config = shown === 'pipeline.yaml' ? '' : ` --config ${shown}`;
      context.stdout.write(`Wrote ${shown}: the default pipeline, commented. Edit its stages, check it with \`bitext validate${config}\`, then \`bitext run${config}\`.\n`);
      state.exitCode = 0;
    });
}
