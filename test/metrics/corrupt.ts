/**
 * A damaged copy of a reference, made the same way every time, so that scores on it can be compared with the ones
 * sacreBLEU gave on the same lines. Each of ten kinds of damage takes every tenth line, and together they reach
 * what the 13a tokenizer and chrF treat specially: entities, digits with dots and dashes, Unicode whitespace,
 * characters outside the BMP, empty lines, trailing whitespace.
 */
export function corrupt(lines: readonly string[]): string[] {
  return lines.map((line, index) => {
    const words = line.split(' ');
    switch (index % 10) {
      case 0:
        return line;
      case 1:
        return words.slice(0, -1).join(' ');
      case 2:
        return [words[1] ?? '', words[0] ?? '', ...words.slice(2)].join(' ');
      case 3:
        return line.toLowerCase();
      case 4:
        return line.replaceAll(/[.,]/gu, '');
      case 5:
        return line.replaceAll(' and ', ' &amp; ').replaceAll('"', '&quot;').replaceAll(' the ', ' <skipped> the ');
      case 6:
        return index % 20 === 6 ? '' : `${words.filter((_, position) => position % 3 !== 0).join(' ')} 3.5-4,000 U.S.`;
      case 7:
        return `${line} ${line}`;
      case 8:
        return line.replaceAll('e', 'é').replaceAll('o', '😀');
      default:
        return `${words.join('\u00a0')} \t\u3000`;
    }
  });
}
