import { describe, expect, it } from 'vitest';
import { languageFeatures } from '../../src/language/features.js';
import { formatModel, parseModel, type ModelCounts } from '../../src/language/model.js';

// Texts that stress the one-pass scorer: combining marks, letters outside the BMP, lone surrogates, case changes
// that change length (İ), a word longer than its buffers, and more known features than its first list holds.
const hard = [
  'Quatre-vingt pour cent des mots anglais proviennent d’autres langues.',
  'e\u0301te\u0301 ÉTÉ été',
  'İSTANBUL İzmir ΣΟΦΟΣ σοφός',
  '𝐀𝐁𝐂 abc 𐐀𐐨 x',
  '\ud800 lone \udc00 surrogates\ud800',
  'Straße STRASSE ǅemal ﬁnance',
  'a'.repeat(700),
  Array.from({ length: 400 }, (_, index) => `mot${'abcdefghij'[index % 10]}${'klmnopqrst'[(index * 7) % 10]}`).join(' '),
  '',
  '2024 — 12:30 !',
];
const languages = ['fra', 'eng', 'deu'];
const counts = new Map<string, number[]>();
hard.forEach((text, index) => {
  // A file holds UTF-8: an n-gram with half a surrogate pair is only scored, never counted.
  for (const feature of languageFeatures(text, 5).filter((feature) => !/\p{Cs}/u.test(feature))) {
    // Half the features known, so that the scorer skips as well as finds.
    if (feature.length % 2 && index % 3) continue;
    const row = counts.get(feature) ?? [0, 0, 0];
    row[index % 3]! += 1 + (feature.length % 4);
    counts.set(feature, row);
  }
});
const model: ModelCounts = { languages, longestNgram: 5, alpha: 0.5, temperatures: [2, 3, 4], trainedOn: 'a test', counts };

describe('scoring a text in one pass', () => {
  const parsed = parseModel(formatModel(model));
  const totals = languages.map((_, language) => [...counts.values()].reduce((sum, row) => sum + row[language]!, 0));
  const logProbability = (count: number, language: number) =>
    Math.fround(Math.log(Math.fround(count) + model.alpha) - Math.log(totals[language]! + model.alpha * counts.size));

  it.each(hard.map((text) => [text.slice(0, 30), text]))('sees exactly the features of languageFeatures, in order: %j', (_, text) => {
    // The reference: each feature made as a string, looked up in a Map, added feature by feature.
    const expected = new Float64Array(languages.length);
    let known = 0;
    for (const feature of languageFeatures(text, 5)) {
      const row = counts.get(feature);
      if (!row) continue;
      known++;
      row.forEach((count, language) => (expected[language]! += logProbability(count, language)));
    }
    const scored = parsed.score(text);
    expect(scored.known).toBe(known);
    // Bit for bit: the same additions in the same order.
    expect([...scored.scores]).toEqual([...expected]);
  });
});
