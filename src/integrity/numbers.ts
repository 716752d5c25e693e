/** Numbers of the source that the translation lost or changed. */
import type { Flag } from './flags.js';
import { quantitiesOf, type Quantity } from './quantities.js';

// English translations for British and American readers convert metric units: "15 m" may become "50ft".
const imperialUnit = /(?:\d|\b)(?:ft|feet|foot|inch|inches|miles?|mph|pounds?|lbs?|ounces?|oz|gallons?|acres?|yards?|°F|fahrenheit)\b/iu;

/**
 * The numbers of a translation, found by value: each of the source's finds an unused one with one of its values, or
 * else one that writes it rounded to fewer decimals ("45,72 cm" is fairly "46 cm"; rounding keeps the scale:
 * "19,4 millions" may be "19 million", never a bare "19"). Indexed, so that a text of thousands of numbers costs
 * what it holds, not its square.
 */
function createFinder(offered: readonly Quantity[]) {
  const exact = new Map<string, Quantity[]>();
  const rounded = new Map<string, Quantity[]>();
  const add = (index: Map<string, Quantity[]>, key: string, quantity: Quantity) => index.set(key, [...(index.get(key) ?? []), quantity]);
  for (const quantity of offered) {
    for (const value of quantity.values) {
      add(exact, value, quantity);
      add(rounded, `${quantity.decimals}|${value}`, quantity);
    }
  }
  const used = new Set<Quantity>();
  const take = (list: readonly Quantity[] | undefined, allowed: (quantity: Quantity) => boolean = () => true) => {
    const found = list?.find((quantity) => !used.has(quantity) && allowed(quantity));
    if (found) used.add(found);
    return found;
  };
  return {
    used,
    find(wanted: Quantity): Quantity | undefined {
      for (const value of wanted.values) {
        const found = take(exact.get(value));
        if (found) return found;
      }
      for (let decimals = 0; decimals < wanted.decimals; decimals++) {
        const scale = 10 ** decimals;
        for (const value of wanted.values) {
          const found = take(rounded.get(`${decimals}|${String(Math.round(Number(value) * scale) / scale)}`), (quantity) => !wanted.scaled || Boolean(quantity.scaled));
          if (found) return found;
        }
      }
      return undefined;
    },
  };
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
  const finder = createFinder(offered);
  const converted = imperialUnit.test(translation);
  const missing = wanted.filter((quantity) => !finder.find(quantity) && !(quantity.metric && converted));
  const sourceValues = new Set(wanted.flatMap((quantity) => quantity.values));
  const strangers = offered.filter((quantity) => !finder.used.has(quantity) && quantity.cardinal && !quantity.values.some((value) => sourceValues.has(value)));
  // Numbers in digits take the numbers that stand in their place first: a number word left out ("une centaine")
  // is paired with one only when some remain.
  const order = [...missing.filter((quantity) => !quantity.spelled), ...missing.filter((quantity) => quantity.spelled)];
  const standIns = new Map(order.map((quantity, index) => [quantity, strangers[index]?.text]));
  return missing.flatMap((quantity) => {
    const stranger = standIns.get(quantity);
    if (quantity.spelled && stranger === undefined) return [];
    return [{ kind: 'number' as const, detail: `${quantity.text} → ${stranger ?? 'missing'}` }];
  });
}
