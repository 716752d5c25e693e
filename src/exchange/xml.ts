/**
 * Characters XML 1.0 cannot hold at all, even escaped: control characters other than tab, line feed and carriage
 * return (a form feed is text to bitext), lone surrogates, and U+FFFE/U+FFFF.
 */
const forbidden = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Escapes text for XML content or a quoted attribute. A character XML cannot hold is given to `replace` (XLIFF
 * writes it as `<cp hex="000C"/>`), or becomes a space.
 */
export function escapeXml(text: string, replace: (character: string) => string = () => ' '): string {
  return text
    .replace(/[&<>"]/g, (character) => xmlEntities[character]!)
    .replace(/\r/g, '&#13;')
    .replace(forbidden, replace);
}

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** An XML name token (`NMTOKEN`) made of a name: what is not a letter, digit, `.`, `-` or `_` becomes `_`. */
export function nameToken(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]/gu, '_') || '_';
}
