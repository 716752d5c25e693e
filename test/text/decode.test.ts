import { describe, expect, it } from 'vitest';
import { decodeText, describeRepairs, UndecodableError } from '../../src/text/decode.js';

const french = 'Le café a rouvert après l’été, « enfin » disent les habitants 🎉.\n';
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const latin = (text: string) => Buffer.from(text, 'latin1');
const bytes = (...parts: (Buffer | number[])[]) => Buffer.concat(parts.map((part) => Buffer.from(part)));

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const encoded = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  return order === 'le' ? encoded : encoded.swap16();
}

function utf32(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const codePoints = [...`${bom ? '\uFEFF' : ''}${text}`].map((character) => character.codePointAt(0)!);
  return utf32Units(codePoints, order);
}

function utf32Units(units: number[], order: 'le' | 'be'): Buffer {
  const buffer = Buffer.alloc(units.length * 4);
  units.forEach((unit, index) => (order === 'le' ? buffer.writeUInt32LE(unit, index * 4) : buffer.writeUInt32BE(unit, index * 4)));
  return buffer;
}

// A fixed seed: the same "random" file on every run.
function randomBytes(length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let state = 0x2545f491;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    buffer[index] = state & 0xff;
  }
  return buffer;
}

const longText = 'Le conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat.\n'.repeat(120);
const crlfText = longText.replace(/\n/g, '\r\n');

