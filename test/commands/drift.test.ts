import { Readable } from 'node:stream';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { fakeModels } from '../support/fake-models.js';
import { capture } from '../support/output.js';
import { workspace, writeConfig } from '../support/workspace.js';

/** Runs a command in `folder`, with the fake models. */
async function command(folder: string, argv: string[], input = '') {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv, cwd: folder, stdout, stderr, env: {}, stdin: Readable.from([input]), models: fakeModels().provider });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('every command reads as `bitext run` reads, through the same stages', () => {
  it.each([['run'], ['detect'], ['summarize']])('%s refuses a file over read.maxMegabytes, as the config says', async (name) => {
    const folder = workspace();
    const article = path.join(folder, 'a.txt');
    writeFileSync(article, 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.\n');
    const config = writeConfig(folder, { input: article, output: path.join(folder, 'out'), without: ['translate'] });
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {2}- read$/m, '  - read: {maxMegabytes: 0.00001}'));
    const result = await command(folder, name === 'run' ? ['run', '--config', config] : [name, '--config', config, article]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/a\.txt: (read: )?is \d+ bytes, more than read\.maxMegabytes \(0\.00001\); raise it in pipeline\.yaml to read it/);
  });

  it('summarize prints the abstractive summary run puts on top: of the English, where the config translates', async () => {
    const folder = workspace();
    const article = path.join(folder, 'a.txt');
    writeFileSync(article, 'Le budget\n-\n\nLe conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat.\n');
    const config = writeConfig(folder, { input: article, output: path.join(folder, 'out') });
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {6}method: extractive/m, '      method: abstractive'));
    const result = await command(folder, ['summarize', '--config', config, article]);
    expect(result.stderr, result.stderr).not.toContain("no English text");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/a\.txt: abstractive summary in eng/);
    const ran = await command(folder, ['run', '--config', config]);
    expect(ran.code).toBe(0);
    const summary = result.stdout.split('\n').slice(1).join(' ').trim();
    expect(summary.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(folder, 'out', 'a.md'), 'utf8')).toContain(summary.split(' ').slice(0, 4).join(' '));
  });

  it.each([['detect', '--jsonl'], ['summarize', '--jsonl'], ['translate', '--jsonl']])('%s works in an empty folder, on the built-in defaults', async (name, flag) => {
    const result = await command(workspace(), [name, flag], `${JSON.stringify({ id: 1, text: 'Le conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat.' })}\n`);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 1 });
  });
});
