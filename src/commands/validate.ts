import { Command } from 'commander';
import { displayPath, loadConfig } from '../config/load.js';
import type { RunContext } from '../context.js';
import { configOption } from './options.js';

/** `bitext validate`: every problem in the config, compiler-style, without reading articles or loading models. */
export function validateCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('validate')
    .description('check the config and report every problem as FILE:LINE:COL error message [rule]')
    .addOption(configOption())
    .addHelpText('after', '\nExit codes: 0 the config is valid · 2 it has errors (all of them are printed, on stderr).')
    .action(async (options: { config: string }) => {
      const config = await loadConfig(options.config, {}, context.cwd);
      const stages = config.stages.map((stage) => stage.name).join(' → ');
      context.stdout.write(`${displayPath(config.file, context.cwd)} is valid: ${stages}\n`);
      state.exitCode = 0;
    });
}
