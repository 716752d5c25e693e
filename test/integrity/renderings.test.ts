import { describe, expect, it } from 'vitest';
import { nameRenderings, sameRendering } from '../../src/integrity/index.js';

describe('nameRenderings', () => {
  it.each([
    ['a name kept, titles before it left out', 'Le Premier ministre Jean-Marc Ayrault a rencontré Angela Merkel à Berlin.', 'Prime Minister Jean-Marc Ayrault met Mrs Merkel in Berlin.',
      [['Jean-Marc Ayrault', 'Jean-Marc Ayrault'], ['Angela Merkel', 'Merkel'], ['Berlin', 'Berlin']]],
    ['a name misspelt', 'Jean-Marc Ayrault parle.', 'Jean-Marc Airault speaks.', [['Jean-Marc Ayrault', 'Jean-Marc Airault']]],
    ['acronyms and places English writes otherwise', 'L’OTAN et l’ONU ont répondu à Londres.', 'NATO and the UN responded in London.', [['OTAN', 'NATO'], ['ONU', 'UN'], ['Londres', 'London']]],
    ['a known phrase whole, and a lower-case tail cut', 'Les États-Unis et les États-Unis encore.', 'The United States and US-based firms.', [['États-Unis', 'United States']]],
    ['the name as written before a looser match', 'L’Immigration and Customs Enforcement (ICE) agit.', 'Immigration and Customs Enforcement (ICE) acts.', [['Immigration', 'Immigration'], ['Customs Enforcement', 'Customs Enforcement'], ['ICE', 'ICE']]],
    ['a name the translation lost', 'Emmanuel Macron parle.', 'He speaks.', [['Emmanuel Macron', null]]],
  ])('%s', (_, source, translation, expected) => {
    expect(nameRenderings(source, translation).map(({ name, rendering }) => [name, rendering])).toEqual(expected);
  });

  it('renders a glossary term as the glossary says, when the translation holds it', () => {
    const terms = [{ source: 'Bercy', target: 'Finance Ministry' }];
    expect(nameRenderings('Bercy a répondu.', 'The Finance Ministry replied.', terms)).toEqual([{ name: 'Bercy', rendering: 'Finance Ministry' }]);
    expect(nameRenderings('Bercy a répondu.', 'The ministry replied.', terms)).toEqual([{ name: 'Bercy', rendering: null }]);
  });
});

describe('sameRendering', () => {
  it.each([
    ['Merkel', 'Angela Merkel', undefined, true],
    ['Obeid', 'Obeids', undefined, true],
    ['US', 'U.S', undefined, true],
    ['US', 'USA', undefined, true],
    ['ECB', 'European Central Bank', undefined, true],
    ['France', 'French', 'France', true],
    ['United States', 'US', 'États-Unis', true],
    ['Jean-Marc Ayrault', 'Jean-Marc Airault', 'Jean-Marc Ayrault', false],
    ['Al-Qaida', 'Al-Qaeda', 'Al-Qaida', false],
    ['Observatory', 'Observatoire', 'Observatoire', false],
  ])('%s and %s (%s): %s', (a, b, name, same) => {
    expect(sameRendering(a, b, name)).toBe(same);
  });
});
