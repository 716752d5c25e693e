/** Numbers written as words, French in the source and English in the translation, with the values they stand for. */

// French number words a translation must keep. "un"/"une" are articles as often as numbers, "neuf" is "new" and
// "cent" a coin as often as a hundred, "premier" heads "Premier ministre": they are left out.
const frenchWords: Readonly<Record<string, number>> = {
  deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, dix: 10, onze: 11, douze: 12, treize: 13,
  quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
  mille: 1000, douzaine: 12, dizaine: 10, centaine: 100, deuxieme: 2, troisieme: 3, quatrieme: 4, cinquieme: 5,
  sixieme: 6, septieme: 7, huitieme: 8, neuvieme: 9, dixieme: 10,
};
// Words that only build compounds ("quatre-vingt-neuf", "dix-neuf", "vingt et un").
const frenchParts: Readonly<Record<string, number>> = { ...frenchWords, un: 1, une: 1, neuf: 9, cent: 100, cents: 100, et: 0 };

// Words that say a number without being one: never inside a compound ("two-decade" is 2 and a decade).
const looseWords = new Set(['both', 'twice', 'double', 'couple', 'pair', 'decade', 'dozen', 'fortnight', 'half', 'once', 'single', 'triple', 'thrice', 'quarter', 'trio']);

// English words a translation may write a number with, and the words that say "two" without the number.
const englishWords: Readonly<Record<string, number[]>> = {
  one: [1], two: [2], three: [3], four: [4], five: [5], six: [6], seven: [7], eight: [8], nine: [9], ten: [10],
  eleven: [11], twelve: [12], thirteen: [13], fourteen: [14], fifteen: [15], sixteen: [16], seventeen: [17],
  eighteen: [18], nineteen: [19], twenty: [20], thirty: [30], forty: [40], fifty: [50], sixty: [60], seventy: [70],
  eighty: [80], ninety: [90], hundred: [100], thousand: [1000], million: [1e6], billion: [1e9], dozen: [12],
  first: [1], second: [2], third: [3], fourth: [4], fifth: [5], sixth: [6], seventh: [7], eighth: [8], ninth: [9],
  tenth: [10], eleventh: [11], twelfth: [12], twentieth: [20], thirtieth: [30], hundredth: [100],
  both: [2], twice: [2], double: [2], couple: [2], pair: [2], decade: [10], decades: [10, 20, 30], dozens: [12, 20, 30],
  hundreds: [100, 200, 300], thousands: [1000, 2000, 3000], fortnight: [15, 14], half: [50], once: [1],
  single: [1], triple: [3], thrice: [3], quarter: [25], trio: [3],
};
// Words that build English compounds: "twenty-five", "one-hundred", "twenty-first".
const englishParts: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(englishWords).filter(([word, values]) => values.length === 1 && values[0]! <= 1000 && !looseWords.has(word)).map(([word, values]) => [word, values[0]!]));

/** The value of a French number word or compound (`vingt-cinq`, `quatre-vingt-dix`), or undefined. */
export function frenchNumber(folded: string): number | undefined {
  if (folded in frenchWords) return frenchWords[folded];
  return compound(folded, frenchParts, (total, part) => (part === 100 || part === 20) && total > 1 && total < 20 ? total * part : total + part);
}

/** The values an English number word or compound (`twenty-five`) may stand for, or none. */
export function englishNumbers(folded: string): readonly number[] {
  const values = englishWords[folded];
  if (values) return values;
  const value = compound(folded, englishParts, (total, part) => (part === 100 || part === 1000) && total > 0 ? total * part : total + part);
  return value === undefined ? [] : [value];
}

// A hyphenated compound whose every part is a number word: the parts folded left to right with `combine`.
function compound(folded: string, parts: Readonly<Record<string, number>>, combine: (total: number, part: number) => number): number | undefined {
  if (!folded.includes('-')) return undefined;
  let total = 0;
  for (const part of folded.split('-')) {
    const value = parts[part];
    if (value === undefined) return undefined;
    total = combine(total, value);
  }
  return total;
}

/** Whether a folded English word or compound is a plain cardinal number ("three", "twenty-five"), not "both" or "first". */
export function isCardinal(folded: string): boolean {
  return folded.split('-').every((part) => part in englishParts && !ordinals.has(part));
}

const ordinals = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'twentieth', 'thirtieth', 'hundredth']);
