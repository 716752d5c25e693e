/** ISO 639-1 codes and ISO 639-2/B codes of the languages a news reader meets most, with their ISO 639-3 code. */
const toThree: Record<string, string> = {
  fr: 'fra', en: 'eng', de: 'deu', es: 'spa', it: 'ita', pt: 'por', nl: 'nld', ca: 'cat', ro: 'ron', pl: 'pol',
  ru: 'rus', uk: 'ukr', ar: 'arb', zh: 'cmn', ja: 'jpn', ko: 'kor', tr: 'tur', el: 'ell', sv: 'swe', da: 'dan',
  no: 'nob', nb: 'nob', fi: 'fin', cs: 'ces', sk: 'slk', hu: 'hun', bg: 'bul', hr: 'hrv', sr: 'srp', sl: 'slv',
  he: 'heb', fa: 'pes', hi: 'hin', vi: 'vie', id: 'ind', ms: 'zlm', eu: 'eus', gl: 'glg', br: 'bre', oc: 'oci',
  fre: 'fra', ger: 'deu', dut: 'nld', chi: 'cmn', cze: 'ces', gre: 'ell', per: 'pes', rum: 'ron', slo: 'slk', baq: 'eus',
};

/** The ISO 639-3 code meant by an ISO 639-1 or 639-2/B code (`fr`, `fre` → `fra`), if it is one bitext knows. */
export function iso6393For(code: string): string | undefined {
  return toThree[code.toLowerCase()];
}

/** The ISO 639-3 codes whose shortest tag, as BCP 47 (HTML `lang`, `xml:lang`) wants it, is another than themselves. */
const shortest: Record<string, string> = { ...Object.fromEntries(Object.entries(toThree).filter(([code]) => code.length === 2).map(([two, three]) => [three, two])), nob: 'nb' };

/**
 * The BCP 47 language tag of an ISO 639-3 code, as HTML's `lang` and XML's `xml:lang` take it: the two-letter code
 * where there is one (`fra` → `fr`), else the code itself (`und` stays `und`).
 */
export function languageTag(code: string): string {
  return shortest[code] ?? code;
}
