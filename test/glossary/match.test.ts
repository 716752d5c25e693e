import { describe, expect, it } from 'vitest';
import type { GlossaryEntry } from '../../src/glossary/glossary.js';
import { createTermMatcher, holdsTerm } from '../../src/glossary/match.js';

const entry = (source: string, target = source): GlossaryEntry => ({ source, target, keep: source === target, line: 1 });
const match = createTermMatcher([entry('Maison Blanche', 'White House'), entry('ICE'), entry('Maison', 'House'), entry('assemblée nationale', 'National Assembly'), entry('États-Unis', 'United States')]);
const found = (text: string) => match(text).map((term) => [term.text, term.entry.target]);

describe('createTermMatcher', () => {
  it('finds whole words, the longest term first, through elision and French typography', () => {
    expect(found('La Maison Blanche a répondu.')).toEqual([['Maison Blanche', 'White House']]);
    expect(found('À la Maison-Blanche, on dément ; la Maison\u00a0Blanche aussi.')).toEqual([['Maison-Blanche', 'White House'], ['Maison\u00a0Blanche', 'White House']]);
    expect(found("Les agents de l’ICE et l'ICE.")).toEqual([['ICE', 'ICE'], ['ICE', 'ICE']]);
    expect(found('Une Maison rouge.')).toEqual([['Maison', 'House']]);
    expect(found('Aux Etats-Unis et aux États Unis.')).toEqual([['Etats-Unis', 'United States'], ['États Unis', 'United States']]);
  });

  it('keeps case where the glossary writes it: ICE is not ice, a Maison is not a maison; a lower-case term may start a sentence', () => {
    expect(found('Il glisse sur la glace, pas sur ice ni sur ICED.')).toEqual([]);
    expect(found('Une maison blanche.')).toEqual([]);
    expect(found('Assemblée nationale : le vote. Puis l’assemblée nationale.')).toEqual([['Assemblée nationale', 'National Assembly'], ['assemblée nationale', 'National Assembly']]);
  });

  it('gives each match its place in the text', () => {
    const [term] = match('Selon l’ICE, non.');
    expect(term).toMatchObject({ text: 'ICE', start: 8, end: 11 });
  });

  it('finds a term whose accents are typed apart (NFD), with a soft hyphen inside, or with a run of spaces between its words, placed in the text as written', () => {
    const texts = ['Les E\u0301tats-Unis votent.', 'La Mai\u00adson Blanche dément.', 'La Maison  Blanche, la Maison\tBlanche et la Maison\n  Blanche.'];
    const places = texts.map((text) => match(text).map((term) => [term.text, term.start, term.end, text.slice(term.start, term.end), term.entry.target]));
    expect(places).toEqual([
      [['E\u0301tats-Unis', 4, 15, 'E\u0301tats-Unis', 'United States']],
      [['Mai\u00adson Blanche', 3, 18, 'Mai\u00adson Blanche', 'White House']],
      [['Maison  Blanche', 3, 18, 'Maison  Blanche', 'White House'], ['Maison\tBlanche', 23, 37, 'Maison\tBlanche', 'White House'], ['Maison\n  Blanche', 44, 60, 'Maison\n  Blanche', 'White House']],
    ]);
  });

  it('an accent typed apart at a term\'s end is part of the match', () => {
    const accented = createTermMatcher([entry('Sénat', 'Senate'), entry('café', 'coffee')]);
    expect(accented('Au Se\u0301nat, un cafe\u0301.').map((term) => [term.text, term.start, term.end])).toEqual([['Se\u0301nat', 3, 9], ['cafe\u0301', 14, 19]]);
  });

  it('lets the longest of overlapping terms win, then the leftmost, and keeps every match that overlaps none', () => {
    const overlapping = createTermMatcher([entry('la ville', 'dog'), entry('ville de Paris', 'cat'), entry('Paris', 'Paris'), entry('de Lyon', 'of Lyon'), entry('Lyon la', 'Lyon the')]);
    const targets = (text: string) => overlapping(text).map((term) => [term.text, term.entry.target]);
    expect(targets('La ville de Paris mange.')).toEqual([['ville de Paris', 'cat']]);
    expect(targets('La ville mange Paris.')).toEqual([['La ville', 'dog'], ['Paris', 'Paris']]);
    // `de Lyon` and `Lyon la` are as long: the leftmost wins, and `la ville`, clear of it, stays.
    expect(targets('Vu de Lyon la ville dort.')).toEqual([['de Lyon', 'of Lyon'], ['la ville', 'dog']]);
  });

  it('matches nothing with an empty glossary', () => {
    expect(createTermMatcher([])('La Maison Blanche')).toEqual([]);
  });
});

describe('holdsTerm', () => {
  it('finds the English as a whole word, a capital allowed at its head', () => {
    expect(holdsTerm('The White House said no.', 'White House')).toBe(true);
    expect(holdsTerm('the White-House said no.', 'White House')).toBe(true);
    expect(holdsTerm('The white house said no.', 'White House')).toBe(false);
    expect(holdsTerm('ICE agents', 'ICE')).toBe(true);
    expect(holdsTerm('ICED agents', 'ICE')).toBe(false);
    expect(holdsTerm('National assembly', 'national assembly')).toBe(true);
  });
});
