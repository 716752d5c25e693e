import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.js';
import { renderReader } from '../../src/html/reader.js';
import { makeArticle } from '../support/articles.js';

/** An article as the stages leave it: every French sentence translated by `english`. */
function translated(article: Article, english: (text: string) => string = (text) => `EN ${text}`): Article {
  return {
    ...article,
    blocks: article.blocks.map((block) => {
      if (block.kind === 'verbatim' || block.language?.code !== 'fra') return block;
      const sentences = block.sentences.map((sentence) => ({ ...sentence, translation: english(sentence.text) }));
      return { ...block, sentences, translation: sentences.map((sentence) => sentence.translation).join(' ') };
    }),
  };
}

/** The elements of a tag with their attributes, as a page holds them (enough to check what a page would load). */
const tags = (html: string, name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((match) => match[0]);

describe('the reader page', () => {
  const article = translated(makeArticle([
    ['title', 'Le maire <script>alert("x")</script> & « ses » adjoints'],
    ['paragraph', 'La ville a voté le budget. Le maire l’a défendu.'],
    ['heading', 'Les écoles'],
    ['paragraph', 'The council met in English.', 'eng'],
    ['verbatim', '| a | b |\n|---|---|\n| <b>1</b> | 2 |'],
  ]));

  it('escapes every text it shows: a title or a sentence holding markup shows it as text', () => {
    const html = renderReader(article);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Le maire &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; « ses » adjoints');
    expect(html).toContain('<title>Le maire &lt;script&gt;');
    expect(html).toContain('&lt;b&gt;1&lt;/b&gt;');
    // One script: the reader's own, allowed by its hash, and nothing else may run or load.
    expect(tags(html, 'script')).toEqual(['<script>']);
    expect(html).toMatch(/content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; img-src 'none'/);
  });

  it('loads nothing from anywhere: no src, no stylesheet link, no web font, no URL in its style', () => {
    const html = renderReader(article);
    expect(html).not.toMatch(/\ssrc=/);
    expect(tags(html, 'link')).toEqual([]);
    expect(html).not.toMatch(/@import|@font-face|url\(/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('puts block i of the source and block i of the English in one row, each sentence paired with its counterpart by id', () => {
    const html = renderReader(article);
    const rows = [...html.matchAll(/<div class="row (\w+)" id="(\w+)">/g)];
    expect(rows.map((row) => [row[1], row[2]])).toEqual([['paragraph', 'p1'], ['heading', 'p2'], ['paragraph', 'p3'], ['verbatim', 'p4']]);
    expect(html).toContain('<span class="s" id="s-p1.2" data-pair="p1.2" tabindex="0">Le maire l’a défendu.</span>');
    expect(html).toContain('<span class="s" id="t-p1.2" data-pair="p1.2" tabindex="0">EN Le maire l’a défendu.</span>');
    // The English paragraph is kept as written on the English side, and says so.
    expect(html).toMatch(/<div class="cell target" lang="en" dir="auto"><p><span class="label">\(eng — kept as written\)<\/span> <span class="s kept" id="t-p3.1"/);
    // A table kept as written spans both columns, once.
    expect(html).toContain('<pre class="cell both">| a | b |');
  });

  it('marks each cell with its language and lets the text set its direction (RTL, CJK)', () => {
    const mixed = translated(makeArticle([
      ['paragraph', 'Le ministre a cité un proverbe.'],
      ['paragraph', 'هذا نص باللغة العربية للاختبار فقط.', 'arb'],
      ['paragraph', '这是一个用于测试的中文段落。', 'cmn'],
    ]));
    const html = renderReader(mixed);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<div class="cell source" lang="ar" dir="auto"><p><span class="s" id="s-p2.1"');
    expect(html).toContain('<div class="cell source" lang="zh" dir="auto"><p><span class="s" id="s-p3.1" data-pair="p3.1" tabindex="0">这是一个用于测试的中文段落。</span>');
  });

  it('shows flags beside their sentence and lists them at the end; notes on top', () => {
    const flagged = translated(makeArticle([['paragraph', 'La ville a dépensé 25 millions. Le maire a parlé.']]));
    flagged.blocks[0]!.sentences[0]!.flags = [{ kind: 'number', detail: '25 millions → missing' }];
    flagged.notes.push({ stage: 'translate', block: 'p1', message: 'a sentence was cut into 2 pieces <to fit>' });
    const html = renderReader(flagged);
    expect(html).toContain('<span class="flag" title="number: 25 millions → missing" aria-label="flagged: number: 25 millions → missing">⚠ number</span>');
    expect(html).toContain('<h2 id="checked">Checked: sentences to read twice</h2>');
    expect(html).toContain('<li><a href="#p1">¶1</a>, sentence 1: <strong>number</strong> 25 millions → missing');
    expect(html).toContain('a sentence was cut into 2 pieces &lt;to fit&gt;');
    expect(html.indexOf('id="notes"')).toBeLessThan(html.indexOf('id="article"'));
  });

  it('says a warning sign of the text is the text\'s, not a flag', () => {
    const html = renderReader(translated(makeArticle([['paragraph', '⚠ Alerte : la route est coupée.']])));
    const body = html.slice(html.indexOf('<body'));
    expect(body).not.toContain('class="flag"');
    expect(body.match(/⚠/gu)).toHaveLength(2);
    expect(body.match(/<span class="sign" title="written so in the text: not a flag">⚠<\/span>/gu)).toHaveLength(2);
  });

  it('marks a flagged sentence of the summary on top as it marks it in the article', () => {
    const flagged = translated(makeArticle([['paragraph', 'La ville a dépensé 25 millions. Le maire a parlé.']]));
    flagged.blocks[0]!.sentences[0]!.flags = [{ kind: 'number', detail: '25 millions → missing' }];
    flagged.summary = { method: 'extractive', language: 'fra', items: [{ block: 0, sentence: 0 }, { block: 0, sentence: 1 }] };
    const html = renderReader(flagged);
    const summary = html.slice(html.indexOf('<section class="summary"'), html.indexOf('</section>', html.indexOf('<section class="summary"')));
    expect(summary).toContain('EN La ville a dépensé 25 millions.</span> <span class="flag" title="number: 25 millions → missing" aria-label="flagged: number: 25 millions → missing">⚠ number</span>');
    expect(summary.match(/class="flag"/g)).toHaveLength(1);
  });

  it('without a translation, writes one column, no buttons and no script', () => {
    const html = renderReader(makeArticle([['title', 'Un titre'], ['paragraph', 'Un paragraphe en français.']]));
    expect(html).toContain('<body class="monolingual">');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('class="view"');
    expect(html).not.toContain('cell target');
    expect(html).toContain('script-src \'none\'');
  });

  it('keeps a Markdown source\'s links under the paragraph, and never a javascript: one', () => {
    const linked = translated(makeArticle([['paragraph', 'Lisez le rapport et la suite.']]));
    linked.blocks[0]!.spans = [{ kind: 'link', text: 'le rapport', url: 'https://example.org/r?a=1&b=2' }, { kind: 'link', text: 'la suite', url: 'javascript:alert(1)' }];
    const html = renderReader(linked);
    expect(html).toContain('<a href="https://example.org/r?a=1&amp;b=2" rel="noreferrer noopener">le rapport</a>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('la suite <span class="label">(javascript:alert(1))</span>');
  });

  it('renders a huge article whole: every paragraph a row', () => {
    const paragraphs = Array.from({ length: 5000 }, (_, index): ['paragraph', string] => ['paragraph', `Le paragraphe numéro ${index + 1} parle du budget. Il a deux phrases.`]);
    const html = renderReader(translated(makeArticle(paragraphs)));
    expect(html.match(/<div class="row paragraph"/g)).toHaveLength(5000);
    expect(html).toContain('id="t-p5000.2"');
  });
});
