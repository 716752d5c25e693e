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
  it('side-by-side: front matter, both titles, the summary linked to its paragraph, one row per block', () => {
    const markdown = renderArticle(translated(), { layout: 'side-by-side', stages: ['read', 'translate', 'write-markdown'] });
    expect(markdown.startsWith('---\nsource: articles/exemple.txt\n')).toBe(true);
    expect(markdown).toContain('translated_to: eng');
    expect(markdown).toContain('# La mairie rouvre la bibliothèque\n*The town hall reopens the library*');
    expect(markdown).toContain('| Prix : 3 \\| 4 euros. [¶1](#p1) | Price: 3 \\| 4 euros. [¶1](#p1) |');
    expect(markdown).toContain('| <a id="p1"></a>1 | Prix : 3 \\| 4 euros. Le chantier a coûté cher. | Price: 3 \\| 4 euros. The work cost a lot. |');
    expect(markdown).toContain('| <a id="p2"></a>2 | **Une section** | **A section** |');
    expect(markdown).toContain('| <a id="p3"></a>3 | *(eng — kept as written)* The reopening will be streamed online. | The reopening will be streamed online. |');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| <a id='));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(5);
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
});
