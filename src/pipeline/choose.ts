import { UsageError } from '../errors.js';
import type { StageConfig, StageName, StageOptions } from '../stages/index.js';
import { didYouMean } from '../text/suggest.js';
import { checkStages } from './check.js';

/** Options a command sets for its stages on top of the config's (from its flags). */
export type StageOverrides = { [N in StageName]?: Partial<StageOptions[N]> };

/**
 * The stages a command runs: `names`, in this order, each with the config's options when the config lists it (the
 * defaults otherwise) and `overrides` on top, checked by the rules a config is checked by. So a command behaves the
 * same with and without a config file, and as `bitext run` does with the same options.
 */
export function chooseStages(names: readonly StageName[], configured: readonly StageConfig[] = [], overrides: StageOverrides = {}): StageConfig[] {
  const entries = names.map((name) => ({ [name]: { ...configured.find((stage) => stage.name === name)?.options, ...overrides[name] } }));
  const { stages, problems } = checkStages(entries, false);
  if (problems.length) throw new UsageError(problems.map((problem) => problem.message).join('; '));
  return stages;
}

/** The options of the stage `name` among `stages`, typed; undefined when it is not there. */
export function optionsOf<N extends StageName>(stages: readonly StageConfig[], name: N): StageOptions[N] | undefined {
  return stages.find((stage): stage is Extract<StageConfig, { name: N }> => stage.name === name)?.options as StageOptions[N] | undefined;
}

/**
 * A config's stages changed from the command line: some left out, some options set, then checked by the rules of a
 * config (leaving out `read` leaves stages without what they need, and says so).
 */
export function adjustStages(stages: readonly StageConfig[], change: { without?: readonly string[]; overrides?: StageOverrides }): StageConfig[] {
  const names = stages.map((stage) => stage.name as string);
  for (const name of change.without ?? []) {
    if (!names.includes(name)) {
      throw new UsageError(`--without ${name}: the config has no stage \`${name}\`${didYouMean(name, names)} (its stages: ${names.join(', ')})`);
    }
  }
  const kept = stages.filter((stage) => !change.without?.includes(stage.name));
  for (const name of Object.keys(change.overrides ?? {})) {
    if (!kept.some((stage) => stage.name === name)) throw new UsageError(`This option sets the \`${name}\` stage, which the run does not use; add it to the config, or leave the option out`);
  }
  const entries = kept.map((stage) => ({ [stage.name]: { ...stage.options, ...change.overrides?.[stage.name] } }));
  const { stages: checked, problems } = checkStages(entries);
  if (problems.length) throw new UsageError(problems.map((problem) => problem.message).join('; '));
  return checked;
}
