import { describe, expect, it } from 'vitest';
import { summarizeNames } from '../../src/runner/names.js';

describe('summarizeNames', () => {
  it('counts each rendering of a name over the articles written, the names rendered two ways first', () => {
    const names = summarizeNames([
      { status: 'written', names: { 'Jean-Marc Ayrault': ['Jean-Marc Ayrault'], France: ['France'] } },
      { status: 'written', names: { 'Jean-Marc Ayrault': ['Jean-Marc Airault', 'Ayrault'], France: ['French', 'France'] } },
      { status: 'written', names: { France: ['Frances'], Bercy: [null] } },
      { status: 'failed', names: { Bercy: ['Bercy'] } },
    ]);
    expect(names).toEqual([
      { name: 'Jean-Marc Ayrault', renderings: [{ text: 'Ayrault', articles: 1 }, { text: 'Jean-Marc Airault', articles: 1 }, { text: 'Jean-Marc Ayrault', articles: 1 }], inconsistent: true },
      { name: 'France', renderings: [{ text: 'France', articles: 2 }, { text: 'Frances', articles: 1 }, { text: 'French', articles: 1 }], inconsistent: false },
      { name: 'Bercy', renderings: [{ text: null, articles: 1 }], inconsistent: false },
    ]);
  });
});
