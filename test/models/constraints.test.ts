import { describe, expect, it } from 'vitest';
import { constrainScores, constraintStep, continuesWord, endsWord, prefersEnd, readConstraints, type Constraint } from '../../src/models/constraints.js';
import { argmax } from '../../src/models/next-token.js';

const end = new Set([0]);
// "White House" as two tokens, "ICE" as one; "ICE" also glued to what comes before it (token 21).
const whiteHouse: Constraint = [[10, 11]];
const ice: Constraint = [[20], [21]];
// Token 30 is a word, 31 a quote, 32 a piece glued onto the word before it (`s`); 21 is glued too, and a word's end.
const joins = new Uint8Array(40);
joins[30] = endsWord;
joins[20] = endsWord;
joins[11] = endsWord;
joins[21] = continuesWord | endsWord;
joins[32] = continuesWord | endsWord;

const step = (generated: number[], constraints: Constraint[], best: number, budget: number) =>
  constraintStep(readConstraints(generated, constraints, joins), constraints, end.has(best), budget);

/** Decodes greedily with a model that always prefers the tokens of `preferred` in turn, then its end token. */
function decode(preferred: number[], constraints: Constraint[], most = 20): number[] {
  const generated: number[] = [];
  let wish = 0;
  while (generated.length < most) {
    const best = preferred[wish] ?? 0;
    const token = step(generated, constraints, best, most - generated.length).force ?? best;
    if (end.has(token)) break;
    generated.push(token);
    if (token === best) wish++;
  }
  return generated;
}

describe('constraintStep', () => {
  it('leaves a row free when it has no constraint, or has met them all', () => {
    expect(step([1, 2], [], 0, 10)).toEqual({ pending: 0 });
    expect(step([1, 10, 11, 2], [whiteHouse], 0, 10)).toEqual({ pending: 0 });
  });

  it('completes a constraint the model began, and counts what is still to come', () => {
    expect(step([1, 10], [whiteHouse, ice], 5, 10)).toEqual({ force: 11, pending: 2 });
    expect(step([1], [whiteHouse, ice], 10, 10)).toEqual({ pending: 3 });
  });

  it('puts an unmet constraint in before the end, and where the room runs out', () => {
    expect(step([1, 2], [whiteHouse], 0, 10)).toEqual({ force: 10, pending: 2 });
    expect(step([1, 2], [whiteHouse], 3, 2)).toEqual({ force: 10, pending: 2 });
    expect(step([1, 2], [whiteHouse], 3, 3)).toEqual({ pending: 2 });
  });

  it('gives every decoded sequence every constraint, whatever the model prefers', () => {
    expect(decode([1, 2, 3], [whiteHouse, ice])).toEqual([1, 2, 3, 10, 11, 20]);
    expect(decode([1, 10, 11, 2, 20], [whiteHouse, ice])).toEqual([1, 10, 11, 2, 20]);
    // The model starts the term and wanders: the term is finished first.
    expect(decode([1, 10, 5, 6], [whiteHouse])).toEqual([1, 10, 11, 5, 6]);
    // Too little room for the model's wishes: the constraints take the last places.
    expect(decode([1, 2, 3, 4, 5, 6, 7, 8], [whiteHouse, ice], 5)).toEqual([1, 2, 10, 11, 20]);
  });

  it('needs a constraint once, however often the model writes it', () => {
    expect(decode([20, 2, 20], [ice])).toEqual([20, 2, 20]);
  });

  it('takes a glued form after a quote, not after a word, where it would make a longer word', () => {
    expect(readConstraints([31, 21], [ice], joins).met).toEqual([true]);
    expect(readConstraints([30, 21], [ice], joins).met).toEqual([false]);
    expect(decode([31, 21, 2], [ice])).toEqual([31, 21, 2]);
    expect(decode([30, 21, 2], [ice])).toEqual([30, 21, 2, 20]);
  });

  it('does not count a term that a glued piece made part of a longer word', () => {
    expect(readConstraints([1, 20], [ice], joins)).toMatchObject({ met: [true], closing: true });
    expect(readConstraints([1, 20, 32], [ice], joins)).toMatchObject({ met: [false], closing: false });
  });
});

describe('prefersEnd', () => {
  it('tells whether the greedy choice (the first of the highest scores) is an end token', () => {
    const ends = new Set([2, 5]);
    const cases = [[0, 1, 3, 1, 0, 2], [0, 1, 1, 3, 0, 1], [4, 1, 4, 0, 0, 1], [0, 1, 1, 0, 0, 1], [-Infinity, -Infinity, -Infinity], [1, 0, 0, 0, 0, 1]];
    for (const values of cases) expect(prefersEnd(Float32Array.from(values), ends)).toBe(ends.has(argmax(Float32Array.from(values))));
  });
});

describe('constrainScores', () => {
  const scores = (best: number, size = 40) => {
    const row = new Float32Array(size).fill(-5);
    row[best] = -1;
    row[32] = -2;
    return row;
  };

  it('forbids a piece glued onto a term just written, so the term stays a word', () => {
    const row = scores(32);
    constrainScores(row, [1, 20], [ice], joins, end, 10);
    expect(row[32]).toBe(-Infinity);
    expect(row[21]).toBe(-Infinity);
    expect(row[2]).toBe(-5);
  });

  it('forbids the end while a term is unmet, and keeps only a forced token, at its own score', () => {
    const free = scores(2);
    constrainScores(free, [1], [whiteHouse], joins, end, 10);
    expect(free[0]).toBe(-Infinity);
    expect(free[2]).toBe(-1);
    const forced = scores(2);
    constrainScores(forced, [1, 10], [whiteHouse], joins, end, 10);
    expect([...forced].filter((score) => score > -Infinity)).toEqual([-5]);
    expect(forced[11]).toBe(-5);
  });

  it('gives a forced token the row’s lowest score when the rules had forbidden it', () => {
    const row = scores(2);
    row[11] = -Infinity;
    constrainScores(row, [1, 10], [whiteHouse], joins, end, 10);
    expect(row[11]).toBe(-5);
  });

  it('changes nothing in a row whose terms are met and that glues nothing', () => {
    const row = scores(2);
    constrainScores(row, [1, 10, 11, 2], [whiteHouse], joins, end, 10);
    expect(row).toEqual(scores(2));
  });
});
