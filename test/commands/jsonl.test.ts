import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { capture } from '../support/output.js';
import { projectRoot } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { workspace, writeConfig } from '../support/workspace.js';

// The four commands that read JSON lines, each with a record it answers.
let config: string;
beforeAll(async () => {
  const folder = workspace();
  config = writeConfig(folder, { input: folder, output: path.join(folder, 'out'), models: await testModels(), translateModel: 'bitext-test/marian-tiny' });
});

const commands = [
  ['check', (id: string) => `{"id":${id},"source":"Le chat mange.","translation":"The cat eats."}`],
  ['detect --jsonl', (id: string) => `{"id":${id},"text":"Le chat mange le poisson du voisin."}`],
  ['summarize --jsonl', (id: string) => `{"id":${id},"text":"Le conseil municipal de Lyon a voté hier soir le budget de la ville."}`],
  ['translate --jsonl', (id: string) => `{"id":${id},"text":"Le chat mange."}`],
] as const;

async function command(argv: string, input: string | Buffer) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv: [...argv.split(' '), '--config', config], cwd: projectRoot, stdout, stderr, env: {}, stdin: Readable.from([input]) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe.each(commands)('bitext %s: JSON lines as they come', (argv, record) => {
  it('takes a byte order mark on the first line, echoes an integer id past 2^53 as written, and skips blank lines', async () => {
    const result = await command(argv, `\uFEFF${record('1')}\n\n  \n${record('12345678901234567890')}\n`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\{"id":1,/u);
    expect(lines[1]).toMatch(/^\{"id":12345678901234567890,/u);
  });

  it('says why a line is bad on stderr with its control characters escaped, not obeyed by the terminal', async () => {
    const result = await command(argv, `${record('1')}\nbad \x1b[2J\x1b]0;title\x07 line\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 2: not JSON');
    expect(result.stderr).toContain('"bad \\x1b[2J\\x1b]');
    expect(result.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/u);
    expect(result.stdout.trimEnd().split('\n')[1]).toMatch(/^\{"id":null,"error":"not JSON/u);
  });

  it('refuses a binary file once, with one message, and answers nothing', async () => {
    const binary = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\n'), Buffer.alloc(4000, 0), Buffer.from('\n\x01\x02\x03\n')]);
    const result = await command(argv, binary);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('standard input is binary data, not JSON lines')]);
  });
});
