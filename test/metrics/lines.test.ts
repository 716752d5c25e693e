import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/metrics/lines.js';

describe('splitLines', () => {
  it.each([
    ['a\nb\n', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    ['a\n\n', ['a', '']],
    ['a\r\nb\r\n', ['a\r', 'b\r']],
    ['a\rb\u2028c\n', ['a\rb\u2028c']],
    ['\n', ['']],
    ['', []],
  ])('splits %j into %j segments as sacreBLEU reads a file', (text, lines) => {
    expect(splitLines(text)).toEqual(lines);
  });
});
