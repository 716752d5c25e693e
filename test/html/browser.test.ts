// The functions given to page.evaluate() run in the page: they see the DOM (src/ is built without it).
/// <reference lib="dom" />
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, chromiumSkipReason, launchBrowser, openFile, screenshot } from '../support/browser.js';
import { fakeModels } from '../support/fake-models.js';
import { corpus, hasShared, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { runCli, workspace, writeConfig } from '../support/workspace.js';

/** What the page shows of its article: per row of the article, its source and English cells, and where they stand. */
function rowsOf(page: Page) {
  return page.evaluate(() => [...document.querySelectorAll('.article .row:not(.heads)')].map((row) => {
    const box = (selector: string) => {
      const cell = row.querySelector(`:scope > ${selector}`);
      if (!cell || getComputedStyle(cell).display === 'none') return null;
      const rect = cell.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
    };
    return { id: row.id, source: box('.source'), target: box('.target'), both: box('.both') };
  }));
}

/** Whether each of these elements is lit, and the colour behind it. */
function lit(page: Page, ids: string[]) {
  return page.evaluate((list) => list.map((id) => {
    const element = document.getElementById(id)!;
    return { id, lit: element.classList.contains('hl'), background: getComputedStyle(element).backgroundColor };
  }), ids);
}

const transparent = 'rgba(0, 0, 0, 0)';

/** Paragraph i and sentence k to point at: the first paragraph with at least two translated sentences. */
async function pickSentence(page: Page): Promise<{ source: string; target: string; other: string }> {
  const key = await page.evaluate(() => {
    for (const row of document.querySelectorAll('.article .row.paragraph')) {
      const sentences = row.querySelectorAll('.target [data-pair]');
      if (sentences.length >= 2) return { chosen: sentences[1]!.getAttribute('data-pair')!, other: sentences[0]!.getAttribute('data-pair')! };
    }
    return undefined;
  });
  expect(key, 'a paragraph of two sentences').toBeDefined();
  return { source: `s-${key!.chosen}`, target: `t-${key!.chosen}`, other: `t-${key!.other}` };
}

describe.skipIf(!chromiumPath)(`the reader pages in headless Chromium${chromiumSkipReason}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.skipIf(!hasShared)(`on ../shared/corpus with the generated Marian${sharedSkipReason}`, () => {
    let output: string;
    beforeAll(async () => {
      const folder = workspace();
      output = path.join(folder, 'out');
      const config = writeConfig(folder, { input: corpus, output, models: await testModels(), translateModel: 'bitext-test/marian-tiny' });
      const result = await runCli(['run', '--config', config]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }, 120_000);

    it('five pages load with no request leaving the file, as many paragraphs on both sides as the article has, top-aligned in two columns', async () => {
      const pages = readdirSync(output).filter((name) => name.endsWith('.html') && name !== 'index.html');
      expect(pages).toHaveLength(5);
      for (const name of pages) {
        const file = path.join(output, name);
        const opened = await openFile(browser, file);
        expect(opened.requests).toEqual([pathToFileURL(file).href]);
        expect(opened.errors).toEqual([]);
        const rows = await rowsOf(opened.page);
        const paragraphs = Number(/^paragraphs: (\d+)$/m.exec(readFileSync(file.replace(/\.html$/, '.md'), 'utf8'))![1]);
        expect(rows).toHaveLength(paragraphs);
        expect(rows.filter((row) => row.source || row.both)).toHaveLength(paragraphs);
        expect(rows.filter((row) => row.target || row.both)).toHaveLength(paragraphs);
        for (const row of rows.filter((candidate) => candidate.source)) {
          expect(Math.abs(row.source!.top - row.target!.top), `${name} ${row.id} top-aligned`).toBeLessThan(1);
          expect(row.source!.right, `${name} ${row.id}: the English to the right`).toBeLessThanOrEqual(row.target!.left);
        }
        // The article's first rows, where the two columns start.
        await opened.page.evaluate(() => document.getElementById('article')!.scrollIntoView());
        const shot = await screenshot(opened.page, `corpus-${path.basename(name, '.html')}`);
        expect(statSync(shot).size).toBeGreaterThan(10_000);
        await opened.close();
      }
    });

    it('pointing at sentence k of paragraph i lights it and its counterpart, and only them; so does focusing it', async () => {
      const opened = await openFile(browser, path.join(output, '001_cad90b054c3e6446.html'));
      const { source, target, other } = await pickSentence(opened.page);
      expect((await lit(opened.page, [source, target])).map((element) => element.lit)).toEqual([false, false]);
      await opened.page.hover(`[id="${source}"]`);
      const shown = await lit(opened.page, [source, target, other]);
      expect(shown.map((element) => element.lit)).toEqual([true, true, false]);
      expect(shown[1]!.background).not.toBe(transparent);
      await screenshot(opened.page, 'hover-desktop');
      // From the English side too, and by the keyboard.
      await opened.page.hover(`[id="${other}"]`);
      expect((await lit(opened.page, [source, target, other])).map((element) => element.lit)).toEqual([false, false, true]);
      await opened.page.mouse.move(0, 0);
      await opened.page.focus(`[id="${target}"]`);
      expect((await lit(opened.page, [source, target])).map((element) => element.lit)).toEqual([true, true]);
      await opened.close();
    });

    it('the buttons show the French, the English or both; on a phone the English comes under its French', async () => {
      const file = path.join(output, '001_cad90b054c3e6446.html');
      const opened = await openFile(browser, file);
      await opened.page.click('button[data-view="target"]');
      let rows = await rowsOf(opened.page);
      expect(rows.filter((row) => row.source)).toHaveLength(0);
      expect(rows.filter((row) => row.target).length).toBeGreaterThan(3);
      expect(await opened.page.getAttribute('button[data-view="target"]', 'aria-pressed')).toBe('true');
      await screenshot(opened.page, 'view-english');
      await opened.page.click('button[data-view="source"]');
      rows = await rowsOf(opened.page);
      expect(rows.filter((row) => row.target)).toHaveLength(0);
      await opened.close();

      const phone = await openFile(browser, file, { width: 390, height: 844 });
      const stacked = (await rowsOf(phone.page)).filter((row) => row.source && row.target);
      expect(stacked.length).toBeGreaterThan(3);
      for (const row of stacked) expect(row.target!.top, row.id).toBeGreaterThanOrEqual(row.source!.bottom);
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.page.evaluate(() => document.getElementById('p1')!.scrollIntoView());
      await screenshot(phone.page, 'phone');
      await phone.close();
    });

    it('the digest lists the five articles, each linked to its page, and loads nothing either', async () => {
      const file = path.join(output, 'index.html');
      const opened = await openFile(browser, file);
      expect(opened.requests).toEqual([pathToFileURL(file).href]);
      expect(opened.errors).toEqual([]);
      const entries = await opened.page.evaluate(() => [...document.querySelectorAll('.entry')].map((entry) => ({
        title: entry.querySelector('h2')!.textContent, link: entry.querySelector('h2 a')?.getAttribute('href'),
      })));
      expect(entries).toHaveLength(5);
      for (const entry of entries) expect(readdirSync(output)).toContain(decodeURIComponent(entry.link!));
      await screenshot(opened.page, 'digest');
      await opened.close();
    });
  });

  it('runs no script that came with an article, shows RTL text right to left, and reads a monolingual page in one column', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'piège.txt'), [
      'Le maire <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & « ses » adjoints',
      '-',
      'La ville a voté le budget. Le maire l’a défendu devant le conseil.',
      '',
      'هذا نص طويل باللغة العربية لاختبار اتجاه الكتابة في الصفحة من اليمين إلى اليسار.',
      '',
      '这是一个用于测试页面显示的中文段落，它应该完整地出现在原文一栏中。',
      '',
    ].join('\n'));
    const paragraph = 'Le conseil municipal a voté le budget de la ville. Les élus de l’opposition ont voté contre.';
    writeFileSync(path.join(input, 'long.txt'), `${Array.from({ length: 1500 }, () => paragraph).join('\n\n')}\n`);
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output, without: ['summarize'] });
    expect((await runCli(['run', '--config', config], fakeModels().provider)).code).toBe(0);

    const tricky = await openFile(browser, path.join(output, 'piège.html'));
    expect(tricky.errors).toEqual([]);
    expect(await tricky.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await tricky.page.textContent('h1')).toContain('<script>window.pwned = 1</script>');
    const direction = await tricky.page.evaluate(() => [...document.querySelectorAll('.article .row:not(.heads) .source')].map((cell) => getComputedStyle(cell).direction));
    expect(direction).toEqual(['ltr', 'rtl', 'ltr']);
    await screenshot(tricky.page, 'tricky', true);
    await tricky.close();

    const long = await openFile(browser, path.join(output, 'long.html'));
    expect(long.errors).toEqual([]);
    expect(await rowsOf(long.page)).toHaveLength(1500);
    await long.page.hover('[id="s-p1500.2"]');
    expect((await lit(long.page, ['t-p1500.2'])).map((element) => element.lit)).toEqual([true]);
    await long.close();

    const monolingual = path.join(folder, 'mono');
    const monoConfig = writeConfig(folder, { input, output: monolingual, without: ['translate', 'summarize'] });
    expect((await runCli(['run', '--config', monoConfig])).code).toBe(0);
    const single = await openFile(browser, path.join(monolingual, 'piège.html'));
    expect(single.errors).toEqual([]);
    const rows = await rowsOf(single.page);
    expect(rows.every((row) => (row.source || row.both) && !row.target)).toBe(true);
    expect(await single.page.$('.view')).toBeNull();
    await single.close();
  });
});
