import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeModels, fakeTranslation, translated } from '../support/fake-models.js';
import { corpus, hasShared, projectRoot, sharedSkipReason } from '../support/paths.js';
import { cliPath, spawnCli } from '../support/spawn-cli.js';
import { testModels } from '../support/test-models.js';
import { readOutputs, readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';
import { articles, startLongRun } from '../support/long-run.js';

const statuses = (output: string) => Object.fromEntries(readRunReport(output).articles.map((record) => [path.basename(record.source), record.status]));

/** A Markdown output is whole: front matter closed, the article section there, the last line ended. */
function isWhole(markdown: string): boolean {
  return markdown.startsWith('---\n') && markdown.indexOf('\n---\n') > 0 && markdown.includes('## Article') && markdown.endsWith('\n');
}

describe('re-runs', () => {
  it('skip articles whose input, config and models are unchanged; a changed input or option redoes what it touches; --force redoes all', async () => {
    const input = articles(3);
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output });
    const run = (...extra: string[]) => runCli(['run', '--config', config, ...extra], fakeModels().provider);

    expect((await run()).code).toBe(0);
    const first = readOutputs(output);
    const again = await run();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^3 articles: 0 written, 3 unchanged \(skipped\), 0 failed/);
    expect(statuses(output)).toEqual({ 'article-00.txt': 'unchanged', 'article-01.txt': 'unchanged', 'article-02.txt': 'unchanged' });
    expect(readOutputs(output)).toEqual(first);

    writeFileSync(path.join(input, 'article-01.txt'), 'Un autre texte, tout à fait différent du premier.\n');
    await run();
    expect(statuses(output)).toEqual({ 'article-00.txt': 'unchanged', 'article-01.txt': 'written', 'article-02.txt': 'unchanged' });

    writeFileSync(config, readFileSync(config, 'utf8').replace('words: 40', 'words: 25'));
    await run();
    expect(Object.values(statuses(output))).toEqual(['written', 'written', 'written']);

    await run('--force');
    expect(Object.values(statuses(output))).toEqual(['written', 'written', 'written']);
    expect(readRunReport(output).summary).toMatchObject({ written: 3, unchanged: 0 });
  });

  it('report a skipped article as it was written: its words, notes, flags and names, and the closing line counts them', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'flagged.txt'), 'Emmanuel Macron a signé 42 décrets à Marseille.\n');
    writeFileSync(path.join(input, 'clean.txt'), 'Le conseil a voté le budget.\n');
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output });
    // The fake model drops the number and the names of the first article: the check flags it.
    const models = fakeModels({ translate: (text) => translated(text.includes('Macron') ? 'He signed decrees.' : fakeTranslation(text)) }).provider;
    const first = await runCli(['run', '--config', config], models);
    expect(first.code).toBe(0);
    const written = readRunReport(output);
    const flaggedRecord = written.articles.find((record) => record.source.endsWith('flagged.txt'))!;
    expect(flaggedRecord.flagged?.sentences).toBe(1);
    expect(Object.keys(flaggedRecord.names ?? {})).toContain('Emmanuel Macron');
    const closing = first.stdout.split('\n').find((line) => line.includes('flagged in'));
    expect(closing).toMatch(/^\d+ sentences? flagged in \d+ articles?: /);

    const again = await runCli(['run', '--config', config], models);
    expect(again.stdout).toMatch(/^2 articles: 0 written, 2 unchanged/);
    const skipped = readRunReport(output);
    const strip = (record: (typeof skipped.articles)[number]) => ({ ...record, status: undefined, timings_ms: undefined });
    expect(skipped.articles.map(strip)).toEqual(written.articles.map(strip));
    expect(skipped.summary.flagged).toEqual(written.summary.flagged);
    expect(skipped.names).toEqual(written.names);
    expect(again.stdout.split('\n').find((line) => line.includes('flagged in'))).toBe(closing);
  });

  it('name the output that was edited, when it is not the first the article writes', async () => {
    const input = articles(1);
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output });
    const run = () => runCli(['run', '--config', config], fakeModels().provider);
    await run();
    writeFileSync(path.join(output, 'article-00.html'), `${readFileSync(path.join(output, 'article-00.html'), 'utf8')}<!-- read -->\n`);
    const again = await run();
    expect(statuses(output)).toEqual({ 'article-00.txt': 'edited' });
    // Named as the run shows paths, relative to where it runs when that is shorter (a clone in the temporary folder).
    const named = again.stderr.match(/(\S+) was edited since bitext wrote it/)?.[1];
    expect(named && path.resolve(projectRoot, named)).toBe(path.join(output, 'article-00.html'));
    expect(again.stderr).not.toContain('article-00.md was edited');
  });

  it('keep an output edited by hand, even when its input changes, until --force; redo one that was removed', async () => {
    const input = articles(3);
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output });
    const run = (...extra: string[]) => runCli(['run', '--config', config, ...extra], fakeModels().provider);
    await run();
    const first = readOutputs(output);
    // A translator's post-edit, and one cut short by a hand that slipped: neither is what bitext wrote.
    writeFileSync(path.join(output, 'article-00.md'), 'edited by hand\n');
    writeFileSync(path.join(output, 'article-02.md'), first['article-02.md']!.slice(0, 200));
    rmSync(path.join(output, 'article-01.md'));
    const again = await run();
    expect(again.code).toBe(0);
    expect(statuses(output)).toEqual({ 'article-00.txt': 'edited', 'article-01.txt': 'written', 'article-02.txt': 'edited' });
    expect(again.stderr).toMatch(/≠ \S*article-00\.txt: \S*out\/article-00\.md was edited since bitext wrote it; kept \(delete it, or use --force, to redo the article\)/);
    expect(again.stdout).toMatch(/^3 articles: 1 written, 2 edited by hand \(kept\), 0 failed/);
    expect(readFileSync(path.join(output, 'article-00.md'), 'utf8')).toBe('edited by hand\n');

    writeFileSync(path.join(input, 'article-00.txt'), 'Un texte nouveau, écrit après la retouche.\n');
    await run();
    expect(statuses(output)['article-00.txt']).toBe('edited');
    expect(readFileSync(path.join(output, 'article-00.md'), 'utf8')).toBe('edited by hand\n');

    await run('--force');
    expect(statuses(output)).toEqual({ 'article-00.txt': 'written', 'article-01.txt': 'written', 'article-02.txt': 'written' });
    expect(readOutputs(output)['article-02.md']).toBe(first['article-02.md']);
    expect((await run()).stdout).toMatch(/^3 articles: 0 written, 3 unchanged/);
  });

  it('count an output unchanged only when it is byte for byte what bitext wrote, wherever the change is', async () => {
    const input = articles(1);
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output });
    const run = () => runCli(['run', '--config', config], fakeModels().provider);
    await run();
    const written = readFileSync(path.join(output, 'article-00.md'), 'utf8');
    // Front matter kept whole, the body cut: a fingerprint in the front matter would still match.
    writeFileSync(path.join(output, 'article-00.md'), written.slice(0, written.indexOf('\n---\n') + 5));
    await run();
    expect(statuses(output)['article-00.txt']).toBe('edited');
  });

  it('redo an article whose input path is long, and skip it the next time', async () => {
    const input = articles(0);
    let deep = input;
    while (deep.length < 3900) deep = path.join(deep, 'un-dossier-au-nom-assez-long-pour-remplir');
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, 'article.txt'), 'Le conseil municipal a voté le budget.\n');
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output });
    const run = () => runCli(['run', '--config', config], fakeModels().provider);
    expect((await run()).stdout).toMatch(/^1 article: 1 written/);
    expect((await run()).stdout).toMatch(/^1 article: 0 written, 1 unchanged/);
  });

  it('remove the temporary files of runs no longer alive, whatever process ids say, and no file that is not bitext\'s', async () => {
    const input = articles(1);
    const folder = workspace();
    const output = path.join(folder, 'out');
    mkdirSync(path.join(output, 'nested', '.bitext'), { recursive: true });
    const dead = path.join(output, '.article-00.md.bitext-0123456789abcdef.0123abcd.tmp');
    // A user's own file shaped like a temporary one, and another run's output folder inside this one, are left alone.
    const users = path.join(output, '.draft.md.1234.abcdef12.tmp');
    const nested = path.join(output, 'nested', '.a.md.bitext-fedcba9876543210.0123abcd.tmp');
    for (const file of [dead, users, nested]) writeFileSync(file, 'half');
    await runCli(['run', '--config', writeConfig(folder, { input, output })], fakeModels().provider);
    // Under the output folder's lock, no other run is alive here: every other run's temporary file is stale.
    expect(readdirSync(output).sort()).toEqual(['.bitext', '.draft.md.1234.abcdef12.tmp', '_report.json', 'article-00.html', 'article-00.md', 'index.html', 'index.md', 'nested']);
    expect(readdirSync(path.join(output, 'nested')).sort()).toEqual(['.a.md.bitext-fedcba9876543210.0123abcd.tmp', '.bitext']);
  });
});

