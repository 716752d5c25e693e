import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliPath } from './spawn-cli.js';
import { testModels } from './test-models.js';
import { workspace, writeConfig } from './workspace.js';

/** A folder of `count` short French articles. */
export function articles(count: number): string {
  const input = path.join(workspace(), 'in');
  mkdirSync(input);
  for (let index = 0; index < count; index++) {
    writeFileSync(path.join(input, `article-${String(index).padStart(2, '0')}.txt`), `Le conseil municipal a voté le budget numéro ${index}.\nLes élus de l’opposition ont voté contre ce budget.\n`);
  }
  return input;
}

/** Starts the CLI on 400 articles with the tiny model and resolves once three are written; `before` readies the output. */
export async function startLongRun(before?: (output: string) => void) {
  const folder = workspace();
  const output = path.join(folder, 'out');
  before?.(output);
  const config = writeConfig(folder, { input: articles(400), output, models: await testModels(), translateModel: 'bitext-test/marian-tiny' });
  const child = spawn(process.execPath, [cliPath, 'run', '--config', config, '--concurrency', '1'], { cwd: folder });
  const run = {
    child, folder, output, config, stdout: '', stderr: '',
    exited: new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal]))),
  };
  child.stdout.on('data', (chunk) => (run.stdout += chunk));
  child.stderr.on('data', (chunk) => (run.stderr += chunk));
  while (!readdirSync(folder).includes('out') || readdirSync(output).filter((name) => name.endsWith('.md')).length < 3) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return run;
}
