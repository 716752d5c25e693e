import path from 'node:path';

/** Escapes text for HTML, in an element or in a quoted attribute: nothing in it can open a tag, an entity or end the quote. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]!);
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A link target a page may carry: web and mail addresses, and links within or beside the page; anything else
 * (`javascript:`, `data:`, `file:`) is not a link a reader's page should follow, and gives undefined.
 */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return /^[\s\x00-\x1f]*\/\//.test(trimmed) ? undefined : trimmed;
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto' ? trimmed : undefined;
}

/** A path in the output folder as a relative URL: each part percent-encoded, so `#`, `?` and spaces stay in the name. */
export function fileUrl(file: string): string {
  return file.split(path.sep).map(encodeURIComponent).join('/');
}
