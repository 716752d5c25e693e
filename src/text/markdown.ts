import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Nodes, Root, RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { Span } from '../article.js';
import type { ParsedText, RawBlock } from './blocks.js';

/**
 * A Markdown article read as Markdown (mdast): front matter (YAML, or TOML's `title` and `date`) as metadata, its
 * `title` the article's title; else the first level-1 heading; other headings as headings, paragraphs, list items and
 * quotes as paragraphs with their inline formatting kept beside their plain text, and code, tables and HTML kept as
 * written.
 */
export function parseMarkdown(text: string): ParsedText {
  const tree = fromMarkdown(text, { extensions: [frontmatter(['yaml', 'toml']), gfmTable()], mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml']), gfmTableFromMarkdown()] });
  const blocks: RawBlock[] = [];
  const metadata: ParsedText['metadata'] = {};
  const source = (node: Nodes) => text.slice(node.position!.start.offset, node.position!.end.offset);
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      // TOML front matter (`+++`), which mdast's types do not list.
      if ((node.type as string) === 'toml') Object.assign(metadata, tomlFrontMatter((node as unknown as { value: string }).value));
      switch (node.type) {
        case 'yaml':
          Object.assign(metadata, frontMatter(node.value));
          break;
        case 'heading': {
          const kind = node.depth === 1 && !blocks.some((block) => block.kind === 'title') ? 'title' : 'heading';
          push(blocks, kind, node, source);
          break;
        }
        case 'paragraph':
          push(blocks, 'paragraph', node, source);
          break;
        case 'list':
          for (const item of node.children) visit(item.children);
          break;
        case 'blockquote':
          visit(node.children);
          break;
        case 'code':
        case 'html':
        case 'table':
          blocks.push({ kind: 'verbatim', text: source(node) });
          break;
        default:
          break;
      }
    }
  };
  visit((tree as Root).children);
  const title = titleOf(metadata.about);
  if (!title) return { blocks, metadata };
  // The front matter names the article (a site generator prints it as the page's title): a level-1 heading that
  // says the same again is dropped, one that says more stays as a heading.
  const heading = blocks.findIndex((block) => block.kind === 'title');
  if (heading >= 0 && blocks[heading]!.text === title) blocks.splice(heading, 1);
  else if (heading >= 0) blocks[heading] = { ...blocks[heading]!, kind: 'heading' };
  return { blocks: [{ kind: 'title', text: title }, ...blocks], metadata };
}

// The front matter's title, whatever case its key is written in (`Title:`), a number or a date as written.
function titleOf(about: Record<string, unknown> | undefined): string | undefined {
  const key = Object.keys(about ?? {}).find((name) => name.toLowerCase() === 'title');
  const value = key === undefined ? undefined : about![key];
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  return text?.replace(/\s+/gu, ' ').trim() || undefined;
}

function push(blocks: RawBlock[], kind: RawBlock['kind'], node: Extract<Nodes, { children: unknown }>, source: (node: Nodes) => string): void {
  const text = toString(node).replace(/\s+/g, ' ').trim();
  if (!text) return;
  const markup = node.children.length ? source(node.children[0]!.position ? { ...node, position: { start: node.children[0]!.position!.start, end: node.children.at(-1)!.position!.end } } as Nodes : node).replace(/\s*\n\s*/g, ' ').trim() : text;
  blocks.push({ kind, text, markup, spans: spansOf(node) });
}

/** The formatted spans of a block: links (with where they point), strong and emphasised text, inline code. */
function spansOf(node: Nodes): Span[] {
  const spans: Span[] = [];
  const walk = (current: Nodes) => {
    if (current.type === 'link') spans.push({ kind: 'link', text: toString(current), url: current.url });
    else if (current.type === 'strong') spans.push({ kind: 'strong', text: toString(current) });
    else if (current.type === 'emphasis') spans.push({ kind: 'emphasis', text: toString(current) });
    else if (current.type === 'inlineCode') spans.push({ kind: 'code', text: current.value });
    if ('children' in current) for (const child of current.children) walk(child as Nodes);
  };
  walk(node);
  return spans.filter((span) => span.text.trim());
}

/** TOML front matter (`+++`): its `title` and `date` when written as plain strings or dates, the rest not read. */
function tomlFrontMatter(toml: string): ParsedText['metadata'] {
  const about: Record<string, unknown> = {};
  for (const [, key, value] of toml.matchAll(/^\s*(title|date)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|\d{4}-\d{2}-\d{2}\S*)\s*(?:#.*)?$/gmu)) {
    about[key!] = value!.startsWith('"') ? (JSON.parse(value!) as string) : value!.replace(/^'|'$/gu, '');
  }
  const date = /^\d{4}-\d{2}(-\d{2})?/.exec(String(about['date'] ?? ''))?.[0];
  return Object.keys(about).length ? { ...(date ? { date } : {}), about } : {};
}

/** Front matter as metadata: a `date` (as `2018-06` or `2018-06-05`), and the rest kept as it is. */
function frontMatter(yaml: string): ParsedText['metadata'] {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const values = data as Record<string, unknown>;
  const date = /^\d{4}-\d{2}(-\d{2})?/.exec(values['date'] instanceof Date ? values['date'].toISOString() : String(values['date'] ?? ''))?.[0];
  return { ...(date ? { date } : {}), about: values };
}
