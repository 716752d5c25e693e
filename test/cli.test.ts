import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './support/paths.js';
import { workspace, writeConfig } from './support/workspace.js';
import { testModels } from './support/test-models.js';
import { corpus, hasShared } from './support/paths.js';

const cli = path.join(projectRoot, 'dist', 'cli.js');

describe('the bitext executable', () => {
  beforeAll(() => {
    // `npm test` builds first; building here too lets `vitest` run alone.
    if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: projectRoot });
  });

  it('is built executable, so `npx bitext` runs it', () => {
    expect(statSync(cli).mode & 0o111).toBe(0o111);
  });

  // Its speed is what loading no model library buys; a wall-clock limit would fail on a busy machine.
  it('answers --help without loading a model library', () => {
    const trace = path.join(workspace(), 'modules.txt');
    const result = spawnSync(process.execPath, ['--import', path.join(projectRoot, 'test/support/trace-imports.mjs'), cli, '--help'], {
      cwd: projectRoot,
      env: { ...process.env, BITEXT_TRACE: trace },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Exit codes:');
    const modules = readFileSync(trace, 'utf8');
    expect(modules).toContain('commander');
    expect(modules).not.toMatch(/node_modules\/(@huggingface|onnxruntime|franc)\b/);
  });

  it('exits 2 with help on stderr when given no command', () => {
    const result = spawnSync(process.execPath, [cli], { cwd: projectRoot, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: bitext');
  });

  it('exits quietly when its reader has gone away (`bitext --help | true`)', () => {
    // `true` exits without reading, so the pipe is closed by the time node writes: a certain EPIPE.
    const result = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" --help | true', process.execPath, cli], { encoding: 'utf8' });
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.status).toBe(0);
  });

  it.skipIf(!existsSync('/dev/full'))('says so, without a stack, when standard output is full; exit 3, except for run, whose report holds its results', async () => {
    const pairs = path.join(workspace(), 'pairs.jsonl');
    writeFileSync(pairs, '{"id":1,"source":"Il a 25 ans.","translation":"He is 25."}\n');
    const check = spawnSync('bash', ['-c', '"$0" "$1" check "$2" > /dev/full', process.execPath, cli, pairs], { encoding: 'utf8' });
    expect(check.stderr).toBe('bitext: standard output cannot be written (ENOSPC): the output is incomplete\n');
    expect(check.status).toBe(3);
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), 'Le conseil municipal a voté le budget de la ville hier soir.\n');
    const config = writeConfig(folder, { input, output: path.join(folder, 'out'), without: ['translate'] });
    const run = spawnSync('bash', ['-c', '"$0" "$1" run --config "$2" > /dev/full', process.execPath, cli, config], { encoding: 'utf8' });
    expect(run.stderr).toBe("bitext: standard output cannot be written (ENOSPC): the closing line is lost; the run's _report.json holds its summary\n");
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(folder, 'out', '_report.json'), 'utf8'))).toMatchObject({ exit_code: 0, summary: { written: 1 } });
  });

  it.skipIf(!hasShared)('runs the whole pipeline on the real model stack without opening a network connection, its models installed, though allowed to fetch', async () => {
    const folder = workspace();
    const log = path.join(folder, 'network.log');
    const config = writeConfig(folder, { input: corpus, output: path.join(folder, 'out'), models: await testModels(), translateModel: 'bitext-test/marian-tiny', offline: false });
    const result = spawnSync(process.execPath, ['--import', path.join(projectRoot, 'test/support/forbid-network.mjs'), cli, 'run', '--config', config], {
      cwd: projectRoot,
      env: { ...process.env, BITEXT_NETWORK_LOG: log },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });

  it('the network guard used above does catch a connection attempt', () => {
    const log = path.join(workspace(), 'network.log');
    const result = spawnSync(process.execPath, ['--import', path.join(projectRoot, 'test/support/forbid-network.mjs'), '-e', "fetch('http://127.0.0.1:9/').catch(() => {})"], {
      env: { ...process.env, BITEXT_NETWORK_LOG: log },
      encoding: 'utf8',
    });
    expect(readFileSync(log, 'utf8')).toContain('fetch http://127.0.0.1:9/');
    expect(result.stderr).toContain('network access attempted');
  });
});
