import { describe, expect, it } from 'vitest';
import { addressesOf } from '../../src/text/addresses.js';

describe('addressesOf', () => {
  it.each([
    ['an autolink', 'Lien nu : <https://example.com/page> et image.', ['https://example.com/page']],
    ['an address ending a sentence', 'Voir www.lemonde.fr/economie.', ['www.lemonde.fr/economie']],
    ['an e-mail address before a comma', 'Écrivez à redaction@journal.fr, merci.', ['redaction@journal.fr']],
    ['an address in brackets, with a query', 'Le site (https://a.fr/x?y=1) est fermé.', ['https://a.fr/x?y=1']],
    ['times and decimals, which are not addresses', 'Il est 14h30 et le prix est de 3.5 euros.', []],
  ])('finds %s', (_, text, expected) => {
    expect(addressesOf(text)).toEqual(expected);
  });
});
