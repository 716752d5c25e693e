/**
 * Unicode classes of characters, answered from a table instead of a regular expression per character: the
 * detector looks at every character of every text, and `text.match(/\p{L}/gu)` built an array of them all.
 */

/** The character is a letter (`\p{L}`). */
export const letter = 1;
/** The character is a combining mark (`\p{M}`): part of a word, as a letter is. */
export const mark = 2;
/** The character is in the Latin script (`\p{Script=Latin}`). */
export const latin = 4;
const known = 8;

const letterPattern = /^\p{L}$/u;
const markPattern = /^\p{M}$/u;
const latinPattern = /^\p{Script=Latin}$/u;

// Filled on first sight of each UTF-16 unit, so that start-up does not pay for 65,536 regular-expression tests.
const basic = new Uint8Array(65536);
const astral = new Map<number, number>();

function classify(character: string): number {
  return known | (letterPattern.test(character) ? letter : 0) | (markPattern.test(character) ? mark : 0) | (latinPattern.test(character) ? latin : 0);
}

/**
 * The classes of the code point at `index` (`letter | mark | latin` bits) times 4, plus the UTF-16 units it takes
 * (1 or 2), packed in one number so that the hot loops allocate nothing: `classes >> 2`, `units & 3`.
 * A lone surrogate has no class, as in a `u` regular expression.
 */
export function codePointAt(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < 0xd800 || unit > 0xdfff) {
    let classes = basic[unit]!;
    if (!classes) basic[unit] = classes = classify(text[index]!);
    return ((classes & ~known) << 2) | 1;
  }
  const next = text.charCodeAt(index + 1);
  if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return 1;
  const codePoint = ((unit - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
  let classes = astral.get(codePoint);
  if (classes === undefined) astral.set(codePoint, (classes = classify(String.fromCodePoint(codePoint))));
  return ((classes & ~known) << 2) | 2;
}

/** Letters in a text: the evidence a language decision rests on. */
export function countLetters(text: string): number {
  let letters = 0;
  for (let index = 0; index < text.length; ) {
    const packed = codePointAt(text, index);
    if (packed & (letter << 2)) letters++;
    index += packed & 3;
  }
  return letters;
}

/** Letters in a text, and how many of its characters are in the Latin script, in one pass. */
export function countScripts(text: string): { letters: number; latin: number } {
  let letters = 0;
  let latinCharacters = 0;
  for (let index = 0; index < text.length; ) {
    const packed = codePointAt(text, index);
    if (packed & (letter << 2)) letters++;
    if (packed & (latin << 2)) latinCharacters++;
    index += packed & 3;
  }
  return { letters, latin: latinCharacters };
}
