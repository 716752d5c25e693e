import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/config/load.js';
import { projectRoot } from '../support/paths.js';
import { runCli, workspace } from '../support/workspace.js';

describe('bitext validate', () => {
  it('exits 0 on the default pipeline.yaml and lists its stages', async () => {
    const result = await runCli(['validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('pipeline.yaml is valid: read → detect-language → translate → check → summarize → write-markdown → write-html\n');
  });

  it('exits 2 and prints every problem as FILE:LINE:COL error message [rule]', async () => {
    const file = path.join(workspace(), 'pipeline.yaml');
    writeFileSync(file, 'stages:\n  - read\n  - translte\n  - write-markdown:\n      layout: 3\n');
    const result = await runCli(['validate', '--config', file]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    // The file as the user reaches it from the working folder, wherever the clone and the temporary folder are.
    const shown = displayPath(file, projectRoot);
    expect(lines[0]).toBe(`${shown}:3:5 error Unknown stage \`translte\`; did you mean \`translate\`? (stages: \`read\`, \`detect-language\`, \`translate\`, \`check\`, \`summarize\`, \`write-markdown\`, \`write-html\`, \`write-bitext\`) [config/unknown-stage]`);
    expect(lines[1]).toMatch(/pipeline\.yaml:5:15 error Expected `layout` to be one of .* got `3` \(number\) \[config\/invalid-value\]$/);
    expect(lines[2]).toBe(`2 errors in ${shown}; nothing was processed`);
  });

  it('exits 2 with a clear message when the config file does not exist', async () => {
    const result = await runCli(['validate', '--config', 'nowhere.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Config file nowhere.yaml does not exist');
  });
});
