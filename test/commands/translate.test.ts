import { Readable } from 'node:stream';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { capture } from '../support/output.js';
import { projectRoot } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { dictionary } from '../../scripts/test-models/word-by-word.js';
import { workspace, writeConfig } from '../support/workspace.js';

let config: string;

beforeAll(async () => {
  const folder = workspace();
  config = writeConfig(folder, { input: folder, output: path.join(folder, 'out'), models: await testModels(), translateModel: 'bitext-test/marian-tiny' });
});

async function translate(argv: string[], input: string) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv: ['translate', '--config', config, ...argv], cwd: projectRoot, stdout, stderr, env: {}, stdin: Readable.from([input]) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('bitext translate (generated Marian, real onnxruntime)', () => {
  it('translates plain text line by line, keeping blank lines', async () => {
    const result = await translate([], 'Le chat mange.\n\nLe maire parle avec les employés. Nous refusons !\n');
    expect(result).toEqual({ code: 0, stdout: 'the cat eats.\n\nthe mayor speaks with the employees. we refuse!\n', stderr: '' });
  });

  it('reads a file given by name', async () => {
    const file = path.join(workspace(), 'texte.txt');
    writeFileSync(file, 'Le chien voit la maison.\n');
    expect((await translate([file], '')).stdout).toBe('the dog sees the house.\n');
  });

  it('--jsonl: one {"id", "translation", "segments"} line per input line, in order, long texts cut but never truncated', async () => {
    // 150 dictionary words in a seeded order, so no 4-gram repeats and the exact translation is known.
    const french = Object.keys(dictionary).filter((word) => /\p{L}/u.test(word));
    let seed = 7;
    const words = Array.from({ length: 150 }, () => french[(seed = (seed * 48271) % 2147483647) % french.length]!);
    const clauses = (list: string[]) => Array.from({ length: 25 }, (_, index) => list.slice(index * 6, index * 6 + 6).join(' ')).join(', ') + '.';
    const long = clauses(words);
    const lines = [
      { id: 1, text: 'Le chat mange.' },
      { id: 'deux', text: long },
      { id: 3, text: 'Un chien rouge voit la ville. Le maire parle !' },
      ...Array.from({ length: 70 }, (_, index) => ({ id: 10 + index, text: index % 2 ? 'Le chat mange.' : 'Nous refusons.' })),
    ];
    const result = await translate(['--jsonl'], lines.map((line) => JSON.stringify(line)).join('\n'));
    expect(result.code).toBe(0);
    const output = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(output.map((line) => line.id)).toEqual(lines.map((line) => line.id));
    expect(output[0]).toEqual({ id: 1, translation: 'the cat eats.', segments: [{ source: 'Le chat mange.', translation: 'the cat eats.' }] });
    expect(output[1].translation).toBe(clauses(words.map((word) => dictionary[word]!)));
    // The pieces the model was given, in order: more than one for the long text, its whole source between them.
    const pieces = output[1].segments as { source: string; translation: string }[];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((piece) => piece.source).join(' ')).toBe(long);
    expect(pieces.map((piece) => piece.translation).join(' ')).toBe(output[1].translation);
    expect(output[2].translation).toBe('a dog red sees the city. the mayor speaks!');
    expect(output[2].segments.map((segment: { source: string }) => segment.source)).toEqual(['Un chien rouge voit la ville.', 'Le maire parle !']);
    expect(output[72]).toEqual({ id: 79, translation: 'the cat eats.', segments: [{ source: 'Le chat mange.', translation: 'the cat eats.' }] });
  });

  it('--jsonl: answers a line it cannot read with an error in its place, and exits 1', async () => {
    const result = await translate(['--jsonl'], '{"id":1,"text":"Le chat mange."}\nnot json\n{"id":2}\n{"id":3,"text":"Nous refusons."}\n');
    expect(result.code).toBe(1);
    const output = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(output).toEqual([
      { id: 1, translation: 'the cat eats.', segments: [{ source: 'Le chat mange.', translation: 'the cat eats.' }] },
      { id: null, error: expect.stringContaining('not JSON') },
      { id: 2, error: 'expected "text" to be a string, got nothing' },
      { id: 3, translation: 'we refuse.', segments: [{ source: 'Nous refusons.', translation: 'we refuse.' }] },
    ]);
    expect(result.stderr).toContain('line 2: not JSON');
  });

  it('works without a config, with the built-in defaults and the models given by --models', async () => {
    const stdout = capture();
    const stderr = capture();
    const models = await testModels();
    // The built-in default model is opus-mt; name the tiny one through a config-free way: a models folder holding it
    // under the default id.
    const folder = workspace();
    const { cpSync } = await import('node:fs');
    cpSync(path.join(models, 'bitext-test/marian-tiny'), path.join(folder, 'models/Xenova/opus-mt-fr-en'), { recursive: true });
    const code = await run({ argv: ['translate'], cwd: folder, stdout, stderr, env: {}, stdin: Readable.from(['Le chat mange.\n']) });
    expect({ code, stdout: stdout.text(), stderr: stderr.text() }).toEqual({ code: 0, stdout: 'the cat eats.\n', stderr: '' });
  });

  it('exits 2 naming the model when it is not installed', async () => {
    const result = await translate(['--models', workspace()], 'Le chat mange.\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`bitext-test/marian-tiny` (q8) is not installed');
  });
});

describe('bitext translate reads as run reads, and one bad text stays its own', () => {
  it('reads a FILE as run reads it: its encoding recognised, read.maxMegabytes applied', async () => {
    const folder = workspace();
    const file = path.join(folder, 'latin1.txt');
    writeFileSync(file, Buffer.from('Le chat mange.\n\nLe chien voit la maison.\n', 'latin1'));
    expect((await translate([file], '')).stdout).toBe('the cat eats.\n\nthe dog sees the house.\n');
    const small = path.join(folder, 'pipeline.yaml');
    writeFileSync(small, readFileSync(config, 'utf8').replace(/^ {2}- read$/m, '  - read: {maxMegabytes: 0.00001}'));
    const stdout = capture();
    const stderr = capture();
    const code = await run({ argv: ['translate', '--config', small, file], cwd: projectRoot, stdout, stderr, env: {} });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('latin1.txt: is 41 bytes, more than read.maxMegabytes (0.00001)');
  });

  it.each([
    ['plain text', [], 'Le chat mange.\n\u0000\u0001\u0002\u0003\u0004\u0005\nNous refusons.\n', 'the cat eats.\n\nwe refuse.\n'],
  ])('in %s, translates the good lines, names the bad one, exits 1 (and always exits)', async (_, argv, input, output) => {
    const result = await translate(argv, input);
    expect(result).toEqual({ code: 1, stdout: output, stderr: expect.stringMatching(/^line 2: is a binary file, not text/) });
  });

  it('with --jsonl, answers a text it cannot read with an error in its place', async () => {
    const lines = [{ id: 1, text: 'Le chat mange.' }, { id: 2, text: '\u0000\u0001\u0002\u0003\u0004' }, { id: 3, text: 'Nous refusons.' }];
    const result = await translate(['--jsonl'], lines.map((line) => JSON.stringify(line)).join('\n'));
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { id: 1, translation: 'the cat eats.', segments: [{ source: 'Le chat mange.', translation: 'the cat eats.' }] },
      { id: 2, error: expect.stringContaining('is a binary file, not text') },
      { id: 3, translation: 'we refuse.', segments: [{ source: 'Nous refusons.', translation: 'we refuse.' }] },
    ]);
  });
});
