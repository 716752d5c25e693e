import { weighBytes } from './byte-evidence.js';
import { countControlBytes, countControls, isBinary, removeControls } from './control-characters.js';
import { type Decoding, decodeUtf16, decodeUtf32, guessUtf16OrUtf32 } from './utf16-utf32.js';
import { decodeWindows1252 } from './windows-1252.js';

type UnicodeForm = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** How a file was decoded: a Unicode form, suffixed `-bom` when the file began with a byte-order mark, or Windows-1252. */
export type TextEncoding = UnicodeForm | `${UnicodeForm}-bom` | 'windows-1252';

/** What decoding had to change in a file's text; absent from a clean file. */
export interface Repairs {
  /** Ill-formed sequences (or bytes undefined in Windows-1252), each replaced with one U+FFFD. */
  replaced: number;
  /** NUL and C0 control characters other than tab, line feed, form feed and carriage return, removed. */
  removedControls: number;
}

/** The text of a file, how it was decoded, and what was repaired on the way. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  repairs?: Repairs;
}

/** Why a file's bytes are not an article's text. */
export class UndecodableError extends Error {
  override name = 'UndecodableError';
}

/**
 * Decodes an article file: by its byte-order mark (UTF-8, UTF-16, UTF-32), as UTF-16 or UTF-32 recognised by their
 * NUL bytes, as UTF-8 when its well-formed multi-byte sequences outnumber its ill-formed ones, else as Windows-1252;
 * ill-formed sequences become U+FFFD, and NUL and control characters are removed, or make it binary above 2%.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const decoded = decodeMarked(bytes) ?? decodeUnmarked(bytes) ?? decodeUtf8OrWindows1252(bytes);
  const controls = countControls(decoded.text);
  if (isBinary(controls, decoded.text.length)) failBinary();
  const text = controls ? removeControls(decoded.text) : decoded.text;
  if (!decoded.replaced && !controls) return { text, encoding: decoded.encoding };
  return { text, encoding: decoded.encoding, repairs: { replaced: decoded.replaced, removedControls: controls } };
}

/** The note a reader should see about how a file was decoded and repaired, or undefined for a clean Unicode file. */
export function describeRepairs(decoded: DecodedText): string | undefined {
  const { replaced = 0, removedControls = 0 } = decoded.repairs ?? {};
  const windows1252 = decoded.encoding === 'windows-1252';
  const notes = windows1252 ? ['not valid UTF-8; decoded as Windows-1252 (Latin-1)'] : [];
  if (replaced && windows1252) {
    notes.push(`${count(replaced, 'byte')} undefined in Windows-1252 replaced with U+FFFD (�)`);
  } else if (replaced) {
    const form = decoded.encoding.replace(/^utf-(8|16|32).*/, 'UTF-$1');
    notes.push(`not valid ${form} in ${count(replaced, 'place')}; those bytes were replaced with U+FFFD (�)`);
  }
  // In UTF-16 and UTF-32 a control character is several bytes.
  const unit = /^utf-(16|32)/.test(decoded.encoding) ? 'character' : 'byte';
  if (removedControls) notes.push(`${count(removedControls, `NUL or control ${unit}`)} removed`);
  return notes.length ? notes.join('; ') : undefined;
}

interface Decoded extends Decoding {
  encoding: TextEncoding;
}

function decodeMarked(bytes: Uint8Array): Decoded | undefined {
  const starts = (...mark: number[]) => mark.every((byte, index) => bytes[index] === byte);
  // FF FE 00 00 also begins UTF-16LE whose first character is NUL, which no text has: it is UTF-32LE.
  if (starts(0xff, 0xfe, 0x00, 0x00)) return labelled(decodeUtf32(bytes.subarray(4), 'le'), 'utf-32le-bom');
  if (starts(0x00, 0x00, 0xfe, 0xff)) return labelled(decodeUtf32(bytes.subarray(4), 'be'), 'utf-32be-bom');
  if (starts(0xef, 0xbb, 0xbf)) return decodeUtf8OrWindows1252(bytes, true);
  if (starts(0xff, 0xfe)) return labelled(decodeUtf16(bytes.subarray(2), 'le'), 'utf-16le-bom');
  if (starts(0xfe, 0xff)) return labelled(decodeUtf16(bytes.subarray(2), 'be'), 'utf-16be-bom');
  return undefined;
}

function decodeUnmarked(bytes: Uint8Array): Decoded | undefined {
  const guess = guessUtf16OrUtf32(bytes);
  return guess && labelled(guess, `${guess.form}${guess.order}`);
}

function labelled(decoding: Decoding, encoding: TextEncoding): Decoded {
  return { text: decoding.text, replaced: decoding.replaced, encoding };
}

function decodeUtf8OrWindows1252(bytes: Uint8Array, bom = false): Decoded {
  const encoding = bom ? 'utf-8-bom' : 'utf-8';
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), replaced: 0, encoding };
  } catch {
    // Not clean UTF-8: weighed below.
  }
  // decodeText's rule, early: a byte is at most a character, so this many controls make the text binary too; and
  // binary data, whose bytes are slow to weigh and often undefined in Windows-1252, is best called binary.
  if (isBinary(countControlBytes(bytes), bytes.length)) failBinary();
  // A Windows-1252 file has almost no well-formed multi-byte UTF-8 sequence (É then a no-break space is one); a
  // damaged UTF-8 file has many and a few ill-formed ones. A tie goes to what the file says: its byte-order mark, or none.
  const evidence = weighBytes(bytes);
  if (evidence.utf8Sequences > evidence.invalidUtf8 || (bom && evidence.utf8Sequences === evidence.invalidUtf8)) {
    return { text: new TextDecoder('utf-8').decode(bytes), replaced: evidence.invalidUtf8, encoding };
  }
  if (bom) fail('not valid UTF-8 after its byte-order mark');
  // Windows-1252 text has none but a stray few; French in Mac Roman has them as ç, ê, è, ù, about one accent in five.
  if (evidence.undefinedIn1252 > evidence.nonAscii * 0.05) {
    fail(`in an encoding bitext does not read: not UTF-8, and ${count(evidence.undefinedIn1252, 'byte')} undefined in Windows-1252 (as in Mac Roman or a DOS code page); convert it to UTF-8`);
  }
  return { text: decodeWindows1252(bytes), replaced: evidence.undefinedIn1252, encoding: 'windows-1252' };
}

function count(number: number, noun: string): string {
  return `${number} ${noun}${number === 1 ? '' : 's'}`;
}

function failBinary(): never {
  fail('a binary file, not text (it contains NUL or control bytes)');
}

function fail(reason: string): never {
  throw new UndecodableError(reason);
}
