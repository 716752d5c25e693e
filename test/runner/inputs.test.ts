import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planArticles } from '../../src/runner/inputs.js';
import { workspace } from '../support/workspace.js';

function tree(files: string[]): string {
  const root = workspace();
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'Texte.\n');
  }
  return root;
}

describe('planArticles', () => {
  it('takes .txt and .md files under a folder, sorted, mirroring sub-folders in the output', async () => {
    const root = tree(['in/b.txt', 'in/a.md', 'in/notes.docx', 'in/.hidden.txt', 'in/2018/c.TXT']);
    const planned = await planArticles([path.join(root, 'in')], path.join(root, 'out'));
    expect(planned.map((article) => [path.relative(root, article.path), path.relative(root, article.output)])).toEqual([
      ['in/2018/c.TXT', 'out/2018/c.md'],
      ['in/a.md', 'out/a.md'],
      ['in/b.txt', 'out/b.md'],
    ]);
  });

  it('refuses, before writing anything, two inputs that would write the same file', async () => {
    const root = tree(['in/article.txt', 'in/article.md']);
    await expect(planArticles([path.join(root, 'in')], path.join(root, 'out'))).rejects.toThrow(/article\.md and .*article\.txt would both be written to .*out\/article\.md/);
  });

  it('names an input that does not exist', async () => {
    const root = workspace();
    await expect(planArticles([path.join(root, 'nowhere')], path.join(root, 'out'))).rejects.toThrow('does not exist');
  });
});
