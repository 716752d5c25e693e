import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestName } from '../../src/runner/digest.js';
import { fakeModels } from '../support/fake-models.js';
import { startLongRun } from '../support/long-run.js';
import { readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

/** A batch of three articles, one in a sub-folder, and a config that writes them to `out`. */
function batch(options: { without?: string[] } = {}) {
  const folder = workspace();
  const input = path.join(folder, 'in');
  mkdirSync(path.join(input, 'monde'), { recursive: true });
  writeFileSync(path.join(input, 'budget.txt'), 'date 2025-03\nLe budget <script>alert(1)</script> & « ses » votes\n-\nLa ville a dépensé 25 millions pour ses écoles et ses bibliothèques cette année.\n\nLe conseil municipal votera le budget suivant au printemps prochain.\n');
  writeFileSync(path.join(input, 'monde', 'élection.txt'), 'Une élection a eu lieu\n-\nLes électeurs ont choisi un nouveau maire dimanche dernier, après une longue campagne.\n');
  writeFileSync(path.join(input, 'vide.txt'), '\n');
  const output = path.join(folder, 'out');
  const config = writeConfig(folder, { input, output, ...(options.without ? { without: options.without } : {}) });
  return { folder, input, output, config, run: () => runCli(['run', '--config', config], fakeModels().provider) };
}

/** The digest's sections, by title: what each says. */
function sections(output: string): Record<string, string> {
  const text = readFileSync(path.join(output, 'index.md'), 'utf8');
  return Object.fromEntries(text.split(/^## /m).slice(1).map((section) => [section.split('\n')[0]!, section]));
}

const identity = (file: string) => `${statSync(file).dev}:${statSync(file).ino}`;

describe('the digest of a batch', () => {
  it('lists every article with its titles, date, language, English summary, flags and links; a failure with its reason', async () => {
    const { output, run } = batch();
    expect((await run()).code).toBe(1);
    const digest = readFileSync(path.join(output, 'index.md'), 'utf8');
    expect(digest).toMatch(/^# Digest\n\n3 articles: 2 written, 1 failed · \d{4}-\d\d-\d\dT/);
    const listed = sections(output);
    expect(Object.keys(listed)).toEqual([
      '[Le budget &lt;script>alert(1)&lt;/script> & « ses » votes](<budget.html>)',
      '[Une élection a eu lieu](<monde/%C3%A9lection.html>)',
      'Untitled (vide.txt)',
    ]);
    const budget = Object.values(listed)[0]!;
    expect(budget).toContain('*Le·en budget·en &lt;script>alert(1)&lt;/script>·en');
    expect(budget).toContain('2025-03 · Français (fra, ');
    expect(budget).toContain('> La·en ville·en a·en dépensé·en');
    expect(budget).toContain('[page](<budget.html>) · [Markdown](<budget.md>)');
    expect(Object.values(listed)[2]).toContain('**failed: read: is empty');
    const html = readFileSync(path.join(output, 'index.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="budget.html">Le budget &lt;script&gt;alert(1)&lt;/script&gt; &amp; « ses » votes</a>');
    expect(html).toContain('<a href="monde/%C3%A9lection.html">Une élection a eu lieu</a>');
    expect(html.match(/<article class="entry">/g)).toHaveLength(3);
  });

  it('after a resume where nothing changed, lists the skipped articles with their data, rewritten whole in a new file', async () => {
    const { output, run } = batch();
    await run();
    const first = sections(output);
    const before = identity(path.join(output, 'index.html'));
    const again = await run();
    expect(again.stdout).toMatch(/^3 articles: 0 written, 2 unchanged \(skipped\), 1 failed/);
    expect(sections(output)).toEqual(first);
    expect(readFileSync(path.join(output, 'index.md'), 'utf8')).toContain('3 articles: 2 unchanged, 1 failed');
    // Replaced by a rename, as every output is: a reader never sees half of it.
    expect(identity(path.join(output, 'index.html'))).not.toBe(before);
    expect(readdirSync(output).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('redoes, once, a skipped article whose kept entry is gone or damaged, so that it is still listed as it is', async () => {
    const { output, run } = batch();
    await run();
    const first = sections(output);
    const kept = readdirSync(path.join(output, '.bitext', 'digest')).sort();
    expect(kept).toHaveLength(2);
    rmSync(path.join(output, '.bitext', 'digest', kept[0]!));
    writeFileSync(path.join(output, '.bitext', 'digest', kept[1]!), '{"name": "edited by hand"');
    expect((await run()).stdout).toMatch(/^3 articles: 2 written, 1 failed/);
    expect(sections(output)).toEqual(first);
    expect((await run()).stdout).toMatch(/^3 articles: 0 written, 2 unchanged \(skipped\), 1 failed/);
  });

  it('lists an output edited by hand as kept, with what bitext knew of it', async () => {
    const { output, run } = batch();
    await run();
    writeFileSync(path.join(output, 'budget.md'), 'my own edit\n');
    await run();
    const budget = Object.values(sections(output))[0]!;
    expect(budget).toContain('**edited by hand, kept**');
    expect(budget).toContain('> La·en ville·en');
  });

  it('without translation, gives the summary in the article\'s language', async () => {
    const { output, run } = batch({ without: ['translate'] });
    await run();
    const budget = Object.values(sections(output))[0]!;
    expect(budget).not.toContain('·en');
    expect(budget).toContain('> La ville a dépensé 25 millions');
    expect(readFileSync(path.join(output, 'index.html'), 'utf8')).toContain('<p lang="fr" dir="auto">La ville a dépensé 25 millions');
  });

  it('is never written through a link: a link in its place is replaced, and what it pointed to is left alone', async () => {
    const { folder, output, run } = batch();
    mkdirSync(output);
    const elsewhere = path.join(folder, 'elsewhere.html');
    writeFileSync(elsewhere, 'not bitext\'s');
    symlinkSync(elsewhere, path.join(output, 'index.html'));
    await run();
    expect(lstatSync(path.join(output, 'index.html')).isFile()).toBe(true);
    expect(readFileSync(elsewhere, 'utf8')).toBe('not bitext\'s');
  });

  it('takes another name when an article is called index, and says so', async () => {
    const { input, output, run } = batch();
    writeFileSync(path.join(input, 'index.txt'), 'Un index des articles\n-\nCet article porte le nom que le sommaire prendrait autrement dans le dossier.\n');
    const result = await run();
    expect(result.stderr).toContain('the digest is');
    expect(readFileSync(path.join(output, 'index.md'), 'utf8')).toMatch(/^---\nsource: /);
    expect(readFileSync(path.join(output, '_index.md'), 'utf8')).toMatch(/^# Digest\n\n4 articles: 3 written, 1 failed/);
    expect(readRunReport(output).warnings.join('\n')).toContain('_index.html');
  });

  it('after Ctrl-C, lists the articles written with their data and the rest as not run', async () => {
    const run = await startLongRun();
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual([130, null]);
    const report = readRunReport(run.output);
    const digest = readFileSync(path.join(run.output, 'index.md'), 'utf8');
    expect(digest).toContain('This run was interrupted (SIGINT)');
    const listed = Object.values(sections(run.output));
    expect(listed).toHaveLength(400);
    expect(listed.filter((section) => section.includes('**not run'))).toHaveLength(report.summary['not-run']);
    expect(listed.filter((section) => section.includes('[page](') && !section.includes('**not run'))).toHaveLength(report.summary.written);
  }, 60_000);
});

describe('the digest\'s name', () => {
  it.each([
    [['a', 'sub/b'], 'index'],
    [['index'], '_index'],
    [['Index', '_index'], '__index'],
    [['index.md/a'], '_index'],
    [['sub/index'], 'index'],
  ])('%j → %s', (names, expected) => {
    expect(digestName(names.map((name) => name.split('/').join(path.sep)))).toBe(expected);
  });
});
