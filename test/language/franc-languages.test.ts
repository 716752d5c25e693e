import { describe, expect, it } from 'vitest';
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';
import { francLanguages } from '../../src/language/franc-languages.js';

describe('franc languages', () => {
  it('lists exactly the languages the installed franc can answer with', () => {
    const installed = new Set([
      ...Object.values(data).flatMap((languages) => Object.keys(languages)),
      ...Object.keys(expressions).filter((key) => /^[a-z]{3}$/.test(key)),
    ]);
    expect([...francLanguages].sort()).toEqual([...installed].sort());
  });
});
