import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths.js';
import { workspace } from '../support/workspace.js';

/** `npm run test-models -- ARGS`, as the script runs it. */
function testModels(...argv: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/test-models/main.ts'), ...argv], { cwd: projectRoot, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run test-models', () => {
  it('with --full and no reference files (no ../shared), says what is missing and what to do, without a stack, and writes nothing', () => {
    const folder = path.join(workspace(), 'models');
    const result = testModels(folder, '--full', '--reference', workspace());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--full builds bitext-test/marian-full from the small files of Xenova/opus-mt-fr-en');
    expect(result.stderr).toContain('Run it where ../shared is beside the project, or point --reference at a folder that holds them');
    expect(result.stderr).not.toMatch(/^\s+at /mu);
    expect(existsSync(folder)).toBe(false);
  });

  it('names an unknown option with the usage, without a stack', () => {
    const result = testModels('--fulll');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--fulll'");
    expect(result.stderr).toContain('usage: npm run test-models -- DIR [--full] [--reference DIR]');
    expect(result.stderr).not.toMatch(/^\s+at /mu);
  });
});
