/** What a file's bytes say about UTF-8 and Windows-1252, counted over the whole file. */
export interface ByteEvidence {
  /** Well-formed UTF-8 sequences of two to four bytes. */
  utf8Sequences: number;
  /** Ill-formed UTF-8 sequences, a cut final character included, each one U+FFFD as a UTF-8 decoder replaces them. */
  invalidUtf8: number;
  /** Bytes 0x80 and above. */
  nonAscii: number;
  /** Bytes Windows-1252 leaves undefined: 0x81, 0x8D, 0x8F, 0x90 and 0x9D. */
  undefinedIn1252: number;
}

/** Counts, in one pass, the UTF-8 sequences a file holds, well-formed or not, and its bytes undefined in Windows-1252. */
export function weighBytes(bytes: Uint8Array): ByteEvidence {
  let utf8Sequences = 0;
  let invalidUtf8 = 0;
  let nonAscii = 0;
  let undefinedIn1252 = 0;
  // The state of the WHATWG UTF-8 decoder, so that invalidUtf8 is exactly the number of U+FFFD TextDecoder writes.
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte >= 0x80) {
      nonAscii++;
      if (byte === 0x81 || byte === 0x8d || byte === 0x8f || byte === 0x90 || byte === 0x9d) undefinedIn1252++;
    }
    if (needed !== 0) {
      if (byte >= lower && byte <= upper) {
        lower = 0x80;
        upper = 0xbf;
        if (++seen === needed) {
          utf8Sequences++;
          needed = seen = 0;
        }
        continue;
      }
      // The sequence is cut short; the byte that cut it starts afresh, as a decoder reads it.
      invalidUtf8++;
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
    }
    if (byte < 0x80) continue;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      if (byte === 0xe0) lower = 0xa0; // no overlong forms
      if (byte === 0xed) upper = 0x9f; // no surrogates
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      if (byte === 0xf0) lower = 0x90; // no overlong forms
      if (byte === 0xf4) upper = 0x8f; // nothing above U+10FFFF
    } else {
      invalidUtf8++;
    }
  }
  if (needed !== 0) invalidUtf8++;
  return { utf8Sequences, invalidUtf8, nonAscii, undefinedIn1252 };
}
