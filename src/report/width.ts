/** How wide text is on a terminal, in columns, and text cut to a width: what a status line needs to fit its line. */

// East Asian wide and fullwidth characters, and emoji: two columns each.
const wide = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
// Marks that combine with the character before, and characters that take no room.
const zero = /[\p{M}\u200B-\u200F\u2060\uFEFF]/u;

function columnsOf(character: string): number {
  if (zero.test(character)) return 0;
  return wide.test(character) ? 2 : 1;
}

/** The columns a line of text takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += columnsOf(character);
  return width;
}

/** The text as it is if it fits `width` columns, else cut to fit with `…` at the end. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let kept = '';
  let used = 0;
  for (const character of text) {
    const columns = columnsOf(character);
    if (used + columns > width - 1) break;
    kept += character;
    used += columns;
  }
  return `${kept}…`;
}
