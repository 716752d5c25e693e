import { describe, expect, it } from 'vitest';
import { changeNumber, copySource, injectLoop, leaveSecondHalf, removeName, removeSecondHalf, writeAnotherLanguage, type Corruption } from '../../scripts/evaluate/integrity-corruptions.js';
import { scoreIntegrity, seededRandom } from '../../scripts/evaluate/integrity-score.js';

const pair = { source: 'Barack Obama a payé 42 660 euros à Londres, selon Obama.', reference: "Barack Obama paid 42,660 euros in London, according to Obama's aide." };
const first = () => 0;
const middle = () => 0.5;

describe('the corruptions of eval:integrity (scripts/evaluate/integrity-corruptions.ts)', () => {
  it.each<[Corruption, () => number, string]>([
    [changeNumber, first, "Barack Obama paid 12,660 euros in London, according to Obama's aide."],
    [changeNumber, middle, "Barack Obama paid 42,460 euros in London, according to Obama's aide."],
    [removeName, first, 'paid 42,660 euros in London, according to aide.'],
    [removeSecondHalf, first, 'Barack Obama paid 42,660 euros in.'],
    [injectLoop, first, "Barack Barack Barack Obama paid 42,660 euros in London, according to Obama's aide."],
    [injectLoop, middle, "Barack Obama paid 42,660 euros in London, euros in London, euros in London, according to Obama's aide."],
    [copySource, first, pair.source],
    [leaveSecondHalf, first, "Barack Obama paid 42,660 euros in euros à Londres, selon Obama."],
    [writeAnotherLanguage({ deu: ['Ich bin müde.', 'Barack Obama hat in London 42.660 Euro bezahlt, sagt Obamas Berater.'] }), first, 'Barack Obama hat in London 42.660 Euro bezahlt, sagt Obamas Berater.'],
  ])('%#: %o', (corruption, random, expected) => {
    expect(corruption.apply(pair, random)).toBe(expected);
  });

  it.each<[Corruption, { source: string; reference: string }]>([
    [changeNumber, { source: 'Il est né dans les années 1990.', reference: 'He was born in the nineties.' }],
    [removeName, { source: 'Il pleut à Londres.', reference: 'It is raining in London.' }],
    [removeSecondHalf, { source: 'Va-t-en !', reference: 'Go away!' }],
    [copySource, { source: 'Taxi !', reference: 'Taxi!' }],
    [leaveSecondHalf, { source: 'Il pleut à Londres.', reference: 'It is raining in London.' }],
    [writeAnotherLanguage({ deu: ['Ich bin müde.'] }), { source: 'Il pleut à Londres.', reference: 'It is raining in London today, they say.' }],
  ])('%#: applies only where it can', (corruption, where) => {
    expect(corruption.apply(where, first)).toBeUndefined();
  });

  it('draws the same numbers from the same seed, and others from another', () => {
    const draw = (seed: number) => Array.from({ length: 3 }, seededRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('scoreIntegrity (scripts/evaluate/integrity-score.ts)', () => {
  it('counts false flags on the references and the corruptions flagged, and lists what it got wrong', () => {
    const score = scoreIntegrity([
      { line: 1, ...pair },
      { line: 2, source: 'Il a cinq chats et 12 chiens.', reference: 'He has five cats and dogs.' },
    ]);
    expect(score.sentences).toBe(2);
    expect(score.falseFlagged).toBe(1);
    expect(score.falseByKind).toEqual({ empty: 0, untranslated: 0, term: 0, unknown: 0, number: 1, name: 0, omission: 0, loop: 0 });
    expect(score.falseFlags).toEqual([{ line: 2, source: 'Il a cinq chats et 12 chiens.', translation: 'He has five cats and dogs.', flags: [{ kind: 'number', detail: '12 → missing' }] }]);
    expect(score.corruptions['source copied']).toMatchObject({ applied: 2, expected: 2, any: 2, misses: [] });
    expect(score.corruptions['number changed']).toMatchObject({ applied: 1, expected: 1, any: 1 });
    expect(score.corruptions['name removed']).toMatchObject({ applied: 1, expected: 1, any: 1 });
  });
});
