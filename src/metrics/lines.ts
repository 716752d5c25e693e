/**
 * The segments of a hypothesis or reference file as sacreBLEU's command line reads them: split at line feeds only
 * (a lone carriage return, U+2028 or U+0085 stays inside its line), a final line feed ending the last segment rather
 * than starting an empty one. Trailing whitespace, `\r` included, is left on: both metrics ignore it.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}
