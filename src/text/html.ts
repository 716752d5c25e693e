import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Span } from '../article.js';
import type { ParsedText, RawBlock } from './blocks.js';

/** The part of a DOM node the walk reads (linkedom's, without the DOM library's types). */
interface Element {
  nodeType: number;
  tagName: string;
  textContent: string | null;
  children: ArrayLike<Element>;
  childNodes: ArrayLike<Element>;
  parentNode: Element | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
  remove(): void;
}

const textNode = 3;
const elementNode = 1;

/** Below this many characters, what Readability found is not an article. */
const minimumLetters = 80;

const headings = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const paragraphs = new Set(['P', 'LI', 'FIGCAPTION', 'DT', 'DD', 'CAPTION', 'SUMMARY']);
const verbatim = new Set(['PRE', 'TABLE']);
// Elements that break a line where they stand inside a paragraph: their text is not glued to the next.
const breaks = new Set(['BR', 'HR', 'DIV', 'P', 'LI', 'TR', 'TD', 'TH', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'SECTION', 'ARTICLE']);

// What Readability leaves in an article's body because it scores the article as a whole: boxes whose class or id
// says they are advertising or a teaser for another article ("Lire aussi", Outbrain, Taboola). Removed before it reads.
const boxes = /(?:^|[\s_-])(?:ads?|advert\w*|publicite|sponsored?|promo|outbrain|taboola|lire-?aussi|a-?lire|read-?also|read-?more|related|newsletter|paywall)(?:[\s_-]|$)/iu;
// A paragraph that is only a link to another article, after a lead such as "Lire aussi :".
const teaserLead = /^(?:[àa] lire (?:aussi|également)|lire (?:aussi|également)|voir aussi|[àa] voir (?:aussi)?|read (?:also|more)|see also|related)\b/iu;
// Readability's own list of words an ad block consists of (`Publicité`, `Advertisement`), found at a block's head.
const { adWords } = (Readability.prototype as unknown as { REGEXPS: { adWords: RegExp } }).REGEXPS;

/**
 * The article in a saved web page: Mozilla's Readability finds it (menus, scripts, ads, footers left out) and its
 * title, headings and paragraphs become blocks; code and tables are kept as written; advertising and "Lire aussi"
 * boxes inside the article are left out too. Links keep their text, spaced as the page shows it, and where they point
 * (made absolute from the page's canonical address). Its byline, site and date are kept as metadata.
 */
export function parseHtml(html: string): ParsedText {
  const { document } = parseHTML(html);
  const published = document.querySelector('meta[property="article:published_time"], meta[name="date"], time[datetime]') as Element | null;
  const base = (document.querySelector('link[rel="canonical"]') as Element | null)?.getAttribute('href') ?? (document.querySelector('meta[property="og:url"]') as Element | null)?.getAttribute('content') ?? undefined;
  for (const box of Array.from(document.querySelectorAll('[class], [id]') as unknown as ArrayLike<Element>)) {
    if (box.tagName.toUpperCase() !== 'BODY' && boxes.test(`${box.getAttribute('class') ?? ''} ${box.getAttribute('id') ?? ''}`)) box.remove();
  }
  const found = new Readability<Element>(document as never, { serializer: (node) => node as never }).parse();
  // A page whose readable part is a line or two (a menu, a cookie notice) holds no article.
  if (!found?.content || (found.textContent ?? '').replace(/\s+/g, ' ').trim().length < minimumLetters) return { blocks: [], metadata: {} };
  const blocks: RawBlock[] = [];
  walk(found.content, blocks, base);
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

function walk(element: Element, blocks: RawBlock[], base: string | undefined): void {
  for (const child of Array.from(element.children)) {
    const tag = child.tagName.toUpperCase();
    if (headings.has(tag)) push(blocks, 'heading', child, base);
    else if (verbatim.has(tag)) blocks.push({ kind: 'verbatim', text: tag === 'TABLE' ? tableText(child) : (child.textContent ?? '').replace(/\s+$/, '') });
    else if (paragraphs.has(tag) && !Array.from(child.children).some((inner) => paragraphs.has(inner.tagName.toUpperCase()) || headings.has(inner.tagName.toUpperCase()))) {
      push(blocks, 'paragraph', child, base);
    } else if (child.children.length) walk(child, blocks, base);
    else push(blocks, 'paragraph', child, base);
  }
}

function push(blocks: RawBlock[], kind: RawBlock['kind'], element: Element, base: string | undefined): void {
  const text = clean(textOf(element));
  if (!text || (kind === 'paragraph' && isNoise(element, text))) return;
  const spans = spansOf(element, base);
  blocks.push({ kind, text, ...(spans.length ? { spans } : {}) });
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The text of an element as a page shows it: a line break or a block inside it is a space, not nothing. */
function textOf(node: Element): string {
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === textNode) text += child.textContent ?? '';
    else if (child.nodeType === elementNode) text += breaks.has(child.tagName.toUpperCase()) ? ` ${textOf(child)} ` : textOf(child);
  }
  return text;
}

/** An advertising line (`Publicité — Offre spéciale…`) or a link to another article after a "Lire aussi" lead. */
function isNoise(element: Element, text: string): boolean {
  if (adWords.test(text.split(/\s+[—–:-]\s+|\s*:\s+/u)[0]!.trim())) return true;
  if (!teaserLead.test(text)) return false;
  const linked = Array.from(element.querySelectorAll('a')).reduce((total, link) => total + clean(textOf(link)).length, 0);
  return linked >= 0.5 * text.length;
}

/** The links (where they lead, made absolute from `base`; a link that leads nowhere a reader can follow is text) and inline code. */
function spansOf(element: Element, base: string | undefined): Span[] {
  const spans: Span[] = [];
  for (const node of Array.from(element.querySelectorAll('a[href], code'))) {
    const text = clean(textOf(node));
    if (!text) continue;
    if (node.tagName.toUpperCase() === 'CODE') spans.push({ kind: 'code', text });
    else {
      const url = absolute(node.getAttribute('href')!, base);
      if (url) spans.push({ kind: 'link', text, url });
    }
  }
  return spans;
}

function absolute(href: string, base: string | undefined): string | undefined {
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A table as rows of cells, ` | ` between them, one row a line. */
function tableText(table: Element): string {
  return Array.from(table.querySelectorAll('tr'))
    .map((row) => Array.from(row.children).map((cell) => clean(textOf(cell))).join(' | '))
    .filter(Boolean)
    .join('\n');
}
