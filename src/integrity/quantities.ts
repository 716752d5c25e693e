/**
 * The numbers of a sentence, each with the values it may stand for, so that French and English forms compare equal:
 * `42 660` and `42,660`, `2,4` and `2.4`, `1er` and `1st`, `XXIe` and `21st`, `14h30` and `2:30 p.m.`, `deux` and
 * `two`, `années 80` and `1980s`.
 */
import { englishNumbers, frenchNumber, isCardinal } from './spelled-numbers.js';
import { fold, wordsOf } from './words.js';

/** A number as written, and the values it may stand for (decimal strings). */
export interface Quantity {
  text: string;
  values: string[];
  /** Written as a word (`deux`, `two`, `both`). */
  spelled: boolean;
  /** Digits, or a number word that says nothing else: what a changed number may have become ("three", not "one"). */
  cardinal: boolean;
  /** Digits after the decimal mark, as written: a translation may round to fewer. */
  decimals: number;
  /** Followed by a metric unit (`15 m`, `922 kg`), which an English translation may convert. */
  metric: boolean;
  /** With a scale word (`19,4 millions`, `2bn`). */
  scaled?: boolean;
}

const space = '[ \\u00a0\\u202f]';
const scales: Readonly<Record<string, number>> = {
  million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9, billion: 1e9, billions: 1e9, trillion: 1e12, mille: 1e3,
  thousand: 1e3, md: 1e9, mds: 1e9, mn: 1e6, bn: 1e9, m: 1e6, k: 1e3, g: 1e9,
};
/** Scale letters that may as well be units: `15 m` is 15 metres (`M$`, `Md€`, `G$` are only amounts). */
const ambiguousScales = new Set(['m', 'k']);
/** Number words that multiply the one before them: `trois cents` is 300, `sept milliards` 7e9, `seven thousand million` too. */
const multipliers: Readonly<Record<string, number>> = {
  cent: 100, cents: 100, mille: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9, hundred: 100, thousand: 1e3, billion: 1e9, billions: 1e9,
};
// One pattern for both languages, tried in order: a time (`14h30`, `14 h`, `2:30 p.m.`), a roman ordinal (`XXIe`),
// then a number with its separators and a scale word. Every reading of the separators is kept, as French and English
// use them the other way round and either may show up on either side.
const quantityPattern = new RegExp([
  String.raw`(?<![\p{L}\p{N}])(?<hour>\d{1,2})(?:${space}?(?:h|heures?)${space}?(?<minute>\d{2})?|[:.](?<clockMinute>\d{2})${space}?(?<meridian>[ap])\.?m\b|:(?<colonMinute>\d{2}))(?![\p{L}\p{N}])`,
  String.raw`(?<![\p{L}\p{N}])(?<roman>[IVXLC]{2,}|[IVX])(?:e|er|re|ère|ème|ᵉ|th|st|nd|rd)(?![\p{L}\p{N}])`,
  String.raw`(?<number>\d{1,3}(?:${space}\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)*)(?<decade>s(?![\p{L}]))?(?:(?:${space}|-)?(?<scale>millions?|milliards?|billions?|trillion|mille|thousand|mds?|mn|bn|m|k|(?:Mds?|M|G)(?=${space}?[$€£]))(?![\p{L}\p{N}]))?`,
].join('|'), 'gu');
const metricUnit = new RegExp(String.raw`^${space}?(?:(?:millions?|milliards?)${space}(?:de${space}|d['’]))?(?:km|kilom[eè]tres?|m[eè]tres?|m|cm|centim[eè]tres?|mm|kg|kilos?|kilogrammes?|grammes?|g|tonnes?|t|litres?|l|hectares?|ha|°|degrés)(?![\p{L}])`, 'u');

/** What joins the two ends of a range. */
const rangeWords = /^[ \u00a0\u202f]*(?:à|et|ou|-|–|to|and|or)[ \u00a0\u202f]*$/u;

const canonical = (value: number) => String(Math.round(value * 1e6) / 1e6);

/** The numbers of a sentence: digits, times, roman ordinals, and number words of its language. */
export function quantitiesOf(text: string, language: 'fra' | 'eng'): Quantity[] {
  const numbers: { index: number; end: number; quantity: Quantity; factor?: number }[] = [];
  for (const match of text.matchAll(quantityPattern)) {
    const groups = match.groups!;
    const values = groups.hour !== undefined ? timeValues(groups) : groups.roman !== undefined ? romanValues(groups.roman) : numberValues(groups.number!, groups.scale, groups.decade !== undefined);
    const end = match.index + (groups.number?.length ?? 0);
    const metric = groups.number !== undefined && metricUnit.test(text.slice(end, end + 24));
    const decimals = groups.number?.match(/[.,](\d{1,2}|\d{4,})$/u)?.[1]!.length ?? 0;
    const scaled = groups.scale !== undefined;
    if (!values.length) continue;
    const factor = scaled ? scales[groups.scale!.toLowerCase()] : undefined;
    numbers.push({ index: match.index, end: match.index + match[0].length, quantity: { text: match[0].trim(), values: [...new Set(values.map(canonical))], spelled: false, cardinal: true, decimals, metric, ...(scaled ? { scaled } : {}) }, ...(factor ? { factor } : {}) });
  }
  // A range's scale is written once (`de 4,2 à 4,1 Md$`, `2 to 3 million`): the first number may take it too.
  for (const [index, first] of numbers.entries()) {
    const next = numbers[index + 1];
    if (!first.quantity.scaled && next?.factor && rangeWords.test(text.slice(first.end, next.index))) {
      first.quantity.values.push(...first.quantity.values.map((value) => canonical(Number(value) * next.factor!)));
    }
  }
  const found: { index: number; quantity: Quantity }[] = [...numbers, ...spelledQuantities(text, language)];
  return found.sort((a, b) => a.index - b.index).map(({ quantity }) => quantity);
}

