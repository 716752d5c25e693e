import type { Block } from '../article.js';

/**
 * A translation with the formatting of its Markdown source carried over where it can be: a link, strong or emphasised
 * span, or inline code whose text is found as written in the translation (a name, a figure, a URL) is marked there
 * again; a link whose text was translated is added after it, so that no link is lost. `escape` escapes plain text.
 */
export function withSpans(translation: string, spans: Block['spans'], escape: (text: string) => string): string {
  return markSpans(escape(translation), spans, escape);
}

/** As `withSpans`, on a translation already escaped (and perhaps marked): `escape` escapes the spans' text. */
export function markSpans(escaped: string, spans: Block['spans'], escape: (text: string) => string): string {
  let text = escaped;
  const lost: string[] = [];
  for (const span of spans ?? []) {
    const shown = escape(span.text);
    const at = text.indexOf(shown);
    const marked = mark(span, shown);
    if (at >= 0 && !insideMark(text, at)) text = `${text.slice(0, at)}${marked}${text.slice(at + shown.length)}`;
    else if (span.kind === 'link') lost.push(marked);
  }
  return lost.length ? `${text} (${lost.join(', ')})` : text;
}

function mark(span: NonNullable<Block['spans']>[number], shown: string): string {
  switch (span.kind) {
    case 'link':
      return `[${shown}](${span.url ?? ''})`;
    case 'strong':
      return `**${shown}**`;
    case 'emphasis':
      return `*${shown}*`;
    case 'code':
      return `\`${span.text}\``;
  }
}

// Whether a position already sits inside a link's brackets: a span is marked once.
function insideMark(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf('[') > before.lastIndexOf(']');
}