describe.skipIf(!hasShared)(`a run killed with SIGKILL halfway, then run again${sharedSkipReason}`, () => {
  it('never shows a partial file, skips what was finished, and ends identical to an uninterrupted run', async () => {
    const models = await testModels();
    const input = path.join(workspace(), 'in');
    mkdirSync(input);
    const names = readdirSync(corpus);
    const count = 40;
    for (let index = 0; index < count; index++) copyFileSync(path.join(corpus, names[index % names.length]!), path.join(input, `${String(index).padStart(2, '0')}-${names[index % names.length]}`));
    const configure = (output: string) => {
      const folder = workspace();
      return { folder, output, config: writeConfig(folder, { input, output: path.join(folder, output), models, translateModel: 'bitext-test/marian-tiny' }) };
    };

    const reference = configure('out');
    expect((await spawnCli(['run', '--config', reference.config, '--concurrency', '1'], { cwd: reference.folder })).code).toBe(0);

    const interrupted = configure('out');
    const output = path.join(interrupted.folder, 'out');
    const child = spawn(process.execPath, [cliPath, 'run', '--config', interrupted.config, '--concurrency', '1'], { cwd: interrupted.folder, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let seen = 0;
    let running = true;
    void exited.then(() => (running = false));
    while (running) {
      const files = (() => { try { return readdirSync(output).filter((name) => name.endsWith('.md')); } catch { return []; } })();
      for (const name of files) {
        let text: string;
        try { text = readFileSync(path.join(output, name), 'utf8'); } catch { continue; }
        expect(isWhole(text), `${name} seen partial`).toBe(true);
      }
      seen = files.length;
      if (seen >= 5) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await exited).toBe('SIGKILL');
    // The report left is this run's first: it says the run never finished.
    expect(readRunReport(output)).toMatchObject({ finished: null, exit_code: null, summary: { articles: count, 'not-run': count } });
    const finished = readdirSync(output).filter((name) => name.endsWith('.md'));
    expect(finished.length).toBeGreaterThanOrEqual(5);
    expect(finished.length).toBeLessThan(count);
    for (const name of finished) expect(isWhole(readFileSync(path.join(output, name), 'utf8')), name).toBe(true);
    // Finished: its page written too (the last of its outputs). An article killed between its .md and its .html is redone.
    const complete = finished.filter((name) => existsSync(path.join(output, name.replace(/\.md$/, '.html'))));
    expect(complete.length).toBeGreaterThanOrEqual(finished.length - 1);

    const resumed = await spawnCli(['run', '--config', interrupted.config, '--concurrency', '1'], { cwd: interrupted.folder });
    expect(resumed.code).toBe(0);
    const summary = readRunReport(output).summary;
    expect(summary).toMatchObject({ articles: count, unchanged: complete.length, written: count - complete.length, failed: 0 });
    expect(readdirSync(output).filter((name) => name.startsWith('.'))).toEqual(['.bitext']);
    expect(readdirSync(path.join(output, '.bitext')).sort()).toEqual(['digest', 'written.jsonl']);
    expect(readOutputs(output)).toEqual(readOutputs(path.join(reference.folder, 'out')));
  }, 120_000);
});

describe('a run interrupted with Ctrl-C', () => {
  it('starts nothing new, writes its report with the articles not run, and exits 130', async () => {
    const run = await startLongRun();
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual([130, null]);
    expect(run.stderr).toContain('stopping after the current stages');
    const report = readRunReport(run.output);
    expect(report.exit_code).toBe(130);
    expect(report.summary['not-run']).toBeGreaterThan(0);
    const names = readdirSync(run.output);
    // Written whole: its Markdown and its page (an article stopped between the two is not run, and redone next time).
    expect(report.summary.written).toBe(names.filter((name) => name.endsWith('.md') && name !== 'index.md' && names.includes(name.replace(/\.md$/, '.html'))).length);
  }, 60_000);

  it('twice, stops at once, ended by the signal (the shell shows 130), leaving no partial file', async () => {
    const run = await startLongRun();
    run.child.kill('SIGINT');
    while (!run.stderr.includes('stopping after the current stages')) await new Promise((resolve) => setTimeout(resolve, 5));
    run.child.kill('SIGINT');
    // Not an abort from a decoding thread stopped inside onnxruntime (SIGABRT), not a clean exit either.
    expect(await run.exited).toEqual([null, 'SIGINT']);
    for (const name of readdirSync(run.output).filter((file) => file.endsWith('.md'))) expect(isWhole(readFileSync(path.join(run.output, name), 'utf8')), name).toBe(true);
  }, 60_000);
});
