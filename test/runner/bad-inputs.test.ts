import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeModels } from '../support/fake-models.js';
import { corpus, hasShared, sharedSkipReason } from '../support/paths.js';
import { permissionsSkipReason, spawnCli } from '../support/spawn-cli.js';
import { testModels } from '../support/test-models.js';
import { hashTree, readOutputs, readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';


/** Writes the bad inputs beside whatever `folder` holds; returns what each must be reported as. */
function writeBadInputs(folder: string): Record<string, RegExp> {
  writeFileSync(path.join(folder, 'empty.txt'), '');
  writeFileSync(path.join(folder, 'blank.txt'), '  \n\t\n\n');
  writeFileSync(path.join(folder, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
  symlinkSync('loop.txt', path.join(folder, 'loop.txt'));
  symlinkSync('.', path.join(folder, 'again'));
  symlinkSync('missing.txt', path.join(folder, 'broken.txt'));
  return {
    'empty.txt': /is empty \(no text once blank lines are removed\); remove it or fill it/,
    'blank.txt': /is empty/,
    'image.txt': /is a binary file, not text/,
    'loop.txt': /is a symbolic link loop; remove it or point it at a file/,
    again: /is a symbolic link to a folder already read .*, a loop; it was not followed/,
    'broken.txt': /is a broken symbolic link \(ENOENT\); remove it or restore what it points to/,
  };
}

/** Writes inputs that are unusual but fine; each must be written. */
function writeOddInputs(folder: string) {
  writeFileSync(path.join(folder, 'latin1.txt'), Buffer.from('Le caf\xe9 de la place a rouvert ses portes apr\xe8s des ann\xe9es de travaux, \xe0 la joie des habitants.\n', 'latin1'));
  writeFileSync(path.join(folder, 'bom.txt'), `\uFEFFLa mairie a voté le budget de la ville pour l’année prochaine, après un long débat.\n`);
  writeFileSync(path.join(folder, 'crlf.txt'), 'Le budget est voté\r\n-\r\nLe conseil municipal a voté le budget de la ville pour l’année prochaine.\r\nLes élus de l’opposition ont voté contre ce budget.\r\n');
  writeFileSync(path.join(folder, 'english.txt'), 'The city council approved the budget for next year after a long debate.\nThe opposition voted against the plan, saying it cuts too much from schools.\n');
  writeFileSync(path.join(folder, 'german.txt'), 'Der Stadtrat hat den Haushalt für das nächste Jahr nach einer langen Debatte verabschiedet.\nDie Opposition stimmte gegen den Plan.\n');
}

describe.skipIf(!hasShared)(`a batch of bad inputs mixed with the corpus${sharedSkipReason}`, () => {
  it('with the tiny model: exit 1, good articles as in a clean run, bad ones named with their reason, inputs untouched', async () => {
    const models = await testModels();
    const clean = workspace();
    const cleanOutput = path.join(clean, 'out');
    const cleanRun = await runCli(['run', '--config', writeConfig(clean, { input: corpus, output: cleanOutput, models, translateModel: 'bitext-test/marian-tiny' })]);
    expect(cleanRun.code).toBe(0);

    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    for (const name of readdirSync(corpus)) copyFileSync(path.join(corpus, name), path.join(input, name));
    const bad = writeBadInputs(input);
    writeOddInputs(input);
    const before = hashTree(input);
    const output = path.join(folder, 'out');
    const result = await runCli(['run', '--config', writeConfig(folder, { input, output, models, translateModel: 'bitext-test/marian-tiny' })]);

    expect(result.code).toBe(1);
    expect(hashTree(input)).toEqual(before);
    const report = readRunReport(output);
    expect(report.exit_code).toBe(1);
    const byName = new Map(report.articles.map((record) => [path.basename(record.source), record]));
    for (const [name, reason] of Object.entries(bad)) {
      expect(result.stderr).toMatch(new RegExp(`in/${name.replace('.', '\\.')}: read: ${reason.source}`));
      expect(byName.get(name)).toMatchObject({ status: 'failed', stage: 'read', reason: expect.stringMatching(reason) });
    }
    expect(report.summary).toMatchObject({ articles: 5 + 6 + 5, written: 10, failed: 6, unchanged: 0 });

    // Every good article is written exactly as in a clean run (but for where its source was read from).
    const written = readOutputs(output);
    const sourceLine = (markdown: string) => markdown.replace(/^source: .*$/m, 'source: …');
    for (const [name, markdown] of Object.entries(readOutputs(cleanOutput))) expect(sourceLine(written[name]!), name).toBe(sourceLine(markdown));

    const latin1 = written['latin1.md']!;
    expect(latin1).toContain('source_encoding: windows-1252');
    expect(latin1).toContain('Le café de la place');
    expect(byName.get('latin1.txt')!.warnings).toContain('read: not valid UTF-8; decoded as Windows-1252 (Latin-1)');
    expect(written['bom.md']).toContain('source_encoding: utf-8-bom');
    expect(written['bom.md']).not.toContain('\uFEFF');
    expect(written['crlf.md']).not.toContain('\r');
    expect(written['crlf.md']).toContain('# Le budget est voté\n');
    // English passes through, its summary in English; German is kept and flagged.
    expect(written['english.md']).toMatch(/language:\n {2}code: eng/);
    expect(written['english.md']).not.toContain('translated_to');
    expect(written['english.md']).toMatch(/## Résumé · Summary\n\n- The city council approved the budget/);
    expect(written['german.md']).toMatch(/notes:\n {2}- "translate: 2 sentences in deu kept as written: no model is configured to translate deu/);
    expect(byName.get('german.txt')!.warnings).toEqual([expect.stringMatching(/2 sentences in deu kept as written/)]);
  }, 60_000);
});

describe('inputs and outputs a run cannot use', () => {
  it.skipIf(Boolean(permissionsSkipReason))(`names an unreadable file and what to do, and writes the rest${permissionsSkipReason}`, async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'good.txt'), 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.\n');
    writeFileSync(path.join(input, 'secret.txt'), 'Le conseil municipal a voté le budget.\n');
    chmodSync(path.join(input, 'secret.txt'), 0o000);
    for (const open of [folder, input]) chmodSync(open, 0o777);
    const config = writeConfig(folder, { input, output: path.join(folder, 'out'), without: ['translate'] });
    const result = await spawnCli(['run', '--config', config], { cwd: folder, unprivileged: true });
    expect(result.stderr).toMatch(/in\/secret\.txt: read: cannot be read \(EACCES\); check that you may read it/);
    expect(result.code).toBe(1);
    expect(Object.keys(readOutputs(path.join(folder, 'out')))).toEqual(['good.md']);
    expect(readRunReport(path.join(folder, 'out')).articles.map((record) => record.status)).toEqual(['written', 'failed']);
  });

  it.skipIf(Boolean(permissionsSkipReason))(`refuses an output folder it cannot write before reading any article, exit 2${permissionsSkipReason}`, async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'good.txt'), 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.\n');
    const locked = path.join(folder, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(folder, 0o755);
    const config = writeConfig(folder, { input, output: locked, without: ['translate'] });
    const result = await spawnCli(['run', '--config', config], { cwd: folder, unprivileged: true });
    expect(result.stderr).toMatch(/The output folder \S*locked cannot be written \(EACCES\); fix its permissions or choose another with --output DIR/);
    expect(result.code).toBe(2);
    expect(readdirSync(locked)).toEqual([]);
  });

  it('refuses an output folder under a file, exit 2', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'good.txt'), 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.\n');
    writeFileSync(path.join(folder, 'a-file'), '');
    const config = writeConfig(folder, { input: path.join(folder, 'good.txt'), output: path.join(folder, 'a-file', 'out'), without: ['translate'] });
    const onFile = await runCli(['run', '--config', config]);
    expect(onFile.stderr).toMatch(/is a file, or lies under one, not a folder \(ENOTDIR\); choose a folder with --output DIR/);
    expect(onFile.code).toBe(2);
  });

  it('stops before any article on a truncated model file, naming it and how to get it again', async () => {
    const { cpSync, truncateSync } = await import('node:fs');
    const models = path.join(workspace(), 'models');
    cpSync(await testModels(), models, { recursive: true });
    truncateSync(path.join(models, 'bitext-test/marian-tiny/onnx/encoder_model_quantized.onnx'), 300);
    const folder = workspace();
    writeFileSync(path.join(folder, 'a.txt'), 'Le chat mange.\n');
    const config = writeConfig(folder, { input: path.join(folder, 'a.txt'), output: path.join(folder, 'out'), models, translateModel: 'bitext-test/marian-tiny' });
    const result = await runCli(['run', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Damaged: onnx\/encoder_model_quantized\.onnx \(onnxruntime cannot read it/);
    expect(result.stderr).toMatch(/bitext models pull bitext-test\/marian-tiny --dtype q8/);
  });

  it('reads, translates and writes a 5 MB article whole', async () => {
    const folder = workspace();
    const paragraph = 'Le conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat.';
    const lines = Array.from({ length: 55_000 }, (_, index) => `${paragraph} Paragraphe ${index + 1}.`);
    const file = path.join(folder, 'long.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(readFileSync(file).length).toBeGreaterThan(5 * 1024 * 1024);
    const output = path.join(folder, 'out');
    const result = await runCli(['run', '--config', writeConfig(folder, { input: file, output })], fakeModels().provider);
    expect(result.code).toBe(0);
    const markdown = readOutputs(output)['long.md']!;
    expect(markdown).toContain('paragraphs: 55000');
    expect(markdown).toContain('| <a id="p55000"></a>55000 | Le conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat. Paragraphe 55000. |');
  }, 120_000);
});

describe('files that are not what they seem', () => {
  it('refuses named pipes and devices by name, without waiting on them, and writes the rest', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'good.txt'), 'Le conseil municipal a voté le budget de la ville pour l’année prochaine.\n');
    execFileSync('mkfifo', [path.join(input, 'pipe.txt')]);
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output, without: ['translate'] });
    // A pipe in a folder, and a pipe and a device named on the command line: none has a writer, each would block a read.
    const result = await runCli(['run', '--config', config, '--input', input, '/dev/zero'], fakeModels().provider);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in\/pipe\.txt: read: is a named pipe \(FIFO\), not a regular file; only regular files/);
    expect(result.stderr).toMatch(/\/dev\/zero: read: is a character device, not a regular file; only regular files/);
    expect(Object.keys(readOutputs(output))).toEqual(['good.md']);
  });

  it('repairs only the bytes that are broken in a UTF-8 file, and says how many', async () => {
    const folder = workspace();
    const file = path.join(folder, 'clipped.txt');
    const text = Buffer.from('L’enquête du conseil municipal a commencé hier soir, après un long débat.\nLe maire a répondu aux élus de l’opposition.\n');
    // A stray Windows-1252 byte in the middle, and the last character cut in half, as a clipped scrape leaves it.
    const at = text.indexOf(' municipal');
    writeFileSync(file, Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at), Buffer.from('déjà', 'utf8').subarray(0, 5)]));
    const output = path.join(folder, 'out');
    const result = await runCli(['run', '--config', writeConfig(folder, { input: file, output, without: ['translate'] })], fakeModels().provider);
    expect(result.code).toBe(0);
    const markdown = readOutputs(output)['clipped.md']!;
    expect(markdown).toContain('L’enquête du conseil� municipal');
    expect(markdown).not.toContain('Ã');
    expect(markdown).toContain('source_encoding: utf-8');
    expect(readRunReport(output).articles[0]!.warnings).toEqual(['read: not valid UTF-8 in 2 places; those bytes were replaced with U+FFFD (�)']);
  });

  it.each([
    ['a file where the cache folder should be', false, (cache: string) => writeFileSync(cache, 'not a folder')],
    // Its file, made by a first run, replaced by a folder of the same name.
    ['a cache whose file cannot be read', true, (cache: string) => {
      for (const name of readdirSync(cache)) {
        rmSync(path.join(cache, name));
        mkdirSync(path.join(cache, name));
      }
    }],
  ])('goes on in memory, with one warning, when the translation cache is %s', async (_, firstRun, spoil) => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    for (const name of ['a', 'b', 'c']) writeFileSync(path.join(input, `${name}.txt`), `Le conseil municipal a voté le budget ${name}.\n`);
    const cache = path.join(folder, 'cache');
    const config = writeConfig(folder, { input, output: path.join(folder, 'out') });
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^source: /m, 'cache: cache\nsource: '));
    if (firstRun) expect((await runCli(['run', '--config', config, '--output', path.join(folder, 'first')], fakeModels().provider)).stderr).toBe('');
    spoil(cache);
    const result = await runCli(['run', '--config', config], fakeModels().provider);
    expect(result.code).toBe(0);
    const report = readRunReport(path.join(folder, 'out'));
    expect(report.summary.written).toBe(3);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toEqual([expect.stringMatching(/^warning: the translation cache \S+ cannot be (read|written) \((ENOTDIR|EISDIR).*\); translations are kept in memory for this run only/)]);
    expect(report.warnings).toEqual([warnings[0]!.slice('warning: '.length)]);
  });
});