// Number words, and the number words inside compounds ("four-year", "nine-year-old"); English tens and units written
// apart ("thirty five") also stand for their sum.
function spelledQuantities(text: string, language: 'fra' | 'eng'): { index: number; quantity: Quantity }[] {
  const found: { index: number; quantity: Quantity; end: number }[] = [];
  const valuesOf = (folded: string) => (language === 'fra' ? [frenchNumber(folded)].filter((value) => value !== undefined) : [...englishNumbers(folded)]);
  for (const word of wordsOf(text)) {
    const folded = fold(word.text);
    const previous = found.at(-1);
    const multiplier = multipliers[folded];
    if (multiplier && previous && /^\s+$/u.test(text.slice(previous.end, word.index))) {
      previous.quantity.values = previous.quantity.values.map((value) => canonical(Number(value) * multiplier));
      previous.quantity.text = text.slice(previous.index, word.index + word.text.length);
      previous.end = word.index + word.text.length;
      continue;
    }
    let values = valuesOf(folded);
    if (!values.length && folded.includes('-')) values = folded.split('-').flatMap(valuesOf);
    if (!values.length) continue;
    const tens = previous?.quantity.values.map(Number).find((value) => value >= 20 && value < 100 && value % 10 === 0);
    if (previous && tens !== undefined && values[0]! < 10 && /^\s+$/u.test(text.slice(previous.end, word.index))) previous.quantity.values.push(canonical(tens + values[0]!));
    // "one" is a pronoun as often as a number, "both" and "decade" say more than one: they show no changed number.
    const cardinal = values.length === 1 && values[0]! > 1 && (language === 'fra' || isCardinal(folded));
    found.push({ index: word.index, end: word.index + word.text.length, quantity: { text: word.text, values: values.map(canonical), spelled: true, cardinal, decimals: 0, metric: false } });
  }
  return found;
}

// `14h30` is 14:30 and 2:30 (written 14.3 and 2.3); `14h` is 14 and 2 ("2 p.m.").
function timeValues(groups: Record<string, string | undefined>): number[] {
  const hour = Number(groups.hour);
  const minute = groups.minute ?? groups.clockMinute ?? groups.colonMinute;
  const hours = groups.meridian === 'p' && hour < 12 ? [hour + 12, hour] : hour > 12 ? [hour, hour - 12] : [hour, hour + 12];
  if (minute === undefined || minute === '00') return hours;
  return hours.map((value) => value + Number(minute) / 100);
}

const romanDigits: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

function romanValues(roman: string): number[] {
  let total = 0;
  for (let index = 0; index < roman.length; index++) {
    const value = romanDigits[roman[index]!]!;
    const next = romanDigits[roman[index + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 ? [total] : [];
}

// Every reading of the separators: spaces always group thousands; a comma or a dot before exactly three digits may
// group them (`42,660`, `3.000`) or mark decimals (`2,4`, `2.4`). With a scale word, the scaled value counts too; a
// decade (`1980s`) is also its two last digits ("les années 80").
function numberValues(written: string, scale: string | undefined, decade: boolean): number[] {
  const digits = written.replace(/[ \u00a0\u202f]/g, '');
  const readings = new Set<number>();
  const separators = digits.match(/[.,]/g) ?? [];
  if (separators.length === 0) readings.add(Number(digits));
  else if (separators.length === 1) {
    readings.add(Number(digits.replace(',', '.')));
    if (/[.,]\d{3}$/.test(digits)) readings.add(Number(digits.replace(/[.,]/, '')));
  } else {
    // `1,234,567` or `1.234,5`: the last separator marks decimals when it differs from the others.
    const last = separators.at(-1)!;
    const grouping = separators.slice(0, -1).every((separator) => separator !== last) ? separators[0]! : last;
    readings.add(Number(digits.split(grouping).join('').replace(',', '.')));
  }
  const values = [...readings].filter((value) => Number.isFinite(value));
  if (decade && /^\d{3}0$/.test(digits)) values.push(Number(digits) % 100);
  const factor = scale === undefined ? undefined : scales[scale.toLowerCase()];
  if (factor === undefined) return values;
  // A scale word says the value (`25 millions` is not 25, nor 25 billion); `m` and `k` may be units (`15 m`), so
  // the bare value stays for them.
  const scaled = values.map((value) => value * factor);
  return ambiguousScales.has(scale!) ? [...values, ...scaled] : scaled;
}
