/**
 * Web addresses and e-mail addresses written in a text (`https://example.com/page`, `www.lemonde.fr`,
 * `redaction@journal.fr`): nothing a translation may change, so they are kept as written. Punctuation that ends the
 * sentence or closes a bracket is not part of them.
 */
const addressPattern = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"`«»\u00a0\u202f]+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const trailing = /[.,;:!?)\]'’]+$/u;

/** The addresses of a text, in order, as written. */
export function addressesOf(text: string): string[] {
  return [...text.matchAll(addressPattern)].map((match) => match[0].replace(trailing, '')).filter((address) => address.length > 4);
}
