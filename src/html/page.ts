import { createHash } from 'node:crypto';
import { tool } from '../version.js';
import { escapeHtml } from './escape.js';
import { style } from './style.js';

/** What a page is made of: its language, title and body, and the script it runs, if any. */
export interface PageParts {
  /** BCP 47 tag of the page's main language (`fr`). */
  lang: string;
  title: string;
  /** The body's HTML, already escaped. */
  body: string;
  /** Attributes of `<body>`, already escaped: ` class="monolingual"`. */
  bodyAttributes?: string;
  script?: string;
}

/**
 * A whole page, self-contained: its style and script inline, and a content security policy that lets nothing else
 * in, so the page fetches nothing, ever (no font, no image, no script from elsewhere), and a `<script>` that came in
 * with an article's text could not run even if it slipped through the escaping: only the script whose hash is
 * named runs.
 */
export function renderPage(parts: PageParts): string {
  const policy = [
    "default-src 'none'",
    `style-src '${hash(style)}'`,
    `script-src ${parts.script ? `'${hash(parts.script)}'` : "'none'"}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(parts.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(`${tool.name} ${tool.version}`)}">`,
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    `<body${parts.bodyAttributes ?? ''}>`,
    `<div class="page">`,
    parts.body,
    '</div>',
    ...(parts.script ? [`<script>${parts.script}</script>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A CSP source of an inline style or script: `sha256-…` of its exact text. */
function hash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
