import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/text/html.js';
import { projectRoot } from '../support/paths.js';

describe('parseHtml', () => {
  it('keeps the byline as metadata, not as a paragraph to translate, where Readability leaves its element in the article', () => {
    const { blocks, metadata } = parseHtml(readFileSync(path.join(projectRoot, 'test/fixtures/saved-page/byline.html'), 'utf8'));
    expect(metadata.about?.byline).toBe('Par Marie Dupont, publié le 13 octobre 2026');
    expect(blocks.map((block) => block.kind)).toEqual(['title', 'paragraph', 'paragraph', 'paragraph']);
    expect(blocks.some((block) => block.text.includes('Marie Dupont'))).toBe(false);
  });

  it('keeps a saved news page\'s article — title, headings, paragraphs, its table as written — and leaves menus, scripts, ads and footers out', () => {
    const { blocks, metadata } = parseHtml(readFileSync(path.join(projectRoot, 'test/fixtures/saved-page/page.html'), 'utf8'));
    expect(blocks.map((block) => [block.kind, block.text.slice(0, 40)])).toEqual([
      ['title', 'Lyon : le conseil municipal vote un budg'],
      ['paragraph', 'Le conseil municipal de Lyon a adopté lu'],
      ['paragraph', 'L’opposition a voté contre, jugeant les '],
      ['heading', 'Des écoles rénovées'],
      ['paragraph', 'Sur les cinq prochaines années, la munic'],
      ['verbatim', 'Poste | Montant\nÉcoles | 310 M€\nTranspor'],
      ['paragraph', 'Le maire a promis de présenter un premie'],
    ]);
    const text = blocks.map((block) => block.text).join('\n');
    for (const noise of ['Accueil', 'Publicité', 'trackClick', 'display: flex', 'Mentions légales', 'À lire aussi', 'restaurants']) expect(text).not.toContain(noise);
    expect(metadata).toMatchObject({ date: '2024-03-05', about: { site: 'Le Quotidien du Rhône' } });
  });

  it('leaves out advertising and "Lire aussi" boxes inside the article, keeps links\' text spaced as the page shows it and where they lead', () => {
    const { blocks } = parseHtml(readFileSync(path.join(projectRoot, 'test/fixtures/saved-page-boxes/page.html'), 'utf8'));
    expect(blocks.map((block) => block.text.slice(0, 40))).toEqual([
      'Lyon vote son budget - Le Quotidien du R',
      'Le conseil municipal de Lyon a adopté lu',
      'L’opposition a voté contre, jugeant les ',
      'Sur les cinq prochaines années, la munic',
      'Le maire a promis de présenter un premie',
      // "lire aussi" in a sentence of the article is the article's.
      'Il faudra lire aussi le rapport de la ch',
    ]);
    // A line break is a space, not nothing.
    expect(blocks[1]!.text).toContain('selon le compte rendu. Le texte prévoit');
    expect(blocks[1]!.spans).toEqual([
      { kind: 'link', text: 'Lyon', url: 'https://www.example.fr/lyon' },
      { kind: 'link', text: 'le compte rendu', url: 'https://www.example.fr/cr' },
    ]);
  });

  it('finds no article in a page that is only a menu', () => {
    expect(parseHtml('<html><head><title>Accueil</title></head><body><nav><a href="/">Accueil</a> <a href="/sport">Sport</a></nav></body></html>').blocks).toEqual([]);
  });
});
