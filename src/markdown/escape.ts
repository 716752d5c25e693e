/** Escapes text for a Markdown table cell: no pipes, no line breaks, no raw HTML. */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A Markdown source's own inline Markdown, made safe for a table cell: its pipes and line breaks only. */
export function markupCell(markup: string): string {
  return markup.replace(/(?<!\\)\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Escapes text for running Markdown: backslashes and HTML, and a line start that would read as syntax. */
export function escapeBlock(text: string): string {
  return escapeInline(text).replace(/^(\s*)(#{1,6}\s|>|[-+*]\s|\d+[.)]\s|[=-]{3,}\s*$)/gm, '$1\\$2');
}

function escapeInline(text: string): string {
  // Brackets stay readable: only `](`, which would start a link target, is broken up.
  return text.replace(/\\/g, '\\\\').replace(/</g, '&lt;').replace(/([*_`])/g, '\\$1').replace(/\]\(/g, ']\\(');
}

/** Names of languages in their own language, for column headers; the ISO code otherwise. */
export function languageName(code: string): string {
  const names: Record<string, string> = {
    fra: 'Français',
    eng: 'English',
    deu: 'Deutsch',
    spa: 'Español',
    ita: 'Italiano',
    por: 'Português',
    nld: 'Nederlands',
    cat: 'Català',
    ron: 'Română',
    pol: 'Polski',
  };
  return names[code] ?? code;
}
