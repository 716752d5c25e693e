import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { displayPath, loadConfig } from '../config/load.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';
import type { NameSummary } from '../runner/names.js';
import { reportName, reportPath } from '../runner/report.js';
import { configOption, parseWhole } from './options.js';

/** `bitext glossary suggest`: a starter glossary from the names of a run. */
export function glossaryCommand(context: RunContext, state: { exitCode: number }): Command {
  const glossary = new Command('glossary').description('make and keep a glossary: terms the translation must render as it says');
  glossary.command('suggest')
    .description(`a starter glossary (TSV) from the names of the last run: each name with the English it was given most`)
    .argument('[report]', `a run's ${reportName}, or the output folder holding it (default: the config's output folder)`)
    .addOption(configOption())
    .option('--min <articles>', 'leave out names found in fewer articles', parseWhole(1, 1_000_000), 1)
    .addHelpText('after', `
Prints TSV to standard output: \`French<TAB>English\` for a name the translation rendered otherwise (White House for
Maison Blanche), the name alone for one it kept as written (kept as is), and a comment above each name rendered two
ways, with every rendering and how many articles gave it. Review it, then save it and name it in the config
(\`glossary: glossary.tsv\`) or pass it with --glossary. README, "Glossary".`)
    .action(async (report: string | undefined, options: { config: string; min: number }, command: Command) => {
      const file = await reportFile(report, options.config, command.getOptionValueSource('config') === 'default', context);
      const names = await readNames(file, context);
      const kept = names.filter((name) => name.renderings.reduce((total, rendering) => total + rendering.articles, 0) >= options.min);
      context.stdout.write(suggestGlossary(kept, displayPath(file, context.cwd)));
      state.exitCode = 0;
    });
  return glossary;
}

/** The report named, the one in a folder named, or the config's output folder's. */
async function reportFile(given: string | undefined, config: string, builtIn: boolean, context: RunContext): Promise<string> {
  if (given) {
    const absolute = path.resolve(context.cwd, given);
    return path.basename(absolute) === reportName || absolute.endsWith('.json') ? absolute : reportPath(absolute);
  }
  return reportPath((await loadConfig(config, {}, context.cwd, { builtIn })).output);
}

async function readNames(file: string, context: RunContext): Promise<NameSummary[]> {
  const shown = displayPath(file, context.cwd);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`No run report at ${shown} (${error.code ?? error.message}): run \`bitext run\` first, or name a report or an output folder`, { cause: error });
  });
  let report: { names?: unknown };
  try {
    report = JSON.parse(text) as { names?: unknown };
  } catch {
    throw new UsageError(`${shown} is not a run report (not JSON)`);
  }
  if (!Array.isArray(report.names)) throw new UsageError(`${shown} lists no names: it was written by a bitext before 0.2, or by a run without the check stage; run again with \`check\` in the stages`);
  return report.names as NameSummary[];
}

/** The TSV: a header that says what it is, then each name found in the translation, rendered names before kept ones. */
export function suggestGlossary(names: readonly NameSummary[], source: string): string {
  const lines = [
    `# Glossary suggested by bitext from ${source}: review every line before use.`,
    '# French<TAB>English renders a term as given; a name alone is kept as written. Lines starting with # are comments.',
  ];
  for (const name of names) {
    const found = name.renderings.filter((rendering) => rendering.text !== null);
    if (!found.length) continue;
    if (name.inconsistent || found.length < name.renderings.length) {
      const ways = name.renderings.map((rendering) => `${rendering.text === null ? 'missing' : `“${rendering.text}”`} in ${rendering.articles}`).join(', ');
      lines.push(`# ${name.name}: ${ways}`);
    }
    // The most used; between equals, the name as written.
    const most = found[0]!.articles;
    const best = (found.find((rendering) => rendering.articles === most && rendering.text === name.name) ?? found[0]!).text!;
    lines.push(best === name.name ? name.name : `${name.name}\t${best}`);
  }
  return `${lines.join('\n')}\n`;
}
