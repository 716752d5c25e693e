import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeModels } from '../support/fake-models.js';
import { cliPath, isRoot, permissionsSkipReason, spawnCli } from '../support/spawn-cli.js';
import { hashTree, readOutputs, readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

const french = 'Le conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat.\n';

/** The project's folders opened to every user, for a run as `nobody` (its own config: offline, no model: monolingual). */
function openTo(p: ReturnType<typeof project>) {
  writeFileSync(p.config, readFileSync(p.config, 'utf8').replace(/^ {2}- translate:\n(?: {6}.*\n)*/m, ''));
  for (const folder of [p.folder, p.input, path.join(p.input, 'sub')]) chmodSync(folder, 0o777);
  mkdirSync(p.output, { mode: 0o777 });
  chmodSync(p.output, 0o777);
  return p;
}

/** A folder with `in/` holding two articles and a config writing `out/`, the fake models, offline. */
function project() {
  const folder = workspace();
  const input = path.join(folder, 'in');
  mkdirSync(path.join(input, 'sub'), { recursive: true });
  writeFileSync(path.join(input, 'a.txt'), french);
  writeFileSync(path.join(input, 'sub', 'b.txt'), french.replace('budget', 'plan'));
  const output = path.join(folder, 'out');
  const config = writeConfig(folder, { input, output });
  const run = (...argv: string[]) => runCli(['run', '--config', config, ...argv], fakeModels().provider);
  return { folder, input, output, config, run };
}

describe('nothing of bitext\'s own is written through a link into an input', () => {
  it('refuses an output folder whose .bitext is a link', async () => {
    const p = project();
    mkdirSync(p.output);
    symlinkSync(p.input, path.join(p.output, '.bitext'));
    const before = hashTree(p.input);
    const result = await p.run();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/out\/\.bitext is a symbolic link; bitext keeps its lock and record there and never writes through a link: remove it/);
    expect(hashTree(p.input)).toEqual(before);
  });

  it('keeps its translation cache out of an input folder, and never appends to a cache file through a link', async () => {
    const p = project();
    writeFileSync(p.config, readFileSync(p.config, 'utf8').replace(/^source: /m, `cache: ${JSON.stringify(path.join(p.input, 'cache'))}\nsource: `));
    const before = hashTree(p.input);
    const result = await p.run();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: the translation cache \S+in\/cache lies in the input \S+in, where bitext writes nothing: translations are kept in memory/);
    expect(hashTree(p.input)).toEqual(before);
  });

  it('does not make folders in an input before it finds that a link in the output folder leads there', async () => {
    const p = project();
    mkdirSync(path.join(p.input, 'other'));
    mkdirSync(p.output);
    symlinkSync(path.join(p.input, 'other'), path.join(p.output, 'sub'));
    const before = hashTree(p.input);
    const result = await p.run();
    expect(result.stderr).toMatch(/in\/sub\/b\.txt: write-markdown: its output sub\/b\.md would land at \S+in\/other\/b\.md, outside the output folder/);
    expect(hashTree(p.input)).toEqual(before);
  });

  it('skips a file of an input folder that is one of the output folder\'s own files (a hard link)', async () => {
    const p = project();
    expect((await p.run()).code).toBe(0);
    linkSync(path.join(p.output, 'a.md'), path.join(p.input, 'copy.md'));
    const result = await p.run();
    expect(result.stderr).toMatch(/warning: \S+in\/copy\.md is one of the output folder's own files \(a hard link to it\); skipped/);
    expect(readRunReport(p.output).summary.articles).toBe(2);
  });
});

describe('what bitext reads of its own never blocks', () => {
  it.each([
    ['an output', 'out/a.md'],
    ['the ledger', 'out/.bitext/written.jsonl'],
    ['the lock', 'out/.bitext/lock'],
  ])('a named pipe in place of %s is refused or set aside, not waited on', async (_, where) => {
    const p = project();
    mkdirSync(path.join(p.output, '.bitext'), { recursive: true });
    execFileSync('mkfifo', [path.join(p.folder, where)]);
    // In a child process: were a read to block, the test would time out, not the test runner.
    const result = spawnSync(process.execPath, [cliPath, 'run', '--config', p.config, '--without', 'translate'], { cwd: p.folder, encoding: 'utf8', timeout: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.status).not.toBeNull();
    expect(result.stderr).toMatch(/named pipe|cannot read|set aside/);
  });

  it('does not hash a file larger than read takes (a 30 GB sparse file is refused at once)', async () => {
    const p = project();
    execFileSync('truncate', ['-s', '30G', path.join(p.input, 'huge.txt')]);
    const result = await p.run();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in\/huge\.txt: read: is 30720\.0 MB, more than read\.maxMegabytes \(20\)/);
  });
});

