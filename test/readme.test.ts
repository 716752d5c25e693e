import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../src/pipeline/check.js';
import { topLevelKeys } from '../src/config/schema.js';
import { projectRoot } from './support/paths.js';

const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');

describe('README configuration reference', () => {
  it('documents every top-level key, stage and stage option', () => {
    for (const key of topLevelKeys) expect(readme, `key ${key}`).toContain(`| \`${key}\` |`);
    for (const [name, definition] of registry) {
      // Its row in the stages table: `| \`read\` | …`.
      expect(readme, `stage ${name}`).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
      const shape = (definition.options as unknown as { shape: Record<string, unknown> }).shape;
      for (const option of Object.keys(shape)) expect(readme, `${name}.${option}`).toContain(`| \`${option}\` |`);
    }
  });
});