describe('decodeText', () => {
  it.each([
    ['clean UTF-8', utf8(french), french, 'utf-8'],
    ['UTF-8 with a BOM, which is dropped', utf8(`\uFEFF${french}`), french, 'utf-8-bom'],
    ['CRLF line endings, tab and form feed, untouched', utf8('Le titre\r\n\tLe café.\f\r\n'), 'Le titre\r\n\tLe café.\f\r\n', 'utf-8'],
    ['an empty file', Buffer.alloc(0), '', 'utf-8'],
    ['Windows-1252 French', latin('Le caf\xe9 a rouvert apr\xe8s des ann\xe9es de travaux.\n'), 'Le café a rouvert après des années de travaux.\n', 'windows-1252'],
    // Node 20.18.3 and later decode these as Latin-1's invisible C1 controls (nodejs/node#56542).
    ['every Windows-1252 character from 0x80 to 0x9F', bytes([0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e], [0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f]), '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ', 'windows-1252'],
    // É then a no-break space is a well-formed UTF-8 pair (U+0260), outweighed by the file's other accents.
    ['Windows-1252 with one accidental UTF-8 pair', latin('\xab\xa0CAF\xc9\xa0\xbb : le caf\xe9 a rouvert apr\xe8s l\x92\xe9t\xe9.'), '«\u00a0CAFÉ\u00a0» : le café a rouvert après l’été.', 'windows-1252'],
    ['UTF-16LE with a BOM', utf16(french, 'le', true), french, 'utf-16le-bom'],
    ['UTF-16BE with a BOM', utf16(french, 'be', true), french, 'utf-16be-bom'],
    ['UTF-16LE without a BOM', utf16(french, 'le', false), french, 'utf-16le'],
    ['UTF-16BE without a BOM', utf16(french, 'be', false), french, 'utf-16be'],
    ['UTF-32LE with a BOM', utf32(french, 'le', true), french, 'utf-32le-bom'],
    ['UTF-32BE with a BOM', utf32(french, 'be', true), french, 'utf-32be-bom'],
    ['UTF-32LE without a BOM', utf32(french, 'le', false), french, 'utf-32le'],
    ['UTF-32BE without a BOM', utf32(french, 'be', false), french, 'utf-32be'],
  ])('reads %s whole, repairing nothing', (_name, input, text, encoding) => {
    expect(decodeText(input)).toStrictEqual({ text, encoding });
  });

  it.each([
    ['one stray byte in the middle', bytes(utf8('Une enquête a été ouverte '), [0xe9], utf8(' sur l’été.')), 'Une enquête a été ouverte \uFFFD sur l’été.', 'utf-8', 1],
    ['a last character cut short', bytes(utf8('Une enquête a été ouverte sur l'), [0xe2, 0x80]), 'Une enquête a été ouverte sur l\uFFFD', 'utf-8', 1],
    // The BOM is itself a well-formed sequence, and a tie goes to what it says.
    ['a BOM, ASCII and one stray byte', bytes(utf8('\uFEFFLe budget est vot'), [0xe9]), 'Le budget est vot\uFFFD', 'utf-8-bom', 1],
    ['a BOM and one stray byte', bytes(utf8('\uFEFFUne enquête a été '), [0xff], utf8('ouverte.')), 'Une enquête a été \uFFFDouverte.', 'utf-8-bom', 1],
    // Overlong, surrogate, above U+10FFFF, lone continuations, a cut four-byte form: one U+FFFD each, as TextDecoder writes.
    ['every kind of ill-formed sequence', bytes(utf8(french.repeat(3)), [0xe0, 0x80, 0xaf, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xf4, 0x90, 0x80, 0x80, 0x20, 0x80, 0xbf, 0x20, 0xf0, 0x9f, 0x98], utf8(' Déjà.')), `${french.repeat(3)}\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD \uFFFD Déjà.`, 'utf-8', 13],
    ['Windows-1252 with a byte it leaves undefined', latin(`\x81 ${'Le caf\xe9 apr\xe8s l\x92\xe9t\xe9. '.repeat(4)}`), `\uFFFD ${'Le café après l’été. '.repeat(4)}`, 'windows-1252', 1],
    ['UTF-16LE with a BOM and an unpaired surrogate', bytes(utf16('Été ', 'le', true), [0x00, 0xd8], utf16(' fini', 'le', false)), 'Été \uFFFD fini', 'utf-16le-bom', 1],
    ['UTF-16BE with a BOM and a last odd byte', bytes(utf16('Été fini', 'be', true), [0x00]), 'Été fini\uFFFD', 'utf-16be-bom', 1],
    ['UTF-32LE with a BOM, a unit above U+10FFFF and a surrogate', bytes(utf32('Été ', 'le', true), utf32Units([0x110000, 0xdc00], 'le'), utf32(' fini', 'le', false)), 'Été \uFFFD\uFFFD fini', 'utf-32le-bom', 2],
    ['UTF-32BE with a BOM and a last unit cut short', bytes(utf32('Été fini', 'be', true), [0x00, 0x00]), 'Été fini\uFFFD', 'utf-32be-bom', 1],
  ])('keeps %s, replacing only the bad sequences with U+FFFD, counted', (_name, input, text, encoding, replaced) => {
    expect(decodeText(input)).toStrictEqual({ text, encoding, repairs: { replaced, removedControls: 0 } });
  });

  it.each([
    ['a NUL after the first 8 KB of a long UTF-8 text', utf8(`${longText}\0${longText}`), `${longText}${longText}`, 'utf-8', 1],
    ['a NUL at the start of an otherwise text file, its CRLF kept', utf8(`\0${crlfText}`), crlfText, 'utf-8', 1],
    ['an escape and a bell in Windows-1252', latin(`\x1b[1m\x07${'Le caf\xe9 a rouvert. '.repeat(20)}`), `[1m${'Le café a rouvert. '.repeat(20)}`, 'windows-1252', 2],
    ['NUL characters in UTF-16LE without a BOM', utf16(`${longText}\0\0${longText}`, 'le', false), `${longText}${longText}`, 'utf-16le', 2],
  ])('removes and counts %s', (_name, input, text, encoding, removedControls) => {
    expect(decodeText(input)).toStrictEqual({ text, encoding, repairs: { replaced: 0, removedControls } });
  });

  const binary = 'a binary file, not text (it contains NUL or control bytes)';
  it.each([
    ['a PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), binary],
    ['64 KB of random bytes', randomBytes(65_536), binary],
    ['a file of NUL bytes', Buffer.alloc(4096), binary],
    ['a text whose NUL bytes all come after its first 8 KB', bytes(utf8(longText), Buffer.from(longText.replace(/ /g, '\0'))), binary],
    // Five-byte x86 no-ops: 0x90 is undefined in Windows-1252, yet this is binary, not text in another encoding.
    ['machine code', Buffer.from(Array(500).fill([0x0f, 0x1f, 0x44, 0x00, 0x00, 0x90]).flat()), binary],
    // NUL high bytes as in UTF-16 or UTF-32, but characters no text uses: private use, unassigned planes.
    ['16-bit data that reads as private-use characters', utf16('AB\uE001'.repeat(500), 'le', false), binary],
    ['32-bit numbers that read as unassigned characters', utf32Units(Array.from({ length: 500 }, (_, index) => 0x50000 + index), 'le'), binary],
    ['a UTF-16LE BOM then NUL bytes', bytes([0xff, 0xfe], Buffer.alloc(4096)), binary],
    ['French in Mac Roman', latin('Le gar\x8Don a f\x90t\x8E No\x91l \x88 la for\x90t, apr\x8Fs la r\x8Eunion o\x9D il a march\x8E.'), 'in an encoding bitext does not read: not UTF-8, and 5 bytes undefined in Windows-1252 (as in Mac Roman or a DOS code page); convert it to UTF-8'],
    ['a BOM before Windows-1252', bytes([0xef, 0xbb, 0xbf], latin('Le caf\xe9 a rouvert apr\xe8s l\x92\xe9t\xe9.')), 'not valid UTF-8 after its byte-order mark'],
  ])('refuses %s, saying what it is', (_name, input, message) => {
    expect(() => decodeText(input)).toThrow(new UndecodableError(message));
  });
});

describe('describeRepairs', () => {
  it.each([
    ['a clean UTF-8 file', utf8(french), undefined],
    ['a clean UTF-16 file', utf16(french, 'le', true), undefined],
    ['Windows-1252', latin('Le caf\xe9.'), 'not valid UTF-8; decoded as Windows-1252 (Latin-1)'],
    ['one bad UTF-8 sequence', bytes(utf8('Été '), [0xff], utf8(' été')), 'not valid UTF-8 in 1 place; those bytes were replaced with U+FFFD (�)'],
    ['three bad UTF-8 sequences', bytes(utf8('Été à Noël '), [0xff, 0x20, 0xfe, 0x20, 0xc3]), 'not valid UTF-8 in 3 places; those bytes were replaced with U+FFFD (�)'],
    ['an unpaired UTF-32 unit', bytes(utf32('Été', 'be', true), utf32Units([0xd800], 'be')), 'not valid UTF-32 in 1 place; those bytes were replaced with U+FFFD (�)'],
    ['two NUL bytes', utf8(`\0${longText}\0`), '2 NUL or control bytes removed'],
    ['one NUL character in UTF-16', utf16(`${longText}\0`, 'be', true), '1 NUL or control character removed'],
    ['a bad sequence and a NUL', bytes(utf8(`\0${longText}`), [0xff]), 'not valid UTF-8 in 1 place; those bytes were replaced with U+FFFD (�); 1 NUL or control byte removed'],
    ['Windows-1252 with undefined bytes', latin(`\x81${'Le caf\xe9 apr\xe8s l\x92\xe9t\xe9. '.repeat(10)}\x9d`), 'not valid UTF-8; decoded as Windows-1252 (Latin-1); 2 bytes undefined in Windows-1252 replaced with U+FFFD (�)'],
  ])('notes %s as %j', (_name, input, note) => {
    expect(describeRepairs(decodeText(input))).toBe(note);
  });
});
