/** Scripts told apart, by their Unicode names; letters of any other script count as `Other`. */
const scripts = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Devanagari', 'Thai', 'Armenian', 'Georgian', 'Ethiopic'] as const;
const patterns = scripts.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const);
const otherLetter = /[^\P{L}\p{Script=Latin}]/u;

/**
 * The script most of a text's letters are written in (`Latin`, `Cyrillic`, `Arabic`, `Han`, …; Japanese kana count
 * with Han, as Japanese mixes them), and its share of the letters. A text without letters is Latin, share 1.
 */
export function dominantScript(text: string): { script: string; share: number } {
  if (!otherLetter.test(text)) return { script: 'Latin', share: 1 };
  const counts = new Map<string, number>();
  let letters = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    const found = patterns.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other';
    const script = found === 'Hiragana' || found === 'Katakana' ? 'Han' : found;
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  const [script, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return { script, share: count / letters };
}

/** The text with every letter not in the Latin script blanked: what a detector of Latin-script languages should read. */
export function latinLetters(text: string): string {
  return otherLetter.test(text) ? text.replace(/[^\P{L}\p{Script=Latin}]+/gu, ' ') : text;
}
