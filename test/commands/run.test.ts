import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeModels, fakeTranslation, translated } from '../support/fake-models.js';
import { testModels } from '../support/test-models.js';
import { corpus, hasShared, sharedSkipReason } from '../support/paths.js';
import { run } from '../../src/main.js';
import { capture } from '../support/output.js';
import { hashTree, readOutputs, readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

/** Source lines that are text (not separators, title rules, clip markers or trailers), date prefix removed. */
function textLines(source: string): string[] {
  return source
    .split('\n')
    .map((line) => line.replace(/^\s*date \d{4}-\d{2}\s*/, '').trim())
    .filter((line) => line && line !== '##' && line !== '-' && line !== '[…]' && !line.startsWith('Suite de l’article'));
}

describe.skipIf(!hasShared)(`bitext run on ../shared/corpus${sharedSkipReason}`, () => {
  it('with the fake translator, writes the committed snapshot for every article', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input: corpus, output });
    const before = hashTree(corpus);
    const result = await runCli(['run', '--config', config], fakeModels().provider);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^5 articles: 5 written, 0 failed · [\d,]+ words · /);
    const written = readOutputs(output);
    expect(Object.keys(written)).toHaveLength(5);
    for (const [name, markdown] of Object.entries(written)) {
      await expect(markdown).toMatchFileSnapshot(`../__snapshots__/corpus/${name}`);
    }
    expect(hashTree(corpus)).toEqual(before);
  });

  it('without the translate stage, writes five monolingual files with every source paragraph once and in order', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input: corpus, output, without: ['translate'] });
    const result = await runCli(['run', '--config', config]);
    expect(result.code).toBe(0);
    const written = readOutputs(output);
    expect(Object.keys(written).sort()).toEqual(Object.keys(hashTree(corpus)).map((name) => name.replace(/\.txt$/, '.md')).sort());
    for (const [name, markdown] of Object.entries(written)) {
      expect(markdown.startsWith('---\nsource: ')).toBe(true);
      expect(markdown).not.toContain('English');
      // The title heads the file; the summary repeats sentences, so it is left out of the count.
      const afterFrontMatter = markdown.indexOf('\n---\n') + 5;
      const summary = markdown.indexOf('## Résumé');
      const body = markdown.slice(afterFrontMatter, summary < 0 ? undefined : summary) + markdown.slice(markdown.indexOf('## Article'));
      let cursor = 0;
      for (const line of textLines(readFileSync(path.join(corpus, name.replace(/\.md$/, '.txt')), 'utf8'))) {
        const at = body.indexOf(line, cursor);
        expect(at, `${name}: "${line.slice(0, 40)}…" missing or out of order`).toBeGreaterThanOrEqual(0);
        expect(body.indexOf(line, at + line.length), `${name}: "${line.slice(0, 40)}…" twice`).toBe(-1);
        cursor = at + line.length;
      }
    }
  });

  it('gives the same files with concurrency 1 and 4', async () => {
    const outputs = await Promise.all([1, 4].map(async (concurrency) => {
      const folder = workspace();
      const output = path.join(folder, 'out');
      const config = writeConfig(folder, { input: corpus, output });
      const result = await runCli(['run', '--config', config, '--concurrency', String(concurrency)], fakeModels().provider);
      expect(result.code).toBe(0);
      return Object.fromEntries(Object.entries(readOutputs(output)));
    }));
    expect(outputs[1]).toEqual(outputs[0]);
  });

  it('with the generated Marian (real onnxruntime), gives every paragraph a non-empty English side', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const models = await testModels();
    const config = writeConfig(folder, { input: corpus, output, models, translateModel: 'bitext-test/marian-tiny' });
    const result = await runCli(['run', '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const [name, markdown] of Object.entries(readOutputs(output))) {
      expect(markdown).toContain('translate: bitext-test/marian-tiny (q8)');
      const rows = markdown.slice(markdown.indexOf('## Article')).split('\n').filter((line) => line.startsWith('| <a id='));
      expect(rows.length, name).toBeGreaterThan(2);
      for (const row of rows) {
        const english = row.split(/(?<!\\)\|/)[3]!.replace(/\*/g, '').trim();
        expect(english, `${name}: ${row.slice(0, 60)}`).not.toBe('');
      }
    }
  });

  it('writes the interleaved layout when the config asks for it', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input: corpus, output, layout: 'interleaved' });
    expect((await runCli(['run', '--config', config], fakeModels().provider)).code).toBe(0);
    const markdown = readOutputs(output)['001_cad90b054c3e6446.md']!;
    expect(markdown).not.toContain('| ¶ |');
    expect(markdown).toMatch(/<a id="p1"><\/a>\*\*¶1\*\* Alors que .*\n\n> Alors·en que·en/);
  });
});