describe('outputs bitext cannot vouch for are kept, and said', () => {
  it('keeps outputs it has no record of (the record lost), with one warning, until --force', async () => {
    const p = project();
    await p.run();
    const { rmSync } = await import('node:fs');
    rmSync(path.join(p.output, '.bitext'), { recursive: true });
    const result = await p.run();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/a\.md and \S+a\.html are not in bitext's record of what it wrote \(another tool's, or the record was lost\); kept/);
    expect(result.stderr).toMatch(/warning: 2 outputs were already there, and bitext has no record of writing them \(\S+written\.jsonl is missing, or does not list them\): kept as they are; --force redoes them/);
    expect((await p.run('--force')).stdout).toMatch(/^2 articles: 2 written/);
  });

  it.skipIf(Boolean(permissionsSkipReason))(`fails, and never replaces, an output it cannot read to check for edits${permissionsSkipReason}`, async () => {
    const p = openTo(project());
    expect((await spawnCli(['run', '--config', p.config], { cwd: p.folder, unprivileged: true })).code).toBe(0);
    writeFileSync(path.join(p.output, 'a.md'), 'a post-edit, readable by its owner only\n');
    chmodSync(path.join(p.output, 'a.md'), 0o600);
    if (isRoot) execFileSync('chown', ['0:0', path.join(p.output, 'a.md')]);
    writeFileSync(path.join(p.input, 'a.txt'), `${french}Un paragraphe de plus.\n`);
    const result = await spawnCli(['run', '--config', p.config], { cwd: p.folder, unprivileged: true });
    expect(result.stderr).toMatch(/a\.txt: write: its output a\.md cannot be read \(EACCES\); check that you may read it; it cannot be checked for edits, so it was left as it is/);
    expect(readFileSync(path.join(p.output, 'a.md'), 'utf8')).toBe('a post-edit, readable by its owner only\n');
  });
});

describe('planning refuses what would collide', () => {
  it('refuses an output wanted both as a file and as a folder', async () => {
    const p = project();
    mkdirSync(path.join(p.input, 'x.md'));
    writeFileSync(path.join(p.input, 'x.txt'), french);
    writeFileSync(path.join(p.input, 'x.md', 'y.txt'), french);
    const result = await p.run();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/in\/x\.txt and \S+in\/x\.md\/y\.txt would write x\.md both as a file and as a folder; rename one/);
    expect(existsSync(p.output)).toBe(false);
  });

  it.skipIf(Boolean(permissionsSkipReason))(`names a sub-folder it cannot list, and runs the rest${permissionsSkipReason}`, async () => {
    const p = openTo(project());
    chmodSync(path.join(p.input, 'sub'), 0o000);
    const result = await spawnCli(['run', '--config', p.config], { cwd: p.folder, unprivileged: true });
    chmodSync(path.join(p.input, 'sub'), 0o755);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in\/sub: read: is a folder that cannot be read \(EACCES\)/);
    expect(Object.keys(readOutputs(p.output))).toEqual(['a.md']);
  });
});

// Bind mounts need a mount namespace of the test's own.
const namespaces = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;

describe.skipIf(!namespaces)(`an input folder reached through a bind mount${namespaces ? '' : ' (skipped: no mount namespace here)'}`, () => {
  it('is still an input: an output folder inside it is refused', async () => {
    const p = project();
    const view = path.join(p.folder, 'view');
    mkdirSync(view);
    const before = hashTree(p.input);
    const script = `mount --bind "$1" "$2" && exec "$3" "$4" run --config "$5" --output "$2/out"`;
    const result = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', p.input, view, process.execPath, cliPath, p.config], { encoding: 'utf8', cwd: p.folder });
    expect(result.stderr).toMatch(/The output folder \S+view\/out is inside the input folder/);
    expect(result.status).toBe(2);
    expect(hashTree(p.input)).toEqual(before);
    expect(readdirSync(p.input)).not.toContain('out');
  });
});
