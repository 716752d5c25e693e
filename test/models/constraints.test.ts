import { describe, expect, it } from 'vitest';
import { constraintStep } from '../../src/models/constraints.js';

const end = new Set([0]);
// "White House" as two tokens, "ICE" as one.
const whiteHouse = [10, 11];
const ice = [20];

/** Decodes greedily with a model that always prefers the tokens of `preferred` in turn, then its end token. */
function decode(preferred: number[], constraints: number[][], most = 20): number[] {
  const generated: number[] = [];
  let wish = 0;
  while (generated.length < most) {
    const best = preferred[wish] ?? 0;
    const step = constraintStep(generated, constraints, best, end, most - generated.length);
    const token = step.force ?? best;
    if (end.has(token)) break;
    generated.push(token);
    if (token === best) wish++;
  }
  return generated;
}

describe('constraintStep', () => {
  it('leaves a row free when it has no constraint, or has met them all', () => {
    expect(constraintStep([1, 2], [], 0, end, 10)).toEqual({ pending: 0 });
    expect(constraintStep([1, 10, 11, 2], [whiteHouse], 0, end, 10)).toEqual({ pending: 0 });
  });

  it('completes a constraint the model began, and counts what is still to come', () => {
    expect(constraintStep([1, 10], [whiteHouse, ice], 5, end, 10)).toEqual({ force: 11, pending: 2 });
    expect(constraintStep([1], [whiteHouse, ice], 10, end, 10)).toEqual({ pending: 3 });
  });

  it('puts an unmet constraint in before the end, and where the room runs out', () => {
    expect(constraintStep([1, 2], [whiteHouse], 0, end, 10)).toEqual({ force: 10, pending: 2 });
    expect(constraintStep([1, 2], [whiteHouse], 3, end, 2)).toEqual({ force: 10, pending: 2 });
    expect(constraintStep([1, 2], [whiteHouse], 3, end, 3)).toEqual({ pending: 2 });
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
});
