import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noModels } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { fakeModels } from '../support/fake-models.js';
import { projectRoot } from '../support/paths.js';
import { readOutputs, runCli, workspace, writeConfig } from '../support/workspace.js';

const read = await createPipeline(chooseStages(['read']), { models: noModels });
const fixture = (name: string) => path.join(projectRoot, 'test/fixtures', name);

describe('read stage: the inputs users have', () => {
  it.each([
    ['a saved web page', fixture('saved-page/page.html'), 'Lyon : le conseil municipal vote un budget de 2,4 milliards d’euros', 7],
    ['a Markdown file', fixture('markdown-article/budget.md'), 'Lyon vote son budget', 9],
  ])('reads %s as what it is', async (_, file, title, blocks) => {
    const article = await read.process({ kind: 'file', path: file, display: file });
    expect(article.blocks[0]).toMatchObject({ kind: 'title', text: title });
    expect(article.blocks).toHaveLength(blocks);
    expect(article.metadata.date).toBe('2024-03-05');
  });

  it.each([
    ['report.docx', 'is a .docx file: bitext reads articles in plain text (.txt), Markdown (.md) and saved web pages (.html); convert it, or rename it if it is one of those'],
    ['notes', 'is a file without an extension: bitext reads articles'],
    ['page-menu.html', 'is a web page in which no article text was found (only menus, notices or scripts); save the article\'s own page'],
  ])('refuses %s by name, never reading it as text', async (name, message) => {
    const file = path.join(workspace(), name);
    writeFileSync(file, name.endsWith('.html') ? '<html><body><nav><a href="/">Accueil</a></nav></body></html>' : 'PK\u0003\u0004 word/document.xml');
    await expect(read.process({ kind: 'file', path: file, display: file })).rejects.toThrow(message);
  });

  it('translates a saved page and a Markdown file named on the command line, keeping code and tables as written and links in the English', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input: folder, output });
    const result = await runCli(['run', '--config', config, '--input', fixture('saved-page/page.html'), fixture('markdown-article/budget.md')], fakeModels().provider);
    expect(result.code).toBe(0);
    const { 'page.md': page, 'budget.md': markdown } = readOutputs(output);
    expect(page).toContain('# Lyon : le conseil municipal vote un budget de 2,4 milliards d’euros');
    expect(page).not.toContain('Publicité');
    expect(page).toContain('```text\nPoste | Montant\nÉcoles | 310 M€\nTransports | 240 M€\n```');
    expect(markdown).toContain('```js\nconst budget = 2.4e9; // ne pas traduire\n```');
    expect(markdown).toContain('| Le conseil municipal de **Lyon** a adopté lundi soir le budget de la ville, selon le [compte rendu officiel](https://example.org/compte-rendu).');
    // The fake translator tags every word: "Lyon·en" is not "Lyon", but a link's text is carried over after the English.
    expect(markdown).toContain('([compte rendu officiel](https://example.org/compte-rendu)) |');
    expect(markdown).toMatch(/source_metadata:\n {2}title: Lyon vote son budget\n {2}date: 2024-03-05\n {2}author: Claire Martin/);
  });
});
