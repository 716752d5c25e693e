import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { workspace } from '../support/workspace.js';

const stages = 'stages:\n  - read\n  - translate\n  - write-markdown\n';

async function problems(load: Promise<unknown>): Promise<string[]> {
  const error = await load.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).diagnostics.map(formatDiagnostic);
}

describe('the glossary a config names', () => {
  it('is read once, relative to the config file, with its hash', async () => {
    const folder = workspace();
    mkdirSync(path.join(folder, 'terms'));
    writeFileSync(path.join(folder, 'terms', 'news.tsv'), 'Maison Blanche\tWhite House\nICE\n');
    writeFileSync(path.join(folder, 'pipeline.yaml'), `glossary: terms/news.tsv\n${stages}`);
    const config = await loadConfig('pipeline.yaml', {}, folder);
    expect(config.glossary).toMatchObject({ file: path.join(folder, 'terms', 'news.tsv'), entries: [{ source: 'Maison Blanche', target: 'White House' }, { source: 'ICE', keep: true }] });
    expect(config.glossary!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads only a regular file of sensible size: a pipe, a device or a huge file is refused at once, saying what it is', async () => {
    const folder = workspace();
    const refusal = async (glossary: string) => {
      const error = await loadConfig('pipeline.yaml', { glossary }, folder, { builtIn: true }).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    };
    execFileSync('mkfifo', [path.join(folder, 'pipe.tsv')]);
    expect(await refusal('pipe.tsv')).toBe('The glossary pipe.tsv is a named pipe (FIFO), not a file; write one (README, "Glossary") or remove `glossary`');
    expect(await refusal('/dev/zero')).toBe('The glossary /dev/zero is a character device, not a file; write one (README, "Glossary") or remove `glossary`');
    // 101 MB that take no room: the size alone refuses it, before a byte is read.
    writeFileSync(path.join(folder, 'huge.tsv'), '');
    truncateSync(path.join(folder, 'huge.tsv'), 101 * 2 ** 20);
    expect(await refusal('huge.tsv')).toBe('The glossary huge.tsv holds 101 MB, more than a glossary\'s 100 MB; write one (README, "Glossary") or remove `glossary`');
  });

  it('reports the glossary\'s own problems in the glossary file, and one that is missing at the config\'s key', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'bad.tsv'), 'ICE\t\nMaison Blanche\tWhite House\nMaison Blanche\tThe White House\n');
    writeFileSync(path.join(folder, 'pipeline.yaml'), `glossary: bad.tsv\n${stages}`);
    expect(await problems(loadConfig('pipeline.yaml', {}, folder))).toEqual([
      'bad.tsv:1:5 error Expected the English for `ICE` after the tab; to keep it as written, leave the tab out [glossary/invalid-line]',
      'bad.tsv:3:1 error `Maison Blanche` is given twice, as `White House` (line 2) and `The White House` (line 3); keep one [glossary/duplicate-term]',
    ]);
    writeFileSync(path.join(folder, 'pipeline.yaml'), `input: input\nglossary: missing.yaml\n${stages}`);
    expect(await problems(loadConfig('pipeline.yaml', {}, folder))).toEqual([
      'pipeline.yaml:2:11 error The glossary missing.yaml does not exist; write one (README, "Glossary") or remove `glossary` [config/invalid-value]',
    ]);
  });

  it('comes from --glossary over the config, relative to the working folder, and with the built-in defaults too', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'mine.yaml'), 'keep: [ICE]\n');
    writeFileSync(path.join(folder, 'pipeline.yaml'), `glossary: nowhere.tsv\n${stages}`);
    expect((await loadConfig('pipeline.yaml', { glossary: 'mine.yaml' }, folder)).glossary?.entries).toEqual([{ source: 'ICE', target: 'ICE', keep: true, line: 1 }]);
    const builtIn = await loadConfig('absent.yaml', { glossary: 'mine.yaml' }, folder, { builtIn: true });
    expect(builtIn).toMatchObject({ builtIn: true, glossary: { entries: [{ source: 'ICE' }] } });
    await expect(loadConfig('absent.yaml', { glossary: 'nowhere.tsv' }, folder, { builtIn: true })).rejects.toThrow(UsageError);
  });

  it('is read from UTF-16 as Excel writes it, and refused in one problem when it is Latin-1', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'excel.txt'), Buffer.from('\uFEFFÉtats-Unis\tUnited States\r\n', 'utf16le'));
    writeFileSync(path.join(folder, 'pipeline.yaml'), `glossary: excel.txt\n${stages}`);
    expect((await loadConfig('pipeline.yaml', {}, folder)).glossary?.entries).toEqual([{ source: 'États-Unis', target: 'United States', keep: false, line: 1 }]);
    writeFileSync(path.join(folder, 'excel.txt'), Buffer.from('\xc9tats-Unis\tUnited States\nS\xe9nat\tSenate\n', 'latin1'));
    expect(await problems(loadConfig('pipeline.yaml', {}, folder))).toEqual([
      'excel.txt:1:1 error The glossary is not UTF-8: it looks like Latin-1 (Windows-1252), whose accents bitext does not guess at; save it as UTF-8 (in a text editor: Save As, encoding UTF-8; from Excel: "Unicode Text" also works) [glossary/encoding]',
    ]);
  });
});
