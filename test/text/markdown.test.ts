import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/text/markdown.js';
import { projectRoot } from '../support/paths.js';

describe('parseMarkdown', () => {
  const { blocks, metadata } = parseMarkdown(readFileSync(path.join(projectRoot, 'test/fixtures/markdown-article/budget.md'), 'utf8'));

  it('reads front matter as metadata, headings, list items and quotes as text, and keeps code and tables as written', () => {
    expect(blocks.map((block) => block.kind)).toEqual(['title', 'paragraph', 'heading', 'paragraph', 'paragraph', 'verbatim', 'verbatim', 'paragraph', 'paragraph']);
    expect(blocks[0]!.text).toBe('Lyon vote son budget');
    expect(metadata).toMatchObject({ date: '2024-03-05', about: { author: 'Claire Martin', tags: ['politique', 'lyon'] } });
    expect(blocks[5]!.text).toBe('```js\nconst budget = 2.4e9; // ne pas traduire\n```');
    expect(blocks[6]!.text).toBe('| Poste | Montant |\n|---|---|\n| Écoles | 310 M€ |');
  });

  it('keeps a paragraph\'s inline formatting beside its plain text, with its links and spans', () => {
    const first = blocks[1]!;
    expect(first.text).toBe('Le conseil municipal de Lyon a adopté lundi soir le budget de la ville, selon le compte rendu officiel. Le texte prévoit 2,4 milliards d’euros de dépenses.');
    expect(first.markup).toBe('Le conseil municipal de **Lyon** a adopté lundi soir le budget de la ville, selon le [compte rendu officiel](https://example.org/compte-rendu). Le texte prévoit *2,4 milliards* d’euros de dépenses.');
    expect(first.spans).toEqual([
      { kind: 'strong', text: 'Lyon' },
      { kind: 'link', text: 'compte rendu officiel', url: 'https://example.org/compte-rendu' },
      { kind: 'emphasis', text: '2,4 milliards' },
    ]);
  });

  it.each([
    ['a YAML title and no heading', '---\ntitle: Le chat\n---\n\nLe chat mange.\n', ['title Le chat', 'paragraph Le chat mange.']],
    ['a title key in capitals, a number', '---\nTitle: 1984\n---\n\nLe chat mange.\n', ['title 1984', 'paragraph Le chat mange.']],
    ['a TOML title', '+++\ntitle = "Le chat"\ndate = 2024-05-01\n+++\n\nLe chat mange.\n', ['title Le chat', 'paragraph Le chat mange.']],
    ['a level-1 heading besides: a heading under the title', '---\ntitle: Le grand titre\n---\n\n# Le chat\n\nLe chat mange.\n', ['title Le grand titre', 'heading Le chat', 'paragraph Le chat mange.']],
    ['a level-1 heading that says it again: once', '---\ntitle: Le chat\n---\n\n# Le chat\n\nLe chat mange.\n', ['title Le chat', 'paragraph Le chat mange.']],
    ['no front matter title: the level-1 heading', '---\nauthor: Claire\n---\n\n# Le chat\n\nLe chat mange.\n', ['title Le chat', 'paragraph Le chat mange.']],
  ])('takes the front matter title as the article\'s: %s', (_, text, blocks) => {
    expect(parseMarkdown(text).blocks.map((block) => `${block.kind} ${block.text}`)).toEqual(blocks);
  });
});
