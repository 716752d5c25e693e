import { describeIssues, describeValue, type Problem } from '../diagnostics/problems.js';
import type { StageDefinition } from '../stages/stage.js';
import { definitions, type StageConfig } from '../stages/index.js';

export type { StageConfig, StageName, StageOptions } from '../stages/index.js';
import { didYouMean } from '../text/suggest.js';

/** Every stage, by name. */
export const registry: ReadonlyMap<string, StageDefinition> = new Map(definitions.map((definition) => [definition.name, definition as StageDefinition]));
export const stageNames: readonly string[] = definitions.map((definition) => definition.name);

interface Entry {
  name: string;
  index: number;
  /** Path of the stage's name in the written config. */
  path: (string | number)[];
  atKey: boolean;
  options: unknown;
}

/**
 * Checks the `stages` list: each entry is a stage name or `{name: {options}}`, every name is registered and used once,
 * options match the stage's schema, every stage comes after the stages it needs, and nothing follows the writer.
 * A config must write something (`needsWriter`); a command's choice of stages need not.
 */
export function checkStages(entries: unknown[], needsWriter = true): { stages: StageConfig[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = entries.map((entry, index) => readEntry(entry, index, problems));
  const known = parsed.filter((entry): entry is Entry => entry !== undefined && registry.has(entry.name));

  for (const entry of parsed) {
    if (entry && !registry.has(entry.name)) {
      problems.push({ path: entry.path, atKey: entry.atKey, rule: 'config/unknown-stage',
        message: `Unknown stage \`${entry.name}\`${didYouMean(entry.name, stageNames)} (stages: ${stageNames.map((name) => `\`${name}\``).join(', ')})` });
    }
  }

  const stages: StageConfig[] = [];
  const seen = new Map<string, Entry>();
  for (const entry of known) {
    const definition = registry.get(entry.name)!;
    if (seen.has(entry.name)) {
      problems.push({ path: entry.path, atKey: entry.atKey, rule: 'config/duplicate-stage',
        message: `Stage \`${entry.name}\` is listed twice (first on entry ${seen.get(entry.name)!.index + 1}); keep one` });
    }
    seen.set(entry.name, entry);
    const written = entry.options ?? {};
    const result = definition.options.safeParse(written, { reportInput: true });
    if (result.success) stages.push({ name: entry.name, options: result.data } as StageConfig);
    else {
      const keys = 'shape' in definition.options ? Object.keys((definition.options as unknown as { shape: object }).shape) : [];
      const scope = { name: `stage \`${entry.name}\``, base: entry.path, keys };
      problems.push(...describeIssues(result.error.issues, scope));
    }
  }

  // A stage listed twice is one problem, not also one of order: the order is checked on first entries.
  const first = known.filter((entry, index) => known.findIndex((other) => other.name === entry.name) === index);
  problems.push(...checkOrder(first, needsWriter));
  return { stages, problems };
}

function readEntry(entry: unknown, index: number, problems: Problem[]): Entry | undefined {
  const path = ['stages', index];
  if (typeof entry === 'string') return { name: entry, index, path, atKey: false, options: {} };
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const names = Object.keys(entry);
    if (names.length === 1) {
      const name = names[0]!;
      return { name, index, path: [...path, name], atKey: true, options: (entry as Record<string, unknown>)[name] };
    }
    problems.push({ path, atKey: false, rule: 'config/invalid-stage',
      message: names.length
        ? `A stage entry names one stage; found ${names.map((name) => `\`${name}\``).join(', ')} (is a \`-\` missing, or are options not indented under the name?)`
        : 'Empty stage entry; write a stage name' });
    return undefined;
  }
  problems.push({ path, atKey: false, rule: 'config/invalid-stage',
    message: `Expected a stage name or \`{name: {options}}\`, got ${describeValue(entry)}` });
  return undefined;
}

function checkOrder(entries: Entry[], needsWriter: boolean): Problem[] {
  const problems: Problem[] = [];
  const position = new Map(entries.map((entry, order) => [entry.name, order]));
  const sink = entries.findIndex((entry) => registry.get(entry.name)!.writes);
  entries.forEach((entry, order) => {
    const definition = registry.get(entry.name)!;
    for (const read of definition.after ?? []) {
      const at = position.get(read);
      if (at !== undefined && at > order) {
        problems.push({ path: entry.path, atKey: entry.atKey, rule: 'config/stage-order',
          message: `Stage \`${entry.name}\` reads what \`${read}\` finds, but \`${read}\` comes after it; move \`${read}\` above \`${entry.name}\`` });
      }
    }
    for (const needed of definition.requires) {
      const at = position.get(needed);
      if (at === undefined) {
        problems.push({ path: entry.path, atKey: entry.atKey, rule: 'config/missing-stage',
          message: `Stage \`${entry.name}\` needs \`${needed}\`, which is not in \`stages\`; add it above \`${entry.name}\`` });
      } else if (at > order) {
        problems.push({ path: entry.path, atKey: entry.atKey, rule: 'config/stage-order',
          message: `Stage \`${entry.name}\` needs \`${needed}\`, which comes after it; move \`${needed}\` above \`${entry.name}\`` });
      }
    }
    if (sink >= 0 && order > sink && !definition.writes) {
      problems.push({ path: entry.path, atKey: entry.atKey, rule: 'config/stage-order',
        message: `Stage \`${entry.name}\` comes after \`${entries[sink]!.name}\`, so its work would not be written; move it above \`${entries[sink]!.name}\`` });
    }
  });
  if (needsWriter && entries.length && sink < 0) {
    problems.push({ path: ['stages'], atKey: true, rule: 'config/missing-stage',
      message: `\`stages\` writes nothing; add \`write-markdown\` at the end` });
  }
  return problems;
}
