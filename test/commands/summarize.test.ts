import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import type { ModelProvider } from '../../src/models/provider.js';
import { capture } from '../support/output.js';
import { fakeModels } from '../support/fake-models.js';
import { workspace } from '../support/workspace.js';

async function summarize(argv: string[], input = '', cwd = workspace(), models?: () => ModelProvider) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv: ['summarize', ...argv], cwd, stdout, stderr, env: {}, stdin: Readable.from([input]), ...(models ? { models } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const french = 'Le conseil municipal de Lyon a voté hier soir le budget de la ville pour l’année prochaine. Il pleuvait. ' +
  'Les écoles recevront trois millions d’euros pour isoler leurs bâtiments avant l’hiver. Le maire a salué un vote historique pour la ville.';
const english = 'The city council of Lyon voted on the budget of the city last night. It was raining. ' +
  'Schools will receive three million euros to insulate their buildings before winter. The mayor hailed a historic vote for the city.';

describe('bitext summarize', () => {
  it('--jsonl: one {"id", "language", "summary"} line per input line, in order, in the text’s own language', async () => {
    const input = [JSON.stringify({ id: 'a', text: french }), '', JSON.stringify({ id: 2, text: english })].join('\n');
    const result = await summarize(['--jsonl', '--words', '12'], `${input}\n`);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.id, line.language])).toEqual([['a', 'fra'], [2, 'eng']]);
    expect(lines[0].summary).toBe('Le conseil municipal de Lyon a voté hier soir le budget de la ville pour l’année prochaine.');
    expect(lines[1].summary).toBe('The city council of Lyon voted on the budget of the city last night.');
  });

  it('keeps a summary within twice --words: a longer sentence comes cut at a clause break, ending with `…`', async () => {
    const long = `${Array.from({ length: 400 }, () => 'le conseil municipal de Lyon a voté le budget de la ville, les écoles recevront trois millions').join(' ; ')}.`;
    const text = `Selon le maire, ${long}`;
    const jsonl = await summarize(['--jsonl', '--words', '15'], `${JSON.stringify({ id: 1, text })}\n`);
    const { summary } = JSON.parse(jsonl.stdout) as { summary: string };
    expect(summary).toBe('Selon le maire, le conseil municipal de Lyon a voté le budget de la ville, les écoles recevront trois millions…');
    const folder = workspace();
    writeFileSync(path.join(folder, 'article.txt'), `${text}\n`);
    const plain = await summarize(['article.txt', '--words', '15'], '', folder);
    expect(plain.stdout.trimEnd().split('\n')[1]).toBe(`  p1   ${summary}`);
  });

  it('--jsonl: a line it cannot read gets an error in its place, and the exit code is 1', async () => {
    const result = await summarize(['--jsonl'], `not json\n${JSON.stringify({ id: 2, text: french })}\n`);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({ id: null, error: expect.stringContaining('not JSON') });
    expect(lines[1].id).toBe(2);
    expect(result.stderr).toContain('line 1: not JSON');
  });

  it('prints an article’s summary with the paragraph each sentence comes from, with the config’s budget', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'article.txt'), `Le budget de Lyon\n-\n\n${french}\n\nLe budget de la ville augmente pour les écoles de Lyon.\n`);
    writeFileSync(path.join(folder, 'pipeline.yaml'), 'input: .\noutput: out\nstages:\n  - read\n  - detect-language\n  - summarize:\n      words: 60\n  - write-markdown\n');
    const result = await summarize(['article.txt'], '', folder);
    expect(result.code).toBe(0);
    const [head, ...sentences] = result.stdout.trimEnd().split('\n');
    expect(head).toBe('article.txt: extractive summary in fra');
    expect(sentences.length).toBeGreaterThan(1);
    for (const line of sentences) expect(line).toMatch(/^ {2}p[12] +\S/);
  });

  it('--method abstractive: an English text summarized by the model, with the guard’s drops on stderr', async () => {
    const models = fakeModels({ summarize: () => 'The mayor of Paris spoke. Schools will receive three million euros.' });
    const result = await summarize(['--jsonl', '--method', 'abstractive'], `${JSON.stringify({ id: 1, text: english })}\n`, workspace(), models.provider);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ id: 1, language: 'eng', summary: 'Schools will receive three million euros.' });
    expect(result.stderr).toContain('line 1: dropped a generated sentence stating “Paris”');
    expect(models.calls.loads).toEqual([{ model: 'Xenova/distilbart-cnn-6-6', dtype: 'q8' }]);
  });

  it('refuses a budget out of range, with the range', async () => {
    const result = await summarize(['--words', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Expected a whole number from 5 to 1000, got `2`');
  });
});
