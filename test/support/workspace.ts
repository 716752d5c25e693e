import { lstatSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { run } from '../../src/main.js';
import type { ModelProvider } from '../../src/models/provider.js';
import type { RunReport } from '../../src/runner/report.js';
import { capture } from './output.js';
import { projectRoot } from './paths.js';
import { temporaryFolder } from './temporary.js';

/** A temporary folder for one test's config and output. */
export function workspace(): string {
  return temporaryFolder('bitext-test');
}

/** The default pipeline.yaml with `input`/`output` replaced, offline unless told otherwise, and, optionally, stages removed or options changed. */
export function writeConfig(folder: string, changes: { input: string; output: string; without?: string[]; layout?: string; models?: string; translateModel?: string; offline?: boolean; source?: string }): string {
  const text = readFileSync(path.join(projectRoot, 'pipeline.yaml'), 'utf8');
  let edited = text.replace(/^input: .*$/m, `input: ${JSON.stringify(changes.input)}`).replace(/^output: .*$/m, `output: ${JSON.stringify(changes.output)}`);
  for (const stage of changes.without ?? []) {
    // A stage entry runs from its `- name` line to the next entry or comment at the same indentation.
    edited = edited.replace(new RegExp(`^  - ${stage}(:?)\\n(?:(?!  [-#]).*\\n)*`, 'm'), '');
  }
  // Tests never reach a network unless they ask to (a local mirror): the shipped default fetches what is missing.
  edited = edited.replace(/^offline: .*$/m, `offline: ${changes.offline ?? true}`);
  if (changes.source) edited = edited.replace(/^source: .*$/m, `source: ${changes.source}`);
  if (changes.models) edited = edited.replace(/^models: .*$/m, `models: ${JSON.stringify(changes.models)}`);
  if (changes.translateModel) edited = edited.replace(/model: Xenova\/opus-mt-fr-en/, `model: ${changes.translateModel}`);
  if (changes.layout) edited = edited.replace(/^(\s+)layout: side-by-side/m, `$1layout: ${changes.layout}`);
  const file = path.join(folder, 'pipeline.yaml');
  writeFileSync(file, edited);
  return file;
}

/** Runs the CLI in process from the project root. */
export async function runCli(argv: string[], models?: () => ModelProvider) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv, cwd: projectRoot, stdout, stderr, env: {}, ...(models ? { models } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Every file of a folder (not its sub-folders), name → content. */
export function readTree(folder: string): Record<string, string> {
  const files = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
  return Object.fromEntries(files.map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]));
}

/**
 * Every entry under a folder, to prove it was not touched: a file's SHA-256 and mode, a link's target, a folder's
 * mode. Links are not followed, so loops and broken links are fine.
 */
export function hashTree(folder: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(folder, relative)).sort()) {
      const entry = path.join(relative, name);
      const full = path.join(folder, entry);
      const info = lstatSync(full);
      const mode = (info.mode & 0o777).toString(8);
      if (info.isSymbolicLink()) entries[entry] = `link → ${readlinkSync(full)}`;
      else if (info.isDirectory()) {
        entries[entry] = `folder ${mode}`;
        walk(entry);
      } else entries[entry] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${mode}`;
    }
  };
  walk('');
  return entries;
}

/** The articles' Markdown files of an output folder (its run report and digest left out), name → content. */
export function readOutputs(folder: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readTree(folder)).filter(([name]) => name.endsWith('.md') && name !== 'index.md'));
}

/** The `_report.json` a run wrote in its output folder. */
export function readRunReport(output: string): RunReport {
  return JSON.parse(readFileSync(path.join(output, '_report.json'), 'utf8')) as RunReport;
}