describe('bitext run', () => {
  it('exits 1 and names the file when an article fails, writing the others', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(input);
    writeFileSync(path.join(input, 'bon.txt'), 'Un paragraphe en français, assez long pour être reconnu sans hésitation par le détecteur.\n');
    writeFileSync(path.join(input, 'vide.txt'), '\n  \n');
    const config = writeConfig(folder, { input, output: path.join(folder, 'out'), without: ['translate'] });
    const result = await runCli(['run', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('vide.txt: read: is empty');
    expect(Object.keys(readOutputs(path.join(folder, 'out')))).toEqual(['bon.md']);
    expect(result.stdout).toContain('2 articles: 1 written, 1 failed');
  });

  it('marks the sentences the check flags in the output, lists them in the report, and counts them in the last lines', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'budget.txt'), 'La ville a dépensé 25 millions en 2025 pour ses écoles et ses bibliothèques.\n\nLe conseil municipal votera le budget suivant au printemps prochain.\n');
    writeFileSync(path.join(input, 'sans.txt'), 'Le conseil municipal votera le budget suivant au printemps prochain, selon le maire.\n');
    const config = writeConfig(folder, { input, output: path.join(folder, 'out'), without: ['summarize'] });
    // A translator that loses the numbers of the first sentence: what the check is for.
    const english: Record<string, string> = {
      'La ville a dépensé 25 millions en 2025 pour ses écoles et ses bibliothèques.': 'The city spent millions on its schools and libraries.',
      'Le conseil municipal votera le budget suivant au printemps prochain.': 'The city council will vote on the next budget next spring.',
      'Le conseil municipal votera le budget suivant au printemps prochain, selon le maire.': 'The city council will vote on the next budget next spring, according to the mayor.',
    };
    const models = fakeModels({ translate: (text) => translated(english[text] ?? fakeTranslation(text)) });
    const result = await runCli(['run', '--config', config], models.provider);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 sentence flagged in 1 article: 1 number (marked ⚠ in the outputs, listed in the report)');
    const outputs = readOutputs(path.join(folder, 'out'));
    expect(outputs['budget.md']).toContain('⚠*number*');
    expect(outputs['budget.md']).toContain('- [¶1](#p1), sentence 1: **number** 25 millions → missing, 2025 → missing — “The city spent millions on its schools and libraries.”');
    expect(outputs['sans.md']).not.toContain('⚠');
    const report = readRunReport(path.join(folder, 'out'));
    expect(report.summary.flagged).toEqual({ sentences: 1, articles: 1, kinds: { number: 1 } });
    const budget = report.articles.find((article) => article.source.endsWith('budget.txt'))!;
    expect(budget.flagged).toEqual({ sentences: 1, kinds: { number: 1 } });
    expect(budget.flags).toEqual([{ paragraph: 'p1', sentence: 1, kind: 'number', detail: '25 millions → missing' }, { paragraph: 'p1', sentence: 1, kind: 'number', detail: '2025 → missing' }]);
    // Told to ignore numbers, the check flags nothing, and the run says nothing of flags.
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^( {6}ignore:) \[\]/m, '$1 [number]'));
    const quiet = await runCli(['run', '--config', config, '--force'], models.provider);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('flagged');
    expect(readOutputs(path.join(folder, 'out'))['budget.md']).not.toContain('⚠');
  });

  it('without a check stage, counts no flags anywhere: the report, the digest and the front matter say nothing of them', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'budget.txt'), 'La ville a dépensé 25 millions en 2025 pour ses écoles et ses bibliothèques.\n');
    const config = writeConfig(folder, { input, output: path.join(folder, 'out'), without: ['check'] });
    const models = fakeModels({ translate: () => translated('The city spent millions on its schools.') });
    const result = await runCli(['run', '--config', config], models.provider);
    expect(result.code).toBe(0);
    expect(readRunReport(path.join(folder, 'out')).summary).not.toHaveProperty('flagged');
    for (const name of ['index.md', 'index.html', 'budget.md', 'budget.html']) expect(readFileSync(path.join(folder, 'out', name), 'utf8'), name).not.toMatch(/flagged|⚠/u);
    // With the check, they do.
    const checked = writeConfig(folder, { input, output: path.join(folder, 'out') });
    await runCli(['run', '--config', checked, '--force'], models.provider);
    expect(readFileSync(path.join(folder, 'out', 'index.md'), 'utf8')).toContain(' · 1 sentence flagged (number 1');
    expect(readRunReport(path.join(folder, 'out')).summary.flagged).toMatchObject({ sentences: 1, articles: 1 });
  });

  it('given a path without --input, says to use --input, and reads nothing', async () => {
    const result = await runCli(['run', 'somefolder', 'my articles']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: "bitext: bitext run takes its articles with --input: bitext run --input somefolder 'my articles'\n" });
  });

  it('says in the help that it reads .html articles too', async () => {
    for (const argv of [['--help'], ['run', '--help']]) expect((await runCli(argv)).stdout).toContain('.txt, .md or .html');
  });

  it('exits 2 before reading anything when the config is invalid', async () => {
    const folder = workspace();
    const config = writeConfig(folder, { input: folder, output: path.join(folder, 'out') });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(config, readFileSync(config, 'utf8').replace('  - summarize:', '  - sumarize:'));
    const result = await runCli(['run', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pipeline\.yaml:\d+:5 error Unknown stage `sumarize`; did you mean `summarize`\?/);
    expect(result.stderr).toContain('nothing was processed');
  });

  it('exits 2 naming the model, the folder and what to do when the translation model is missing', async () => {
    const folder = workspace();
    const config = writeConfig(folder, { input: path.join(folder, 'pipeline.yaml'), output: path.join(folder, 'out') });
    const result = await runCli(['run', '--config', config, '--models', path.join(folder, 'no-models')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Model `Xenova/opus-mt-fr-en` (q8) is not installed');
    expect(result.stderr).toContain(path.join(folder, 'no-models', 'Xenova', 'opus-mt-fr-en'));
    expect(result.stderr).toContain('onnx/encoder_model_quantized.onnx');
    expect(result.stderr).toContain('bitext models pull Xenova/opus-mt-fr-en --dtype q8');
  });

  it('refuses an output folder inside the input folder', async () => {
    const folder = workspace();
    const config = writeConfig(folder, { input: folder, output: path.join(folder, 'out') });
    const result = await runCli(['run', '--config', config, '--input', folder, '--output', path.join(folder, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is inside the input folder');
  });

  it.each([
    [['run', '--concurrency', '0'], 'Expected a whole number from 1 to 64'],
    [['run', '--quiet', '--verbose'], 'cannot be used with'],
    [['run', '--nope'], "unknown option '--nope'"],
    [['rnu'], '(Did you mean run?)'],
  ])('exits 2 on a usage error: %s', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('bitext run without YAML', () => {
  /** An empty folder holding only `input/` with one article, as a new user has it. */
  function newUser() {
    const folder = workspace();
    mkdirSync(path.join(folder, 'input'));
    writeFileSync(path.join(folder, 'input', 'a.txt'), 'Le conseil municipal a voté le budget de la ville.\nLes élus de l’opposition ont voté contre.\n');
    return folder;
  }
  const runIn = async (folder: string, argv: string[], models = fakeModels()) => {
    const stdout = capture();
    const stderr = capture();
    // The fake models stand in for installed ones: nothing is fetched.
    const code = await run({ argv: ['run', '--offline', ...argv], cwd: folder, stdout, stderr, env: {}, models: models.provider });
    return { code, stdout: stdout.text(), stderr: stderr.text(), calls: models.calls };
  };

  it('runs the built-in pipeline in a folder without pipeline.yaml: ./input to ./output, and says so in the report', async () => {
    const folder = newUser();
    const result = await runIn(folder, []);
    expect(result.code).toBe(0);
    expect(readOutputs(path.join(folder, 'output'))['a.md']).toContain('translated_to: eng');
    expect(readRunReport(path.join(folder, 'output')).config).toBe('built-in defaults (no pipeline.yaml)');
    expect(result.calls.loads).toEqual([{ model: 'Xenova/opus-mt-fr-en', dtype: 'q8' }]);
  });

  it('takes the everyday changes from flags: --model, --dtype, --beams, --layout', async () => {
    const folder = newUser();
    const result = await runIn(folder, ['--model', 'owner/other', '--dtype', 'fp32', '--beams', '4', '--layout', 'interleaved']);
    expect(result.code).toBe(0);
    expect(result.calls.loads).toEqual([{ model: 'owner/other', dtype: 'fp32' }]);
    expect(result.calls.settings[0]).toMatchObject({ beams: 4 });
    expect(readOutputs(path.join(folder, 'output'))['a.md']).toMatch(/\*\*¶1\*\* /);
  });

  it('leaves stages out with --without, and refuses a stage the run does not have, or a flag for a stage left out', async () => {
    const folder = newUser();
    const monolingual = await runIn(folder, ['--without', 'translate']);
    expect(monolingual.code).toBe(0);
    expect(monolingual.calls.loads).toEqual([]);
    expect(readOutputs(path.join(folder, 'output'))['a.md']).not.toContain('translated_to');
    expect(await runIn(folder, ['--without', 'tranlsate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--without tranlsate: the config has no stage `tranlsate`; did you mean `translate`?') });
    expect(await runIn(folder, ['--without', 'translate', '--beams', '2'])).toMatchObject({ code: 2, stderr: expect.stringContaining('sets the `translate` stage, which the run does not use') });
    expect(await runIn(folder, ['--without', 'read'])).toMatchObject({ code: 2, stderr: expect.stringContaining('needs `read`') });
  });
});
