import { describe, expect, it } from 'vitest';
import { renderArticle } from '../../src/markdown/render.js';
import { makeArticle } from '../support/articles.js';

function translated() {
  const article = makeArticle([
    ['title', 'La mairie rouvre la bibliothèque'],
    ['paragraph', 'Prix : 3 | 4 euros. Le chantier a coûté cher.'],
    ['heading', 'Une section'],
    ['paragraph', 'The reopening will be streamed online.', 'eng'],
  ]);
  article.blocks[0]!.translation = 'The town hall reopens the library';
  article.blocks[1]!.translation = 'Price: 3 | 4 euros. The work cost a lot.';
  article.blocks[1]!.sentences[0]!.translation = 'Price: 3 | 4 euros.';
  article.blocks[2]!.translation = 'A section';
  article.summary = { method: 'extractive', language: 'fra', items: [{ block: 1, sentence: 0 }] };
  return article;
}

describe('renderArticle', () => {
  it('side-by-side: front matter, both titles, the summary linked to its paragraph, one row per paragraph, headings as headings', () => {
    const markdown = renderArticle(translated(), { layout: 'side-by-side', stages: ['read', 'translate', 'write-markdown'] });
    expect(markdown.startsWith('---\nsource: articles/exemple.txt\n')).toBe(true);
    expect(markdown).toContain('translated_to: eng');
    // The title in front matter in both languages, under keys pandoc does not print a second time.
    expect(markdown).toContain('headline: La mairie rouvre la bibliothèque\nheadline_en: The town hall reopens the library\n');
    expect(markdown).not.toMatch(/^title:/m);
    expect(markdown).toContain('# La mairie rouvre la bibliothèque\n*The town hall reopens the library*');
    expect(markdown).toContain('| Prix : 3 \\| 4 euros. [¶1](#p1) | Price: 3 \\| 4 euros. [¶1](#p1) |');
    expect(markdown).toContain('| <a id="p1"></a>1 | Prix : 3 \\| 4 euros. Le chantier a coûté cher. | Price: 3 \\| 4 euros. The work cost a lot. |');
    expect(markdown).toContain('\n\n### <a id="p2"></a>Une section\n*A section*\n\n| ¶ | Français | English |\n|--:|');
    expect(markdown).toContain('| <a id="p3"></a>3 | *(eng — kept as written)* The reopening will be streamed online. | The reopening will be streamed online. |');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| <a id='));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(5);
    // pandoc sizes columns by the dashes of the rule: the ¶ column narrow, the two texts alike.
    expect(markdown).toContain(`|--:|${'-'.repeat(48)}|${'-'.repeat(48)}|`);
  });

  it('shows what the reader must know in the body, where every renderer shows it', () => {
    const article = translated();
    article.metadata = { clipped: true, trailer: 'Suite de l’article réservée aux abonnés' };
    article.notes.push({ stage: 'translate', block: 'p1', message: 'a sentence was cut into 2 pieces to fit the model\'s 200-token limit' });
    const markdown = renderArticle(article, { layout: 'side-by-side', stages: [] });
    expect(markdown).toContain([
      '> [!NOTE]',
      '>',
      '> - This article is clipped: its source ends with a “[…]” mark, so the text stops short.',
      '> - A trailer was kept out of the text: “Suite de l’article réservée aux abonnés”.',
      "> - [¶1](#p1): a sentence was cut into 2 pieces to fit the model's 200-token limit *(translate)*",
    ].join('\n'));
  });

  it('marks each flagged sentence where it stands, and lists them all at the end with what the check found', () => {
    const article = translated();
    article.blocks[1]!.sentences[0]!.flags = [{ kind: 'number', detail: '3 → missing' }];
    article.blocks[1]!.sentences[1]!.translation = 'The work cost a lot.';
    article.blocks[2]!.sentences[0]!.translation = 'A section';
    article.blocks[2]!.sentences[0]!.flags = [{ kind: 'untranslated', detail: 'same as the source' }];
    for (const layout of ['side-by-side', 'interleaved'] as const) {
      const markdown = renderArticle(article, { layout, stages: [] });
      // In the text: the mark after the sentence; in a heading's italic English, a mark without emphasis of its own.
      expect(markdown).toContain(layout === 'side-by-side' ? '| Price: 3 \\| 4 euros. ⚠*number* The work cost a lot. |' : '> Price: 3 | 4 euros. ⚠*number* The work cost a lot.');
      expect(markdown).toContain('\n*A section ⚠ untranslated*\n');
      // The summary on top marks it too.
      expect(markdown).toContain('| Prix : 3 \\| 4 euros. [¶1](#p1) | Price: 3 \\| 4 euros. ⚠*number* [¶1](#p1) |');
      expect(markdown).toContain('flags:\n  number: 1\n  untranslated: 1\n');
      expect(markdown).toContain('> - ⚠ 2 translated sentences were flagged by the check: see [the list at the end](#checked-sentences-to-read-twice).');
      const list = markdown.slice(markdown.indexOf('## Checked: sentences to read twice'));
      expect(list).toContain('- **number**: ');
      expect(list).toContain('- [¶1](#p1), sentence 1: **number** 3 → missing — “Price: 3 | 4 euros.”');
      expect(list).toContain('sentence 1: **untranslated** same as the source — “A section”');
    }
    expect(renderArticle(translated(), { layout: 'side-by-side', stages: [] })).not.toContain('⚠');
  });

  it('quotes a warning sign the text holds, so that only the check\'s marks show a bare ⚠', () => {
    const article = makeArticle([['paragraph', '⚠ Alerte : la route est coupée.'], ['paragraph', 'Le pont est fermé.']]);
    article.blocks[0]!.translation = article.blocks[0]!.sentences[0]!.translation = '⚠ Alert: the road is closed.';
    article.blocks[1]!.translation = article.blocks[1]!.sentences[0]!.translation = 'The bridge is closed.';
    article.blocks[1]!.sentences[0]!.flags = [{ kind: 'omission', detail: 'short' }];
    article.summary = { method: 'extractive', language: 'fra', items: [{ block: 0, sentence: 0 }] };
    for (const layout of ['side-by-side', 'interleaved'] as const) {
      const body = renderArticle(article, { layout, stages: [] }).split('\n---\n').slice(1).join('\n');
      const bare = body.replace(/`⚠`/gu, '').replace(/⚠ marks a translated sentence/u, '').replace(/> - ⚠ 1 translated sentence/u, '');
      expect(bare.match(/⚠/gu)).toEqual(['⚠']);
      expect(bare).toContain('The bridge is closed. ⚠*omission*');
      expect(body).toContain('`⚠` Alert: the road is closed.');
      expect(body).toContain('`⚠` Alerte : la route est coupée.');
    }
  });

  it('calls an article without a title untitled, with its file name', () => {
    const article = translated();
    article.blocks.shift();
    expect(renderArticle(article, { layout: 'side-by-side', stages: [] })).toContain('\n# Untitled (exemple.txt)\n');
  });

  it('interleaved: each paragraph, then its English', () => {
    const markdown = renderArticle(translated(), { layout: 'interleaved', stages: [] });
    const french = markdown.indexOf('Prix : 3 | 4 euros. Le chantier');
    const english = markdown.indexOf('> Price: 3 | 4 euros. The work cost a lot.');
    expect(french).toBeGreaterThan(0);
    expect(english).toBeGreaterThan(french);
    expect(markdown).toContain('<a id="p1"></a>**¶1**');
    expect(markdown).toContain('> *(eng — kept as written)*');
  });

  it('marks a sentence kept in its own language inside a translated paragraph, in both layouts', () => {
    const article = makeArticle([['paragraph', 'Il a parlé. "We will not back down." Puis il est parti.']]);
    const [first, quote, last] = article.blocks[0]!.sentences;
    article.blocks[0]!.sentences = [
      { ...first!, language: { code: 'fra', confidence: 1 }, translation: 'He spoke.' },
      { ...quote!, language: { code: 'eng', confidence: 1 } },
      { ...last!, language: { code: 'fra', confidence: 1 }, translation: 'Then he left.' },
    ];
    article.blocks[0]!.translation = 'He spoke. "We will not back down." Then he left.';
    expect(article.blocks[0]!.sentences).toHaveLength(3);
    expect(renderArticle(article, { layout: 'side-by-side', stages: [] })).toContain('| He spoke. "We will not back down." *(eng)* Then he left. |');
    expect(renderArticle(article, { layout: 'interleaved', stages: [] })).toContain('> He spoke. "We will not back down." *(eng)* Then he left.');
  });

  it('monolingual when nothing was translated: no English column, every paragraph once', () => {
    const article = makeArticle([['paragraph', 'Un.'], ['paragraph', 'Deux.']]);
    const markdown = renderArticle(article, { layout: 'side-by-side', stages: [] });
    expect(markdown).not.toContain('English');
    expect(markdown).not.toContain('translated_to');
    expect(markdown).toContain('<a id="p1"></a>Un.\n');
    expect(markdown).toContain('<a id="p2"></a>Deux.\n');
  });

  it('monolingual: marks a paragraph in another language than the article', () => {
    const article = makeArticle([['paragraph', 'Un paragraphe.'], ['paragraph', 'An English passage.', 'eng']]);
    const markdown = renderArticle(article, { layout: 'side-by-side', stages: [] });
    expect(markdown).toContain('<a id="p2"></a>*(eng)* An English passage.\n');
    expect(markdown).toContain('<a id="p1"></a>Un paragraphe.\n');
  });

  it('a summary sentence cut to fit the budget shows its beginning and `…`, beside the English of the same beginning', () => {
    const text = 'Le gouvernement a annoncé lundi une réforme des retraites ; les syndicats appellent à la grève dès jeudi dans toute la France.';
    const article = makeArticle([['paragraph', text]]);
    article.blocks[0]!.sentences[0]!.translation = 'The government announced a pension reform on Monday; the unions are calling for a strike from Thursday throughout France.';
    article.blocks[0]!.translation = article.blocks[0]!.sentences[0]!.translation;
    article.summary = { method: 'extractive', language: 'fra', items: [{ block: 0, sentence: 0, text: 'Le gouvernement a annoncé lundi une réforme des retraites…' }] };
    expect(renderArticle(article, { layout: 'side-by-side', stages: [] }))
      .toContain('| Le gouvernement a annoncé lundi une réforme des retraites… [¶1](#p1) | The government announced a pension reform on Monday… [¶1](#p1) |');
    delete article.blocks[0]!.sentences[0]!.translation;
    delete article.blocks[0]!.translation;
    expect(renderArticle(article, { layout: 'side-by-side', stages: [] })).toContain('- Le gouvernement a annoncé lundi une réforme des retraites… [¶1](#p1)\n');
  });

  it('escapes text that Markdown would read as syntax or HTML', () => {
    const article = makeArticle([['paragraph', '# pas un titre <script>x</script> *pas* gras']]);
    const markdown = renderArticle(article, { layout: 'side-by-side', stages: [] });
    expect(markdown).toContain('\\# pas un titre &lt;script>x&lt;/script> \\*pas\\* gras');
  });

  it('names every language of an article that mixes them, in its front matter, its column and its summary', () => {
    const article = translated();
    article.languages = [{ code: 'fra', share: 0.55 }, { code: 'eng', share: 0.3 }, { code: 'deu', share: 0.15 }];
    const markdown = renderArticle(article, { layout: 'side-by-side', stages: ['read', 'translate', 'write-markdown'] });
    expect(markdown).toContain('languages:\n  fra: 0.55\n  eng: 0.3\n  deu: 0.15\n');
    expect(markdown).toContain('| ¶ | Français · English · Deutsch | English |');
    expect(markdown).toContain('*This article mixes Français (55%), English (30%) and Deutsch (15%); the summary is drawn from its Français.*\n\n| Français | English |');
  });

  it('marks a sentence kept in another script with its script', () => {
    const article = translated();
    const block = article.blocks[1]!;
    block.sentences[1] = { text: '« Мы не отступим. »', language: { code: 'und', confidence: 0, script: 'Cyrillic' } };
    const markdown = renderArticle(article, { layout: 'side-by-side', stages: ['read', 'translate', 'write-markdown'] });
    expect(markdown).toContain('Price: 3 \\| 4 euros. « Мы не отступим. » *(und, Cyrillic script)*');
  });
});
