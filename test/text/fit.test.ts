import { describe, expect, it } from 'vitest';
import { fitToLimit } from '../../src/text/fit.js';

const words = async (texts: readonly string[]) => texts.map((text) => text.split(/\s+/).filter(Boolean).length);

describe('fitToLimit', () => {
  it('leaves texts within the limit whole', async () => {
    expect(await fitToLimit(['un deux trois', 'quatre'], 3, words)).toEqual([['un deux trois'], ['quatre']]);
  });

  it('cuts a long sentence at clause breaks into pieces within the limit, losing nothing', async () => {
    const sentence = 'Les employés demandent une réponse claire, les dirigeants hésitent encore ; la lettre circule depuis lundi, signée par trois cents personnes.';
    const [pieces] = await fitToLimit([sentence], 8, words);
    expect(pieces!.length).toBeGreaterThan(1);
    for (const piece of pieces!) expect((await words([piece]))[0]).toBeLessThanOrEqual(8);
    expect(pieces!.join(' ')).toBe(sentence);
    expect(pieces![0]).toMatch(/[,;]$/);
  });

  it('never cuts inside a stretch it is told to keep whole (a glossary term), while another break is left', async () => {
    const sentence = 'la ville et la Maison Blanche et le chien et le chat';
    const term = (text: string) => [...text.matchAll(/Maison Blanche/gu)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
    const [free] = await fitToLimit([sentence], 4, words);
    expect(free).toEqual(['la ville', 'et la Maison', 'Blanche et le', 'chien et le chat']);
    const [kept] = await fitToLimit([sentence], 4, words, term);
    expect(kept!.some((piece) => piece.includes('Maison Blanche'))).toBe(true);
    expect(kept!.join(' ')).toBe(sentence);
    expect(kept!.every((piece) => piece.split(' ').length <= 4)).toBe(true);
  });

  it('cuts between words when there is no punctuation, and inside a word as the last resort', async () => {
    const long = Array.from({ length: 50 }, (_, index) => `mot${index}`).join(' ');
    const [pieces] = await fitToLimit([long], 7, words);
    expect(pieces!.every((piece) => piece.split(' ').length <= 7)).toBe(true);
    expect(pieces!.join(' ')).toBe(long);
    const characters = async (texts: readonly string[]) => texts.map((text) => text.length);
    const [cut] = await fitToLimit(['anticonstitutionnellement'], 10, characters);
    expect(cut!.join('')).toBe('anticonstitutionnellement');
    expect(cut!.every((piece) => piece.length <= 10)).toBe(true);
  });
});
