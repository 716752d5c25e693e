import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
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
    const { articles } = await planArticles([path.join(root, 'in')], path.join(root, 'out'));
    expect(articles.map((article) => [path.relative(root, article.text), article.name])).toEqual([
      ['in/2018/c.TXT', '2018/c'],
      ['in/a.md', 'a'],
      ['in/b.txt', 'b'],
    ]);
  });

  it('follows symbolic links to files and folders, and names loops and broken links instead of hanging or skipping', async () => {
    const root = tree(['in/a.txt', 'elsewhere/b.txt', 'shared/c.txt']);
    symlinkSync(path.join(root, 'elsewhere/b.txt'), path.join(root, 'in/b.txt'));
    symlinkSync(path.join(root, 'shared'), path.join(root, 'in/linked'));
    symlinkSync('.', path.join(root, 'in/loop'));
    symlinkSync('self.txt', path.join(root, 'in/self.txt'));
    symlinkSync('gone.txt', path.join(root, 'in/broken.txt'));
    const { articles } = await planArticles([path.join(root, 'in')], path.join(root, 'out'));
    expect(articles.map((article) => [path.relative(root, article.text), article.name, article.problem?.replace(root, 'ROOT')])).toEqual([
      ['in/a.txt', 'a', undefined],
      ['in/b.txt', 'b', undefined],
      ['in/broken.txt', 'broken', 'is a broken symbolic link (ENOENT); remove it or restore what it points to'],
      ['in/linked/c.txt', 'linked/c', undefined],
      ['in/loop', 'loop', 'is a symbolic link to a folder already read (ROOT/in), a loop; it was not followed'],
      ['in/self.txt', 'self', 'is a symbolic link loop; remove it or point it at a file'],
    ]);
  });

  it('refuses, before writing anything, two inputs that would write the same file', async () => {
    const root = tree(['in/article.txt', 'in/article.md']);
    await expect(planArticles([path.join(root, 'in')], path.join(root, 'out'))).rejects.toThrow(/article\.md and .*article\.txt would both be written to article\.md/);
  });

  it('says that a folder holds no article, rather than running on nothing in silence', async () => {
    const root = tree(['in/notes.docx', 'in/sub/.hidden.txt']);
    const { articles, skipped } = await planArticles([path.join(root, 'in')], path.join(root, 'out'));
    expect(articles).toEqual([]);
    expect(skipped).toEqual([{ text: path.join(root, 'in'), reason: expect.stringContaining('holds no article (no .txt, .md or .html file') }]);
  });

  it('names an input that does not exist', async () => {
    const root = workspace();
    await expect(planArticles([path.join(root, 'nowhere')], path.join(root, 'out'))).rejects.toThrow('does not exist');
  });
});
