import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ParsedText, RawBlock } from './blocks.js';

/** The part of a DOM element the walk reads (linkedom's, without the DOM library's types). */
interface Element {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<Element>;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
}

/** Below this many characters, what Readability found is not an article. */
const minimumLetters = 80;

const headings = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const paragraphs = new Set(['P', 'LI', 'FIGCAPTION', 'DT', 'DD', 'CAPTION', 'SUMMARY']);
const verbatim = new Set(['PRE', 'TABLE']);

/**
 * The article in a saved web page: Mozilla's Readability finds it (menus, scripts, ads, footers left out) and its
 * title, headings and paragraphs become blocks; code and tables are kept as written. Its byline, site and date are
 * kept as metadata.
 */
export function parseHtml(html: string): ParsedText {
  const { document } = parseHTML(html);
  const published = document.querySelector('meta[property="article:published_time"], meta[name="date"], time[datetime]') as Element | null;
  const found = new Readability<Element>(document as never, { serializer: (node) => node as never }).parse();
  // A page whose readable part is a line or two (a menu, a cookie notice) holds no article.
  if (!found?.content || (found.textContent ?? '').replace(/\s+/g, ' ').trim().length < minimumLetters) return { blocks: [], metadata: {} };
  const blocks: RawBlock[] = [];
  walk(found.content, blocks);
  // The byline is metadata; where Readability leaves its element in the article, it is not a paragraph to translate.
  const byline = (found.byline ?? '').replace(/\s+/g, ' ').trim();
  if (byline) blocks.splice(0, blocks.length, ...blocks.filter((block) => block.kind !== 'paragraph' || block.text !== byline));
  // Readability turns the page's own heading into a lower one: when the first heading is the title, it is the title.
  const title = (found.title ?? '').trim();
  const first = blocks[0];
  if (first?.kind === 'heading' && title && (title.includes(first.text) || first.text.includes(title))) first.kind = 'title';
  else if (title) blocks.unshift({ kind: 'title', text: title });
  const date = /^\d{4}-\d{2}(-\d{2})?/.exec(found.publishedTime ?? published?.getAttribute('content') ?? published?.getAttribute('datetime') ?? '')?.[0];
  const about = Object.fromEntries(Object.entries({ byline: found.byline, site: found.siteName, excerpt: found.excerpt }).filter(([, value]) => value));
  return { blocks, metadata: { ...(date ? { date } : {}), ...(Object.keys(about).length ? { about } : {}) } };
}

function walk(element: Element, blocks: RawBlock[]): void {
  for (const child of Array.from(element.children)) {
    const tag = child.tagName.toUpperCase();
    if (headings.has(tag)) push(blocks, 'heading', child.textContent);
    else if (verbatim.has(tag)) blocks.push({ kind: 'verbatim', text: tag === 'TABLE' ? tableText(child) : (child.textContent ?? '').replace(/\s+$/, '') });
    else if (paragraphs.has(tag) && !Array.from(child.children).some((inner) => paragraphs.has(inner.tagName.toUpperCase()) || headings.has(inner.tagName.toUpperCase()))) {
      push(blocks, 'paragraph', child.textContent);
    } else if (child.children.length) walk(child, blocks);
    else push(blocks, 'paragraph', child.textContent);
  }
}

function push(blocks: RawBlock[], kind: RawBlock['kind'], text: string | null): void {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (clean) blocks.push({ kind, text: clean });
}

/** A table as rows of cells, ` | ` between them, one row a line. */
function tableText(table: Element): string {
  return Array.from(table.querySelectorAll('tr'))
    .map((row) => Array.from(row.children).map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' | '))
    .filter(Boolean)
    .join('\n');
}
