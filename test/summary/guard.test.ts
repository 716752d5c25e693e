import { describe, expect, it } from 'vitest';
import { checkSupport } from '../../src/summary/guard.js';

describe('checkSupport: the guard of generated summaries', () => {
  const sources = [
    'Le conseil de Lyon a voté un budget de 2,4 millions d’euros pour 1 000 logements, a déclaré Grégory Doucet.',
    'Lyon council voted a budget of 2.4 million euros for 1,000 homes, said Grégory Doucet.',
  ];

  it.each([
    ['a number written with another separator', 'The council voted 2,4 million euros.'],
    ['thousands with a space in the source', 'It plans 1000 homes.'],
    ['names from the source, anywhere in the sentence', 'Grégory Doucet said Lyon would build homes.'],
    ['a capitalized first word in the source in lower case', 'Budget of the council was voted.'],
  ])('keeps %s', (_, sentence) => {
    expect(checkSupport([sentence], sources)).toEqual({ kept: [sentence], dropped: [] });
  });

  it.each([
    ['an invented number', 'The council voted 3.5 million euros.', ['35']],
    ['an invented person', 'Mayor Martine Aubry approved the budget.', ['Mayor', 'Martine', 'Aubry']],
    ['an invented name as first word', 'Marseille voted a budget.', ['Marseille']],
    ['a name only in lower case in the source', 'The Council met the Homes.', ['Council', 'Homes']],
  ])('drops %s and names what is missing', (_, sentence, missing) => {
    expect(checkSupport([sentence], sources)).toEqual({ kept: [], dropped: [{ sentence, missing }] });
  });

  it('keeps the supported sentences of a summary, in order, and drops only the others', () => {
    const sentences = ['Lyon voted a budget.', 'It costs 9 million euros.', 'Grégory Doucet announced it.'];
    const { kept, dropped } = checkSupport(sentences, sources);
    expect(kept).toEqual(['Lyon voted a budget.', 'Grégory Doucet announced it.']);
    expect(dropped.map((item) => item.sentence)).toEqual(['It costs 9 million euros.']);
  });
});
