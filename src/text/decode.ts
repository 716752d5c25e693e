/** The text of a file and how it was decoded. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/** Why a file's bytes are not an article's text. */
export class UndecodableError extends Error {
  override name = 'UndecodableError';
}

/**
 * Decodes an article file: UTF-8 (with or without BOM), UTF-16 with a BOM, or — when the bytes are not valid UTF-8 —
 * Windows-1252, the usual encoding of French text saved by older tools (a superset of Latin-1's printable range).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8(bytes.subarray(3)) ?? fail('not valid UTF-8 after its byte-order mark'), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (looksBinary(bytes)) fail('a binary file, not text (it contains NUL or control bytes)');
  const text = utf8(bytes);
  if (text !== undefined) return { text, encoding: 'utf-8' };
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// Text files have no NUL bytes and few C0 controls besides tab, line feed, form feed and carriage return.
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) controls++;
  }
  return controls > sample.length * 0.02;
}

function fail(reason: string): never {
  throw new UndecodableError(reason);
}
