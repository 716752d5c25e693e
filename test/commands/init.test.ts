import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { capture } from '../support/output.js';
import { projectRoot } from '../support/paths.js';
import { workspace } from '../support/workspace.js';

async function init(folder: string, ...argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await run({ argv: ['init', ...argv], cwd: folder, stdout, stderr, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('bitext init', () => {
  it('writes the commented default pipeline.yaml, which validate accepts, and never replaces one without --force', async () => {
    const folder = workspace();
    expect(await init(folder)).toEqual({ code: 0, stdout: expect.stringContaining('Wrote pipeline.yaml: the default pipeline, commented'), stderr: '' });
    const shipped = readFileSync(path.join(projectRoot, 'pipeline.yaml'), 'utf8');
    expect(readFileSync(path.join(folder, 'pipeline.yaml'), 'utf8')).toBe(shipped);
    writeFileSync(path.join(folder, 'pipeline.yaml'), 'edited\n');
    expect(await init(folder)).toMatchObject({ code: 2, stderr: expect.stringContaining('pipeline.yaml is already there; edit it, or replace it with the defaults: bitext init --force') });
    expect(readFileSync(path.join(folder, 'pipeline.yaml'), 'utf8')).toBe('edited\n');
    expect((await init(folder, '--force')).code).toBe(0);
    expect(readFileSync(path.join(folder, 'pipeline.yaml'), 'utf8')).toBe(shipped);
  });

  it('given a folder, writes pipeline.yaml in it, and names it in what to do next', async () => {
    const folder = workspace();
    mkdirSync(path.join(folder, 'configs'));
    const written = await init(folder, 'configs');
    expect(written).toEqual({ code: 0, stdout: expect.stringContaining('Wrote configs/pipeline.yaml: the default pipeline, commented. Edit its stages, check it with `bitext validate --config configs/pipeline.yaml`'), stderr: '' });
    expect(readFileSync(path.join(folder, 'configs', 'pipeline.yaml'), 'utf8')).toBe(readFileSync(path.join(projectRoot, 'pipeline.yaml'), 'utf8'));
    expect(await init(folder, 'configs')).toMatchObject({ code: 2, stderr: expect.stringContaining('configs/pipeline.yaml is already there; edit it, or replace it with the defaults: bitext init configs --force') });
    expect((await init(folder, 'configs', '--force')).code).toBe(0);
  });
});
