import { describe, expect, it } from 'vitest';
import { escapeCell } from '../../src/markdown/escape.js';
import { withSpans } from '../../src/markdown/spans.js';

describe('withSpans', () => {
  it.each([
    ['a link whose text survives is linked in place', 'According to Reuters, the vote passed.', [{ kind: 'link' as const, text: 'Reuters', url: 'https://r.example' }], 'According to [Reuters](https://r.example), the vote passed.'],
    ['a link whose text was translated is kept after the text', 'According to the official report, it passed.', [{ kind: 'link' as const, text: 'compte rendu officiel', url: 'https://c.example' }], 'According to the official report, it passed. ([compte rendu officiel](https://c.example))'],
    ['strong text and code that survive are marked again', 'The Lyon file is budget-2024.pdf.', [{ kind: 'strong' as const, text: 'Lyon' }, { kind: 'code' as const, text: 'budget-2024.pdf' }], 'The **Lyon** file is `budget-2024.pdf`.'],
    ['emphasis whose text was translated is let go', 'It costs 2.4 billion euros.', [{ kind: 'emphasis' as const, text: '2,4 milliards' }], 'It costs 2.4 billion euros.'],
    ['text is escaped for its cell first', 'A | B at Reuters', [{ kind: 'link' as const, text: 'Reuters', url: 'https://r.example' }], 'A \\| B at [Reuters](https://r.example)'],
  ])('%s', (_, translation, spans, expected) => {
    expect(withSpans(translation, spans, escapeCell)).toBe(expected);
  });
});
