// Whitespace as Python's str.split() and str.rstrip() see it (str.isspace), which is what sacreBLEU splits words on
// and strips lines of. JavaScript's \s differs both ways: it has U+FEFF, and lacks U+001C–U+001F and U+0085.
const whitespace = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const runs = new RegExp(`[${whitespace}]+`, 'gu');
const trailing = new RegExp(`[${whitespace}]+$`, 'u');

/** The words of a text, split at runs of whitespace as Python's `str.split()` does. */
export function splitWords(text: string): string[] {
  const words = text.split(runs);
  if (words[0] === '') words.shift();
  if (words.length > 0 && words[words.length - 1] === '') words.pop();
  return words;
}

/** A text without its trailing whitespace, as Python's `str.rstrip()` gives it. */
export function trimEnd(text: string): string {
  return text.replace(trailing, '');
}

/** A text with all its whitespace removed, as Python's `''.join(text.split())` gives it. */
export function removeWhitespace(text: string): string {
  return text.replace(runs, '');
}
