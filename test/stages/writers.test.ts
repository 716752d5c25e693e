import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/config/load.js';

const minimal = (stages: string) => `input: input\nstages:\n${stages}`;

describe('the writing stages in a config', () => {
  it('accepts several writers, in any order among themselves, and write-bitext\'s formats', () => {
    const { diagnostics, stages } = checkConfig(minimal('  - read\n  - translate\n  - write-bitext:\n      formats: [xliff, tmx, xliff]\n  - write-html\n  - write-markdown\n'), 'pipeline.yaml');
    expect(diagnostics).toEqual([]);
    expect(stages!.map((stage) => stage.name)).toEqual(['read', 'translate', 'write-bitext', 'write-html', 'write-markdown']);
    // A format named twice is written once.
    expect(stages![2]!.options).toEqual({ formats: ['xliff', 'tmx'] });
  });

  it.each([
    ['an unknown format', minimal('  - read\n  - write-bitext:\n      formats: [tmx, po]\n'), 5, 22, 'config/invalid-value', '`tmx`, `xliff`, `jsonl`'],
    ['no format', minimal('  - read\n  - write-bitext:\n      formats: []\n'), 5, 16, 'config/invalid-value', 'at least one item'],
    ['the export before the translation it exports', minimal('  - read\n  - write-bitext\n  - translate\n'), 4, 5, 'config/stage-order', 'move `translate` above `write-bitext`'],
    ['an option write-html does not have', minimal('  - read\n  - write-html:\n      layout: interleaved\n'), 5, 7, 'config/unknown-option', 'layout'],
  ])('reports %s with its line, column and rule', (_, text, line, column, rule, message) => {
    const { diagnostics } = checkConfig(text, 'pipeline.yaml');
    const found = diagnostics.find((diagnostic) => diagnostic.rule === rule);
    expect(found, JSON.stringify(diagnostics)).toBeDefined();
    expect({ line: found!.line, column: found!.column, rule: found!.rule }).toEqual({ line, column, rule });
    expect(found!.message).toContain(message);
  });
});
