import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { capture } from '../support/output.js';
import { workspace } from '../support/workspace.js';

async function detect(argv: string[], input = '', cwd = workspace()) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv: ['detect', ...argv], cwd, stdout, stderr, env: {}, stdin: Readable.from([input]) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('bitext detect', () => {
  it('--jsonl: one {"id", "language", "confidence"} line per input line, in order, each text judged alone', async () => {
    const texts = [
      [7, 'Le gouvernement a présenté hier sa réforme.'],
      ['b', 'The government presented its reform yesterday.'],
      [null, 'Die Regierung hat gestern ihre Reform vorgestellt.'],
      [{ nested: true }, 'casa'],
      [3, '12:30'],
    ] as const;
    const input = texts.map(([id, text]) => JSON.stringify({ id, text })).join('\n');
    const result = await detect(['--jsonl'], `${input}\n`);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.id, line.language])).toEqual([[7, 'fra'], ['b', 'eng'], [null, 'deu'], [{ nested: true }, 'und'], [3, 'und']]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['id', 'language', 'confidence']);
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
    expect(lines[0].confidence).toBeGreaterThan(0.95);
  });

  it('--jsonl: a line it cannot read gets an error in its place, and the exit code is 1', async () => {
    const result = await detect(['--jsonl'], '{"id": 1, "text": "Bonjour à tous, mes amis."}\nnot json\n{"id": 3}\n{"id": 4, "text": "Hello to all of you, my friends."}\n');
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.language ?? 'error')).toEqual(['fra', 'error', 'error', 'eng']);
    expect(lines[2]).toEqual({ id: 3, error: 'expected "text" to be a string, got nothing' });
    expect(result.stderr).toMatch(/line 2: not JSON/);
    expect(result.code).toBe(1);
  });

  it('shows an article: its language, each block, and each sentence of a paragraph that mixes languages', async () => {
    const folder = workspace();
    const file = path.join(folder, 'article.txt');
    writeFileSync(file, [
      'Les salariés interpellent leur direction',
      '-',
      'Les employés de Salesforce font circuler une lettre ouverte appelant le PDG à prendre position. "We refuse to be complicit in this policy." La lettre a été signée par plusieurs centaines de salariés.',
      'The company did not respond to our requests for comment on Tuesday evening.',
    ].join('\n'));
    const result = await detect(['article.txt'], '', folder);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^article\.txt: fra 1\.00$/);
    expect(lines[1]).toMatch(/^ {2}title +fra \d\.\d\d +Les salariés/);
    expect(lines[2]).toMatch(/^ {2}p1 +fra /);
    expect(lines[4]).toMatch(/^ {4}p1\.2 +eng \d\.\d\d +"We refuse/);
    expect(lines.at(-1)).toMatch(/^ {2}p2 +eng /);
  });

  it('names a file it cannot read and goes on with the others, exiting 1', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'good.txt'), 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.');
    const result = await detect(['missing.txt', 'good.txt'], '', folder);
    expect(result.stderr).toMatch(/^missing\.txt: cannot be read \(ENOENT\)/);
    expect(result.stdout).toMatch(/^good\.txt: fra/);
    expect(result.code).toBe(1);
  });

  it('uses the candidates of the config, and reports a config error with its location', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'pipeline.yaml'), 'stages:\n  - read\n  - detect-language:\n      candidates: [fra, eng]\n  - write-markdown\n');
    const german = JSON.stringify({ id: 1, text: 'Die Regierung hat gestern ihre Reform vorgestellt.' });
    expect(JSON.parse((await detect(['--jsonl'], german, folder)).stdout).language).not.toBe('deu');
    writeFileSync(path.join(folder, 'pipeline.yaml'), 'stages:\n  - read\n  - detect-language:\n      candidates: [fra, xyz]\n  - write-markdown\n');
    const broken = await detect(['--jsonl'], german, folder);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/pipeline\.yaml:4:\d+ error .*a language bitext can detect/);
  });
});
