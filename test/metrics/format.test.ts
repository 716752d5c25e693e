import { describe, expect, it } from 'vitest';
import { scoreBleu } from '../../src/metrics/bleu.js';
import { formatBleu, formatFixed } from '../../src/metrics/format.js';

// Expected: Python's f'{value:.{digits}f}', which sacreBLEU prints with.
describe('formatFixed', () => {
  it.each([
    [12.25, 1, '12.2'],
    [12.35, 1, '12.3'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [1.0005, 3, '1.000'],
    [-12.25, 1, '-12.2'],
    [100.00000000000004, 1, '100.0'],
    [0.9685, 3, '0.969'],
  ])('writes %d with %i decimals as %s', (value, digits, expected) => {
    expect(formatFixed(value, digits)).toBe(expected);
  });
});

describe('formatBleu', () => {
  it('writes an exact tie in a precision as sacreBLEU does', () => {
    // 49/400 = 12.25 exactly; sacreBLEU 2.6.0 compute_bleu(...).format(width=1) prints this line
    expect(formatBleu(scoreBleu([400, 49, 49, 49], [400, 400, 400, 400], 400, 400))).toBe(
      '20.7 100.0/12.2/12.2/12.2 (BP = 1.000 ratio = 1.000 hyp_len = 400 ref_len = 400)',
    );
  });
});
