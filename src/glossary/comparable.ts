/**
 * Text made comparable for finding terms, and where each of its characters comes from in the original, so that a
 * match found in it is reported at its place in the text as written (callers slice with it).
 */
export interface Comparable {
  text: string;
  /** For each UTF-16 unit of `text`, where its original character starts and ends in the original string. */
  starts: number[];
  ends: number[];
}

const softHyphen = '\u00ad';
const hyphens = new Set(['-', '\u2010', '\u2011']);
const apostrophes = new Set(['’', 'ʼ', '‘']);

/**
 * Text as terms are compared: in NFC with accents taken off (`États`, `Etats` and `E` + U+0301 `tats` are one),
 * apostrophes made one, a run of spaces (any: no-break, thin, tab, line break) made one space, each hyphen a space
 * (`Maison-Blanche` is `Maison Blanche`), soft hyphens left out. The glossary's duplicates and the matcher both use
 * it, so that two lines the matcher cannot tell apart are reported.
 */
export function comparable(original: string): Comparable {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let inSpace = false;
  const push = (folded: string, start: number, end: number) => {
    for (let unit = 0; unit < folded.length; unit++) {
      starts.push(start);
      ends.push(end);
    }
    text += folded;
  };
  for (let index = 0; index < original.length; ) {
    const character = String.fromCodePoint(original.codePointAt(index)!);
    const end = index + character.length;
    if (character === softHyphen) {
      // Invisible, and only where a word may break: the word goes on.
    } else if (/\s/u.test(character)) {
      if (inSpace) ends[ends.length - 1] = end;
      else push(' ', index, end);
      inSpace = true;
      index = end;
      continue;
    } else if (/\p{M}/u.test(character) && text.length) {
      // An accent typed after its letter (NFD) belongs to the letter, and is taken off with it.
      ends[ends.length - 1] = end;
    } else if (hyphens.has(character)) push(' ', index, end);
    else if (apostrophes.has(character)) push("'", index, end);
    else push(character < '\u0080' ? character : character.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') || character, index, end);
    inSpace = false;
    index = end;
  }
  return { text, starts, ends };
}

/** A glossary term as the matcher compares it: two terms with the same key are one term. */
export function termKey(term: string): string {
  return comparable(term).text;
}
