// NUL and the C0 controls other than tab, line feed, form feed and carriage return: text has none, or a stray few.
const control = /[\0-\x08\x0B\x0E-\x1F]/g;
const anyControl = /[\0-\x08\x0B\x0E-\x1F]/;

/** The share of a text's characters above which its control characters make it binary rather than text. */
export const binaryShare = 0.02;

/** How many NUL and C0 control characters other than tab, line feed, form feed and carriage return a text holds. */
export function countControls(text: string): number {
  // A regular expression finds the usual "none" at native speed; only a text with some is counted.
  if (!anyControl.test(text)) return 0;
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) count++;
  }
  return count;
}

/** How many NUL and C0 control bytes other than tab, line feed, form feed and carriage return a file holds. */
export function countControlBytes(bytes: Uint8Array): number {
  let count = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) count++;
  }
  return count;
}

/** Whether that many control characters in a text of that length make it binary. */
export function isBinary(controls: number, length: number): boolean {
  return controls > length * binaryShare;
}

/** The text without its NUL and C0 control characters other than tab, line feed, form feed and carriage return. */
export function removeControls(text: string): string {
  return text.replace(control, '');
}

// Every C0 and C1 control character and DEL, tab and line feed included: a terminal acts on them.
const terminalControl = /[\0-\x1F\x7F-\x9F]/g;

/** The text with its control characters written as `\x1b`, so that printing it shows them rather than obeys them. */
export function escapeControls(text: string): string {
  return text.replace(terminalControl, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
