import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { splitLines } from '../../src/metrics/lines.js';
import { corrupt } from '../metrics/corrupt.js';
import { capture } from '../support/output.js';
import { projectRoot, shared } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { workspace, writeConfig } from '../support/workspace.js';
import { fakeModels, translated } from '../support/fake-models.js';

let folder: string;
let config: string;

beforeAll(async () => {
  folder = workspace();
  config = writeConfig(folder, { input: folder, output: path.join(folder, 'out'), models: await testModels(), translateModel: 'bitext-test/marian-tiny' });
});

async function evaluate(argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv: ['eval', '--config', config, ...argv], cwd: folder, stdout, stderr, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function write(name: string, lines: string[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const french = ['Le chat mange.', 'Le chien voit la maison.', 'Le maire parle avec les employés.', 'Nous refusons !'];
const english = ['the cat eats.', 'the dog sees the house.', 'the mayor speaks with the employees.', 'we refuse!'];

describe('bitext eval (generated Marian, real onnxruntime)', () => {
  it('translates the source with the configured model and scores it: BLEU 100 when it matches the reference', async () => {
    const result = await evaluate(['--source', write('src.fra', french), '--reference', write('ref.eng', english), '--json']);
    expect(result.code).toBe(0);
    const score = JSON.parse(result.stdout);
    expect(score).toEqual({
      bleu: 100, chrf: 100,
      signatures: { bleu: 'BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp', chrf: 'chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no' },
      translation: { model: 'bitext-test/marian-tiny', dtype: 'q8', beams: 1 },
      sentences: 4, flagged: 0, wordsPerSecond: expect.any(Number),
    });
    expect(score.wordsPerSecond).toBeGreaterThan(0);
  });

  it('scores a worse translation lower, and counts the sentences the check flags', async () => {
    const reference = write('other.eng', ['the cat eats fish.', 'a dog sees the house.', 'the mayor speaks.', 'we refuse!']);
    const result = await evaluate(['--source', write('src.fra', french), '--reference', reference, '--json']);
    const score = JSON.parse(result.stdout);
    expect(score.bleu).toBeGreaterThan(0);
    expect(score.bleu).toBeLessThan(100);
    const numbers = await evaluate(['--source', write('n.fra', ['Il y a 25 chats.', 'Le chat mange.']), '--reference', write('n.eng', ['There are 25 cats.', 'the cat eats.']),
      '--hypothesis', write('n.hyp', ['There are cats.', 'the cat eats.']), '--json']);
    expect(JSON.parse(numbers.stdout)).toMatchObject({ translation: { hypothesis: path.join(folder, 'n.hyp') }, sentences: 2, flagged: 1, wordsPerSecond: null });
  });

  it('prints the score, the signatures and the speed for a reader', async () => {
    const result = await evaluate(['--source', write('src.fra', french), '--reference', write('ref.eng', english)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4 sentences: bitext-test/marian-tiny (q8, greedy)');
    expect(result.stdout).toContain('BLEU 100.0 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000');
    expect(result.stdout).toContain('[BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp]');
    expect(result.stdout).toContain('chrF 100.00   [chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no]');
    expect(result.stdout).toContain('flagged by the check: 0 sentences (0.0%)');
    expect(result.stdout).toMatch(/speed: [\d,]+ source words\/s/);
  });

  it('takes --dtype and --beams on top of the config, and names them', async () => {
    const result = await evaluate(['--source', write('src.fra', french), '--reference', write('ref.eng', english), '--dtype', 'fp32', '--beams', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4 sentences: bitext-test/marian-tiny (fp32, 2 beams)');
    expect(result.stdout).toContain('BLEU 100.0 ');
    const wrong = await evaluate(['--source', write('src.fra', french), '--reference', write('ref.eng', english), '--dtype', 'fp8']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("argument 'fp8' is invalid");
  });

  it('with --glossary, holds the translation to it and names it with the scores (it changes them)', async () => {
    const glossary = path.join(folder, 'glossary.tsv');
    writeFileSync(glossary, 'chat\tdog\n');
    const args = ['--source', write('src.fra', french), '--reference', write('ref.eng', english)];
    const held = await evaluate([...args, '--glossary', glossary, '--json']);
    expect(held.code).toBe(0);
    const result = JSON.parse(held.stdout) as { bleu: number; translation: unknown };
    expect(result.translation).toEqual({ model: 'bitext-test/marian-tiny', dtype: 'q8', beams: 1, glossary: { file: 'glossary.tsv', sha256: createHash('sha256').update('chat\tdog\n').digest('hex') } });
    expect(result.bleu).toBeLessThan(100);
    expect((await evaluate([...args, '--glossary', glossary])).stdout).toContain('4 sentences: bitext-test/marian-tiny (q8, greedy, held to the glossary glossary.tsv)');
    expect(JSON.parse((await evaluate([...args, '--json'])).stdout).translation).toEqual({ model: 'bitext-test/marian-tiny', dtype: 'q8', beams: 1 });
  });

  it('refuses files that are not aligned line by line, or cannot be read, with exit 2', async () => {
    const short = await evaluate(['--source', write('src.fra', french), '--reference', write('short.eng', english.slice(0, 3))]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--reference has 3 lines, --source 4: they must be aligned line by line');
    const missing = await evaluate(['--source', 'nowhere.fra', '--reference', write('ref.eng', english)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read nowhere.fra (ENOENT)');
    const empty = write('empty.txt', []);
    expect(await evaluate(['--source', empty, '--reference', empty, '--hypothesis', empty])).toMatchObject({ code: 2, stderr: expect.stringContaining('holds no sentence') });
    const one = await evaluate(['--source', write('one.fra', french.slice(0, 1)), '--reference', write('two.eng', english.slice(0, 2))]);
    expect(one.stderr).toContain('--reference has 2 lines, --source 1:');
    // A device is refused by name, before a byte of it is read.
    const device = await evaluate(['--source', '/dev/zero', '--reference', '/dev/zero']);
    expect(device).toMatchObject({ code: 2, stderr: expect.stringContaining('/dev/zero is a character device, not a text file') });
  });

  it('--save keeps the translations it made, one a line, aligned with the source; refuses what it cannot keep', async () => {
    const saved = path.join(folder, 'saved.eng');
    const result = await evaluate(['--source', write('src.fra', french), '--reference', write('ref.eng', english), '--save', saved]);
    expect(result.code).toBe(0);
    expect(readFileSync(saved, 'utf8')).toBe(`${english.join('\n')}\n`);
    const refused = [
      [['--hypothesis', write('h.eng', english), '--save', saved], '--save keeps the translations eval makes, and with --hypothesis it makes none'],
      [['--save', path.join(folder, 'src.fra')], 'is an input of this eval; name another file'],
      [['--save', path.join(folder, 'nowhere', 'saved.eng')], 'is not there'],
    ] as const;
    for (const [argv, message] of refused) {
      const refusal = await evaluate(['--source', write('src.fra', french), '--reference', write('ref.eng', english), ...argv]);
      expect(refusal).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining(message) });
    }
  });

  it('interrupted (Ctrl-C), ends its progress line, says so, keeps what it translated and exits 130', async () => {
    const lines = Array.from({ length: 200 }, (_, index) => `Le chat ${index} mange.`);
    const interrupt = new AbortController();
    // The user presses Ctrl-C while the first sentences are being translated.
    const models = fakeModels({ translate: (text) => {
      interrupt.abort('SIGINT');
      return translated(text);
    } });
    const stdout = capture();
    const stderr = capture(true);
    const saved = path.join(folder, 'partial.eng');
    const code = await run({ argv: ['eval', '--config', config, '--source', write('long.fra', lines), '--reference', write('long.eng', lines), '--save', saved], cwd: folder, stdout, stderr, env: {}, models: models.provider, signal: interrupt.signal });
    expect(code).toBe(130);
    expect(stdout.text()).toBe('');
    const [, done] = /\r\x1b\[Kbitext: eval interrupted \(Ctrl-C\) after (\d+) of 200 sentences: nothing was scored; the \d+ translations? made are in \S+partial\.eng\n$/u.exec(stderr.text()) ?? [];
    expect(done).toBeDefined();
    expect(Number(done)).toBeLessThan(200);
    expect(readFileSync(saved, 'utf8').split('\n').filter(Boolean)).toHaveLength(Number(done));
  });

  it('refuses a --scores file it cannot read before translating anything', async () => {
    const garbage = write('scores.tsv', ['not a scores file']);
    for (const scores of ['nowhere.tsv', garbage]) {
      const result = await evaluate(['--source', write('src.fra', french), '--reference', write('ref.eng', english), '--scores', scores]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^bitext: --scores \S+ cannot be read as published scores \(.+\); give a file in the OPUS-MT leaderboard format/);
      expect(result.stdout).toBe('');
    }
  });
});

const mt = path.join(shared, 'eval', 'mt');
const hasMt = existsSync(path.join(mt, 'newstest2014.fra-eng.eng'));

describe.skipIf(!hasMt)(`bitext eval --hypothesis on newstest2014${hasMt ? '' : ' (skipped: ../shared/eval/mt is not beside the project)'}`, () => {
  it('gives sacreBLEU 2.6.0\'s numbers for a damaged reference, and the published scores beside', async () => {
    const reference = path.join(mt, 'newstest2014.fra-eng.eng');
    const damaged = write('damaged.eng', corrupt(splitLines(readFileSync(reference, 'utf8'))));
    const result = await evaluate(['--source', path.join(mt, 'newstest2014.fra-eng.fra'), '--reference', reference, '--hypothesis', damaged, '--json']);
    expect(result.code).toBe(0);
    const score = JSON.parse(result.stdout);
    // sacreBLEU 2.6.0 on the same files: 73.79061054016465 and 83.20054297351663 (test/metrics/real-files.test.ts).
    expect(score).toMatchObject({ bleu: 73.79, chrf: 83.2, sentences: 3003, wordsPerSecond: null });
    expect(score.published).toMatchObject({ testSet: 'newstest2014', bleu: 38 });
    expect(score.flagged).toBeGreaterThan(0);
    expect(score.flagged).toBeLessThan(3003);
  });
});
