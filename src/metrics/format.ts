import type { BleuScore } from './bleu.js';

/** The settings sacreBLEU 2.x signs a default BLEU with, less its version (this is not sacreBLEU). */
export const bleuSignature = 'BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp';

/** The settings sacreBLEU 2.x signs a default chrF with, less its version (this is not sacreBLEU). */
export const chrfSignature = 'chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no';

/**
 * A number with a fixed count of decimals as Python's `f'{x:.Nf}'` writes it: an exact tie is rounded to the even
 * digit (Python gives `12.2` for 12.25, where `toFixed` gives `12.3`).
 * @default digits 1, sacreBLEU's `--width`
 */
export function formatFixed(value: number, digits = 1): string {
  const rounded = value.toFixed(digits);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return rounded;
  // toFixed(100) is the exact decimal value of the double for every magnitude a score can have.
  const exact = Math.abs(value).toFixed(100);
  const point = exact.indexOf('.');
  const kept = exact.slice(0, point + 1 + digits);
  if (!/^50*$/.test(exact.slice(point + 1 + digits))) return rounded;
  const lastDigit = Number(kept.replace('.', '').slice(-1));
  if (lastDigit % 2 === 1) return rounded;
  const truncated = digits === 0 ? kept.slice(0, -1) : kept;
  return value < 0 ? `-${truncated}` : truncated;
}

/**
 * BLEU in the words sacreBLEU prints after its signature, e.g.
 * `38.0 68.2/44.3/31.0/22.2 (BP = 1.000 ratio = 1.012 hyp_len = 71576 ref_len = 70708)`.
 * @default width 1, sacreBLEU's `--width`
 */
export function formatBleu(bleu: BleuScore, width = 1): string {
  const precisions = bleu.precisions.map((precision) => formatFixed(precision, 1)).join('/');
  return (
    `${formatFixed(bleu.score, width)} ${precisions} (BP = ${formatFixed(bleu.brevityPenalty, 3)} ` +
    `ratio = ${formatFixed(bleu.ratio, 3)} hyp_len = ${bleu.hypothesisLength} ref_len = ${bleu.referenceLength})`
  );
}
