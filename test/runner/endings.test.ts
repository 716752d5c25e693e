import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLongRun } from '../support/long-run.js';
import { cliPath } from '../support/spawn-cli.js';
import { testModels } from '../support/test-models.js';
import { hashTree, readRunReport, workspace, writeConfig } from '../support/workspace.js';

// The articles written whole: their Markdown and their page, the last of their outputs (the digest is neither).
const markdownFiles = (folder: string) => {
  const names = readdirSync(folder);
  return names.filter((name) => name.endsWith('.md') && name !== 'index.md' && names.includes(name.replace(/\.md$/, '.html'))).length;
};

/** An earlier run's report, to be replaced by this run's as soon as it starts. */
const earlierReport = (output: string) => {
  mkdirSync(output, { recursive: true });
  writeFileSync(path.join(output, '_report.json'), JSON.stringify({ started: '2020-01-01T00:00:00.000Z', exit_code: 0 }));
};

describe('every ending writes this run\'s report, and a closing line that agrees with it', () => {
  it.each([['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const)('%s: no new article starts, exit %d, the articles not run listed', async (signal, code) => {
    const started = new Date();
    const run = await startLongRun(earlierReport);
    run.child.kill(signal);
    expect(await run.exited).toEqual([code, null]);
    const report = readRunReport(run.output);
    expect(new Date(report.started).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(report).toMatchObject({ exit_code: code, interrupted: signal });
    expect(report.summary['not-run']).toBeGreaterThan(0);
    expect(report.summary.written).toBe(markdownFiles(run.output));
    const { written, unchanged, failed } = report.summary;
    expect(run.stdout).toBe(`Interrupted (${signal}): 400 articles: ${written} written, ${unchanged ? `${unchanged} unchanged (skipped), ` : ''}${failed} failed, ${report.summary['not-run']} not run${run.stdout.slice(run.stdout.indexOf(' · '))}`);
    expect(readdirSync(path.join(run.output, '.bitext')).sort()).toEqual(['digest', 'written.jsonl']);
  }, 60_000);

  it('an output folder removed mid-run: the run stops (exit 3), its report is written again and says why', async () => {
    const run = await startLongRun();
    // Moved away whole, as `rm -rf` does it from the run's point of view, without racing the files being written.
    renameSync(run.output, `${run.output}.gone`);
    const [code] = await run.exited;
    expect(code).toBe(3);
    const report = readRunReport(run.output);
    expect(report.exit_code).toBe(3);
    expect(report.stopped).toMatch(/was removed|lock .* was removed/);
    expect(run.stderr).toMatch(/bitext: the run stopped: /);
    expect(run.stdout).toMatch(/^Stopped: 400 articles: \d+ written, \d+ failed, \d+ not run · /);
  }, 60_000);
});

// A small file system of its own, full after a few articles: a tmpfs mounted in a user and mount namespace.
const namespaces = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;
const namespaceSkip = namespaces ? '' : ' (skipped: `unshare --user --map-root-user --mount` is not allowed here, so no small file system can be mounted)';

describe.skipIf(!namespaces)(`a disk that fills up mid-run${namespaceSkip}`, () => {
  it('stops the run (exit 3), keeps every finished output whole, and the report and closing line agree', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    const paragraph = 'Le conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat.';
    for (let index = 0; index < 60; index++) writeFileSync(path.join(input, `article-${String(index).padStart(2, '0')}.txt`), `${Array.from({ length: 40 }, () => paragraph).join('\n')}\n`);
    const output = path.join(folder, 'out');
    const copy = path.join(folder, 'copy');
    mkdirSync(output);
    mkdirSync(copy);
    const config = writeConfig(folder, { input, output, models: await testModels(), translateModel: 'bitext-test/marian-tiny' });
    const before = hashTree(input);
    // The file system lives as long as the namespace: what it held is copied out before it goes.
    const script = 'mount -t tmpfs -o size=384k tmpfs "$1" && "$2" "$3" run --config "$4" --concurrency 1; code=$?; cp -a "$1"/. "$5"/; exit $code';
    const result = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', output, process.execPath, cliPath, config, copy], { encoding: 'utf8', cwd: folder });
    expect(result.stderr).toMatch(/bitext: the run stopped: The output folder \S+ cannot be written: the disk is full \(ENOSPC\)/);
    expect(result.status).toBe(3);
    const report = readRunReport(copy);
    expect(report.exit_code).toBe(3);
    expect(report.stopped).toMatch(/ENOSPC/);
    expect(report.summary.written).toBe(markdownFiles(copy));
    expect(report.summary.written).toBeGreaterThan(0);
    expect(report.summary['not-run']).toBeGreaterThan(0);
    expect(result.stdout).toMatch(new RegExp(`^Stopped: 60 articles: ${report.summary.written} written, ${report.summary.failed} failed, ${report.summary['not-run']} not run · `));
    // Every output there is whole: front matter closed, the article in it, the last line ended.
    for (const name of readdirSync(copy).filter((file) => file.endsWith('.md') && file !== 'index.md')) {
      const text = readFileSync(path.join(copy, name), 'utf8');
      expect(text.startsWith('---\n') && text.includes('\n---\n') && text.includes('## Article') && text.endsWith('\n'), name).toBe(true);
    }
    // The digest, where the full disk left room for it, is whole too, and lists what is written; else the report says why.
    if (readdirSync(copy).includes('index.md')) {
      const digest = readFileSync(path.join(copy, 'index.md'), 'utf8');
      expect(digest.startsWith('# Digest\n') && digest.endsWith('\n')).toBe(true);
      expect(digest).toContain(`60 articles: ${report.summary.written} written`);
    } else expect(report.warnings.join('\n')).toMatch(/the digest .* could not be written \(ENOSPC\)/);
    expect(hashTree(input)).toEqual(before);
  }, 120_000);
});
