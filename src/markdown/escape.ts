/** Escapes text for a Markdown table cell: no pipes, no line breaks, no raw HTML. */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A Markdown source's own inline Markdown, made safe for a table cell: its pipes and line breaks only. */
export function markupCell(markup: string): string {
  // A warning sign outside the source's own code spans is quoted as the escapes below quote it.
  const quoted = markup.split(/(`+[^`]*`+)/u).map((part, index) => (index % 2 ? part : quoteSign(part))).join('');
  return quoted.replace(/(?<!\\)\|/g, '\\|').replace(/\r?\n/g, ' ');
}

// A warning sign written in the text, in a code span: only the check's marks show a bare ⚠ (`⚠*number*`).
const warningSign = /\u26A0[\uFE0E\uFE0F]?/gu;
const quoteSign = (text: string) => text.replace(warningSign, '`$&`');

/** Escapes text for running Markdown: backslashes and HTML, and a line start that would read as syntax. */
export function escapeBlock(text: string): string {
  return escapeInline(text).replace(/^(\s*)(#{1,6}\s|>|[-+*]\s|\d+[.)]\s|[=-]{3,}\s*$)/gm, '$1\\$2');
}

function escapeInline(text: string): string {
  // Brackets stay readable: only `](`, which would start a link target, is broken up.
  return quoteSign(text.replace(/\\/g, '\\\\').replace(/</g, '&lt;').replace(/([*_`])/g, '\\$1').replace(/\]\(/g, ']\\('));
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
