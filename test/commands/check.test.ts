import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { capture } from '../support/output.js';
import { projectRoot } from '../support/paths.js';
import { temporaryFolder } from '../support/temporary.js';

async function check(input: string, argv: string[] = []) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv: ['check', ...argv], cwd: projectRoot, stdout, stderr, env: {}, stdin: Readable.from([input]) });
  return { code, lines: stdout.text().trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)), stderr: stderr.text() };
}

const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');

describe('bitext check', () => {
  it('answers each {"id", "source", "translation"} line with its flags, in order, an empty list when nothing is wrong', async () => {
    const result = await check(jsonl([
      { id: 1, source: 'Le prix est de 25 euros.', translation: 'The price is 25 euros.' },
      { id: 'b', source: 'Le prix est de 25 euros.', translation: 'The price is high.' },
      { id: 3, source: 'Emmanuel Macron parle à Bruxelles.', translation: '' },
      { id: 4, source: 'Le chat mange du poisson tous les jours à midi.', translation: 'Le chat mange du poisson tous les jours à midi.' },
      { id: 5, source: 'Il a dit non.', translation: 'He said no no no no no no no no no no no no no no no no no no.' },
    ]));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.lines).toEqual([
      { id: 1, flags: [] },
      { id: 'b', flags: [{ kind: 'number', detail: '25 → missing' }] },
      { id: 3, flags: [{ kind: 'empty', detail: 'no translation' }] },
      { id: 4, flags: [{ kind: 'untranslated', detail: 'same as the source' }] },
      { id: 5, flags: [expect.objectContaining({ kind: 'loop' })] },
    ]);
  });

  it('with --glossary, flags a term of the source whose English is missing, as the check stage of a run does', async () => {
    const glossary = path.join(temporaryFolder('bitext-check'), 'glossary.tsv');
    writeFileSync(glossary, 'Maison Blanche\tWhite House\nICE\n');
    const lines = jsonl([
      { id: 1, source: 'La Maison-Blanche défend l’ICE.', translation: 'The White House defends ICE.' },
      { id: 2, source: 'La Maison Blanche défend l’ICE.', translation: 'The presidency defends the agency.' },
    ]);
    const result = await check(lines, ['--glossary', glossary]);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      { id: 1, flags: [] },
      { id: 2, flags: [{ kind: 'term', detail: 'Maison Blanche → White House missing' }, { kind: 'term', detail: 'ICE → ICE missing' }] },
    ]);
    // Without it, only the names are seen missing.
    expect((await check(lines)).lines[1].flags.map((flag: { kind: string }) => flag.kind)).toEqual(['name', 'name']);
  });

  it('answers a line it cannot read with an error in its place, skips blank lines, and exits 1', async () => {
    const result = await check(`${jsonl([{ id: 1, source: 'Il pleut.', translation: 'It is raining.' }])}\noops\n\n{"id":2,"source":"x"}\n[]\n`);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      { id: 1, flags: [] },
      { id: null, error: expect.stringContaining('not JSON') },
      { id: 2, error: 'expected "translation" to be a string, got nothing' },
      { id: null, error: 'expected an object {"id": …, "source": …, "translation": …}' },
    ]);
    expect(result.stderr).toContain('line 2: not JSON');
    expect(result.stderr).toContain('line 4: expected "translation"');
  });

  it('checks every line of a large input, streaming in chunks', async () => {
    const records = Array.from({ length: 1000 }, (_, index) => ({ id: index, source: `Il y a ${index} chats.`, translation: index % 7 ? `There are ${index} cats.` : 'There are cats.' }));
    const result = await check(jsonl(records));
    expect(result.code).toBe(0);
    expect(result.lines.map((line) => line.id)).toEqual(records.map((record) => record.id));
    const flagged = result.lines.filter((line) => line.flags.length).map((line) => line.id);
    expect(flagged).toEqual(records.filter((record) => record.id % 7 === 0).map((record) => record.id));
  });
});
