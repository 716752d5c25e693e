/** Numbers of the source that the translation lost or changed. */
import type { Flag } from './flags.js';
import { quantitiesOf, type Quantity } from './quantities.js';

// English translations for British and American readers convert metric units: "15 m" may become "50ft".
const imperialUnit = /(?:\d|\b)(?:ft|feet|foot|inch|inches|miles?|mph|pounds?|lbs?|ounces?|oz|gallons?|acres?|yards?|°F|fahrenheit)\b/iu;

// A decimal of the source also answers to its rounding, written with fewer decimals: "45,72 cm" is fairly "46 cm".
function answers(wanted: Quantity, candidate: Quantity): boolean {
  if (candidate.values.some((value) => wanted.values.includes(value))) return true;
  if (candidate.decimals >= wanted.decimals) return false;
  const scale = 10 ** candidate.decimals;
  return wanted.values.some((value) => candidate.values.includes(String(Math.round(Number(value) * scale) / scale)));
}

/**
 * A `number` flag for each number of the source that the translation does not have: `2,4 → 3.4` when the
 * translation has a number of its own in its place, `42 660 → missing` when not.
 */
export function numberFlags(source: string, translation: string): Flag[] {
  const wanted = quantitiesOf(source, 'fra');
  if (!wanted.length) return [];
  const offered = quantitiesOf(translation, 'eng');
  // Each number of the translation answers one of the source: a number the source has twice must be there twice.
  const used = new Set<Quantity>();
  const converted = imperialUnit.test(translation);
  const missing = wanted.filter((quantity) => {
    const match = offered.find((candidate) => !used.has(candidate) && answers(quantity, candidate));
    if (match) used.add(match);
    return !match && !(quantity.metric && converted);
  });
  const strangers = offered.filter((quantity) => !used.has(quantity) && quantity.cardinal && !wanted.some((other) => other.values.some((value) => quantity.values.includes(value))));
  // A number word that the translation leaves out is often idiom ("à deux pas", "just a short distance"): it is
  // flagged only when another number stands in its place.
  return missing.flatMap((quantity, index) => {
    const stranger = strangers[index]?.text;
    if (quantity.spelled && stranger === undefined) return [];
    return [{ kind: 'number' as const, detail: `${quantity.text} → ${stranger ?? 'missing'}` }];
  });
}
