import { binaryShare } from './control-characters.js';

/** Which byte of a code unit comes first: least significant (`le`) or most significant (`be`). */
export type ByteOrder = 'le' | 'be';

/** Decoded text and how many ill-formed code units became U+FFFD. */
export interface Decoding {
  text: string;
  replaced: number;
}

/** Decodes UTF-16; an unpaired surrogate or a final odd byte becomes U+FFFD, counted. */
export function decodeUtf16(bytes: Uint8Array, order: ByteOrder): Decoding {
  const label = order === 'le' ? 'utf-16le' : 'utf-16be';
  try {
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), replaced: 0 };
  } catch {
    return { text: new TextDecoder(label, { ignoreBOM: true }).decode(bytes), replaced: countUtf16Errors(bytes, order) };
  }
}

// Mirrors the WHATWG UTF-16 decoder, so that the count is exactly the number of U+FFFD TextDecoder writes.
function countUtf16Errors(bytes: Uint8Array, order: ByteOrder): number {
  const high = order === 'le' ? 1 : 0;
  let errors = 0;
  let lead = false;
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    const unit = (bytes[index + high]! << 8) | bytes[index + 1 - high]!;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (lead) errors++;
      lead = true;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      if (!lead) errors++;
      lead = false;
    } else if (lead) {
      errors++;
      lead = false;
    }
  }
  if (lead || bytes.length % 2 !== 0) errors++;
  return errors;
}

/** Decodes UTF-32, which TextDecoder lacks; a unit above U+10FFFF, a surrogate or a cut final unit becomes U+FFFD. */
export function decodeUtf32(bytes: Uint8Array, order: ByteOrder): Decoding {
  const units = bytes.length >>> 2;
  // Written as UTF-16LE, at most two code units (four bytes) per character, and decoded once at the end.
  const utf16 = new Uint8Array(units * 4 + 2);
  let length = 0;
  let replaced = 0;
  const write = (unit: number) => {
    utf16[length++] = unit & 0xff;
    utf16[length++] = unit >>> 8;
  };
  const [first, second, third, fourth] = order === 'le' ? ([3, 2, 1, 0] as const) : ([0, 1, 2, 3] as const);
  for (let index = 0; index < units * 4; index += 4) {
    const code = bytes[index + first]! * 0x1000000 + (bytes[index + second]! << 16) + (bytes[index + third]! << 8) + bytes[index + fourth]!;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      write(0xfffd);
      replaced++;
    } else if (code >= 0x10000) {
      write(0xd800 + ((code - 0x10000) >>> 10));
      write(0xdc00 + ((code - 0x10000) & 0x3ff));
    } else {
      write(code);
    }
  }
  if (bytes.length % 4 !== 0) {
    write(0xfffd);
    replaced++;
  }
  return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(utf16.subarray(0, length)), replaced };
}

/** UTF-32 or UTF-16 recognised without a byte-order mark, or undefined when the file is neither. */
export function guessUtf16OrUtf32(bytes: Uint8Array): (Decoding & { form: 'utf-16' | 'utf-32'; order: ByteOrder }) | undefined {
  // Both put NUL bytes in Latin text; a file without any, the usual case, is spared the count.
  if (bytes.indexOf(0) === -1) return undefined;
  const zeros = [0, 0, 0, 0];
  for (let index = 0; index < bytes.length; index++) if (bytes[index] === 0) zeros[index & 3]!++;
  const [zero0, zero1, zero2, zero3] = zeros as [number, number, number, number];
  // UTF-32 stops at U+10FFFF, so the top byte of every unit is zero; text is proven only if every unit is valid.
  if (bytes.length % 4 === 0) {
    for (const [order, topZeros] of [['le', zero3], ['be', zero0]] as const) {
      if (topZeros !== bytes.length / 4) continue;
      const decoding = decodeUtf32(bytes, order);
      if (decoding.replaced === 0 && isPlausible(decoding.text)) return { ...decoding, form: 'utf-32', order };
    }
  }
  // Latin text in UTF-16 has a zero high byte in most of its code units: on odd bytes for LE, even ones for BE.
  const units = bytes.length >>> 1;
  for (const [order, highZeros] of [['le', zero1 + zero3], ['be', zero0 + zero2]] as const) {
    if (highZeros <= units / 2) continue;
    const decoding = decodeUtf16(bytes, order);
    if (isPlausible(decoding.text)) return { ...decoding, form: 'utf-16', order };
  }
  return undefined;
}

// Binary data read as UTF-16 or UTF-32 gives what text almost never has: controls, private use (U+E000 to U+F8FF,
// planes 15 and 16), U+FFFD and the noncharacters after it, and planes 4 to 14, unassigned but for a few tags. Plain
// ranges rather than \p{Cn}, which is ten times slower on a 20 MB file.
const implausible = /[\0-\x08\x0B\x0E-\x1F\uE000-\uF8FF\uFFFD-\uFFFF\u{40000}-\u{10FFFF}]/gu;

function isPlausible(text: string): boolean {
  const limit = text.length * binaryShare;
  let count = 0;
  for (const _ of text.matchAll(implausible)) if (++count > limit) return false;
  return true;
}
