import { describe, expect, it } from 'vitest';
import { tokenize13a } from '../../src/metrics/tokenize-13a.js';
import { removeWhitespace, splitWords, trimEnd } from '../../src/metrics/whitespace.js';

// Each expected value is what sacreBLEU 2.6.0 gives: Tokenizer13a()(segment.rstrip()), as BLEU calls it.
describe('tokenize13a', () => {
  it.each([
    ['Hello, world.', 'Hello , world .'],
    ['It costs $3.50, or 1,000 yen.', 'It costs $ 3.50 , or 1,000 yen .'],
    ['U.S. troops left in 2014-2015.', 'U . S . troops left in 2014 - 2015 .'],
    ['e-mail me: a/b@c.com', 'e-mail me : a / b @ c . com'],
    ['&quot;Yes&quot; &amp; &lt;no&gt;', '" Yes " & < no >'],
    ['&amp;lt;', '<'],
    ['a<skipped>b', 'ab'],
    ['line-\nbreak and\nnewline', 'linebreak and newline'],
    ["l'homme d'État (1789)", "l'homme d'État ( 1789 )"],
    ['end.', 'end .'],
    ['3.', '3 .'],
    ['.5', '. 5'],
    ['a.b,c', 'a . b , c'],
    ['x\u00a0y\u3000z', 'x y z'],
    ['zero\u200bwidth', 'zero\u200bwidth'],
    ['\ufeffBOM', '\ufeffBOM'],
    ['😀.', '😀 .'],
    ['« Bonjour », dit-il…', '« Bonjour » , dit-il…'],
    ['trailing \t ', 'trailing'],
    ['[a]{b}|c~d^e_f`g\\h', '[ a ] { b } | c ~ d ^ e _ f ` g \\ h'],
    ['9-', '9 -'],
    ['-9', '-9'],
  ])('tokenizes %j as %j', (segment, expected) => {
    expect(tokenize13a(trimEnd(segment))).toBe(expected);
  });
});

describe('whitespace as Python sees it', () => {
  it.each([
    ['a\x1cb\x85c\u2028d', ['a', 'b', 'c', 'd']],
    ['  a \t b  ', ['a', 'b']],
    ['a\ufeffb\u200bc', ['a\ufeffb\u200bc']],
    ['', []],
    [' \u3000 ', []],
  ])('splits %j into %j', (text, words) => {
    expect(splitWords(text)).toEqual(words);
  });

  it.each([
    ['a b \r', 'a b'],
    ['a\u00a0\u2029', 'a'],
    ['a\ufeff', 'a\ufeff'],
  ])('trims %j to %j', (text, trimmed) => {
    expect(trimEnd(text)).toBe(trimmed);
  });

  it('removes every whitespace character, and only those', () => {
    expect(removeWhitespace(' a\tb\u00a0c\u0085d\ufeffe ')).toBe('abcd\ufeffe');
  });
});
