import { decodeText, UndecodableError } from '../text/decode.js';

/**
 * A glossary file's text, decoded as an article's is (a byte-order mark: UTF-8, UTF-16 as Excel's "Unicode Text"
 * writes it, UTF-32), or why it cannot be read. Unlike an article, nothing is guessed or repaired: a term read in
 * the wrong encoding would be held wrong in every translation, so a file that is not clean Unicode is refused.
 */
export function decodeGlossary(bytes: Uint8Array): { text: string } | { problem: string } {
  const save = 'save it as UTF-8 (in a text editor: Save As, encoding UTF-8; from Excel: "Unicode Text" also works)';
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (!(error instanceof UndecodableError)) throw error;
    // decodeText's reasons already say what the file is (`a binary file, not text (…)`, `in an encoding bitext does
    // not read: …`).
    return { problem: `The glossary is ${error.message.replace(/; convert it to UTF-8$/u, '')}; ${save}` };
  }
  if (decoded.encoding === 'windows-1252') return { problem: `The glossary is not UTF-8: it looks like Latin-1 (Windows-1252), whose accents bitext does not guess at; ${save}` };
  const { replaced = 0, removedControls = 0 } = decoded.repairs ?? {};
  if (replaced) {
    const form = decoded.encoding.replace(/^utf-(8|16|32).*/u, 'UTF-$1');
    return { problem: `The glossary is not valid ${form} (${count(replaced, 'damaged place')}); ${save}` };
  }
  if (removedControls) return { problem: `The glossary holds ${count(removedControls, 'NUL or control character')}, which no term has: it is not a text file, or damaged; ${save}` };
  return { text: decoded.text };
}

function count(number: number, noun: string): string {
  return `${number} ${noun}${number === 1 ? '' : 's'}`;
}
