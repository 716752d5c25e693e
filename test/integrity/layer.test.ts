import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths.js';

describe('src/integrity/', () => {
  it('is a bottom layer: it imports from src/text/, src/glossary/ (term matching) and src/article.ts only, besides itself', () => {
    const folder = path.join(projectRoot, 'src/integrity');
    const outside = readdirSync(folder).filter((file) => file.endsWith('.ts')).flatMap((file) => {
      const text = readFileSync(path.join(folder, file), 'utf8');
      return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'|\bimport\s*\(?\s*'([^']+)'/gm)].map((match) => (match[1] ?? match[2])!)
        .filter((target) => !target.startsWith('./') && !/^\.\.\/(?:text\/|glossary\/|article\.js$)/.test(target)).map((target) => `${file} → ${target}`);
    });
    expect(outside).toEqual([]);
  });
});
