import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../src/config/load.js';
import { autoConcurrency } from '../../src/config/resolve.js';
import { projectRoot } from '../support/paths.js';

const minimal = (stages: string) => `input: input\nstages:\n${stages}`;

describe('checkConfig', () => {
  it('says in the default pipeline.yaml what the code does: four articles per core, undetermined paragraphs translated', () => {
    const text = readFileSync(path.join(projectRoot, 'pipeline.yaml'), 'utf8');
    expect(autoConcurrency()).toBe(4 * availableParallelism());
    expect(text).toContain('`auto`: four per CPU core');
    expect(text).not.toMatch(/one per (CPU )?core/u);
    expect(text).toContain("keep (left `und` and noted; still translated in an article in translate's `from`");
    expect(text).toContain('# Article files (.txt, .md, .html)');
  });

  it('accepts the default pipeline.yaml and fills in every default', () => {
    const text = readFileSync(path.join(projectRoot, 'pipeline.yaml'), 'utf8');
    const checked = checkConfig(text, 'pipeline.yaml');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.stages!.map((stage) => stage.name)).toEqual(['read', 'detect-language', 'translate', 'check', 'summarize', 'write-markdown', 'write-html']);
    expect(checked.stages![2]!.options).toMatchObject({ model: 'Xenova/opus-mt-fr-en', dtype: 'q8', noRepeatNgram: 0 });
  });

  it('accepts stage names without options and applies their defaults', () => {
    const checked = checkConfig(minimal('  - read\n  - write-markdown\n'), 'p.yaml');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.stages).toEqual([
      { name: 'read', options: { maxMegabytes: 20 } },
      { name: 'write-markdown', options: { layout: 'side-by-side' } },
    ]);
  });

  it.each([
    ['a misspelt stage', minimal('  - read\n  - translte\n  - write-markdown\n'), 4, 5, 'config/unknown-stage', 'did you mean `translate`?'],
    ['a misspelt stage with options', minimal('  - read\n  - detect-language\n  - translte:\n      beams: 2\n  - write-markdown\n'), 5, 5, 'config/unknown-stage', 'Unknown stage `translte`'],
    ['an option of the wrong type', minimal('  - read\n  - detect-language\n  - translate:\n      beams: two\n  - write-markdown\n'), 6, 14, 'config/invalid-type', 'got `"two"` (string)'],
    ['an unknown option', minimal('  - read\n  - detect-language\n  - translate:\n      beems: 4\n  - write-markdown\n'), 6, 7, 'config/unknown-option', 'did you mean `beams`?'],
    ['a value out of range', minimal('  - read\n  - summarize: {words: 0}\n  - write-markdown\n'), 4, 24, 'config/invalid-value', 'at least 5'],
    ['a value outside an enum', minimal('  - read\n  - write-markdown:\n      layout: table\n'), 5, 15, 'config/invalid-value', '`side-by-side`, `interleaved`'],
    ['a stage before the stage it needs', minimal('  - detect-language\n  - read\n  - write-markdown\n'), 3, 5, 'config/stage-order', 'move `read` above `detect-language`'],
    ['a stage whose prerequisite is missing', minimal('  - detect-language\n  - write-markdown\n'), 3, 5, 'config/missing-stage', 'needs `read`'],
    ['a stage before one whose findings it reads', minimal('  - read\n  - translate\n  - detect-language\n  - write-markdown\n'), 4, 5, 'config/stage-order', 'move `detect-language` above `translate`'],
    ['a stage after the writer', minimal('  - read\n  - write-markdown\n  - summarize\n'), 5, 5, 'config/stage-order', 'would not be written'],
    ['a stage listed twice', minimal('  - read\n  - read\n  - write-markdown\n'), 4, 5, 'config/duplicate-stage', 'listed twice'],
    ['no writer', minimal('  - read\n'), 2, 1, 'config/missing-stage', 'add `write-markdown`'],
    ['an entry naming two stages', minimal('  - read\n  - {summarize: {}, translate: {}}\n  - write-markdown\n'), 4, 5, 'config/invalid-stage', 'names one stage'],
    ['an entry that is a number', minimal('  - read\n  - 42\n  - write-markdown\n'), 4, 5, 'config/invalid-stage', 'got `42` (number)'],
    ['an unknown top-level key', `offlien: true\n${minimal('  - read\n  - write-markdown\n')}`, 1, 1, 'config/unknown-key', 'did you mean `offline`?'],
    ['a bad concurrency', `concurrency: 0\n${minimal('  - read\n  - write-markdown\n')}`, 1, 14, 'config/invalid-value', 'got `0` (number)'],
    ['a bad item in the input list', 'input: [a, 3]\nstages: [read, write-markdown]\n', 1, 12, 'config/invalid-type', '`input[1]` to be a string'],
    ['an empty stage list', 'stages: []\n', 1, 9, 'config/invalid-value', 'at least one item'],
    ['a missing stage list', 'input: input\n', 1, 1, 'config/missing-key', 'Missing `stages`'],
    ['a duplicated key', 'stages: [read, write-markdown]\nstages: [read]\n', 2, 1, 'config/duplicate-key', 'Key `stages` is given twice'],
    ['broken YAML', 'stages: [read, write-markdown\noutput: out\n', 2, 1, 'config/yaml-syntax', 'Flow sequence'],
    ['a YAML alias bomb', `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nstages: [read, write-markdown]\n`, 1, 1, 'config/yaml-syntax', 'aliases'],
    ['a config that is a list', '- read\n- write-markdown\n', 1, 1, 'config/invalid-type', 'mapping'],
  ])('reports %s with its line, column and rule', (_, text, line, column, rule, message) => {
    const { diagnostics } = checkConfig(text, 'pipeline.yaml');
    const found = diagnostics.find((diagnostic) => diagnostic.rule === rule);
    expect(found, JSON.stringify(diagnostics)).toBeDefined();
    expect({ line: found!.line, column: found!.column, rule: found!.rule }).toEqual({ line, column, rule });
    expect(found!.message).toContain(message);
    expect(found!.file).toBe('pipeline.yaml');
  });

  it.each([
    ['an option indented more than the one above it', 'stages:\n  - read\n  - translate:\n     model: Xenova/opus-mt-fr-en\n      dtype: q8\n  - write-markdown\n',
      [[5, 7, 'config/yaml-syntax', '`dtype` starts in column 7, `model` on the line above in column 6: the keys of one mapping (a stage\'s options, say) must start in the same column']]],
    ['an option indented less than the one above it', 'stages:\n  - read\n  - translate:\n      model: x/y\n     dtype: q8\n  - write-markdown\n',
      [[5, 6, 'config/yaml-syntax', '`dtype` starts in column 6, `model` on the line above in column 7: the keys of one mapping (a stage\'s options, say) must start in the same column']]],
    ['one tab', 'stages:\n  - read\n\t- translate\n  - write-markdown\n',
      [[3, 1, 'config/yaml-syntax', 'A tab indents this line; YAML indents with spaces only: replace the tab with spaces, as many as the lines around it use']]],
    ['two-letter language codes', 'stages:\n  - read\n  - detect-language:\n      candidates: [fr, en, de]\n  - write-markdown\n', [
      [4, 20, 'config/invalid-value', '`candidates[0]` is `"fr"` (string): bitext names languages in ISO 639-3: did you mean `fra`?'],
      [4, 24, 'config/invalid-value', '`candidates[1]` is `"en"` (string): bitext names languages in ISO 639-3: did you mean `eng`?'],
      [4, 28, 'config/invalid-value', '`candidates[2]` is `"de"` (string): bitext names languages in ISO 639-3: did you mean `deu`?'],
    ]],
    ['a stage listed twice, which is not also out of order', minimal('  - read\n  - detect-language\n  - read\n  - write-markdown\n'),
      [[5, 5, 'config/duplicate-stage', 'Stage `read` is listed twice (first on entry 1); keep one']]],
    ['a key given twice, named', 'output: a\noutput: b\nstages: [read, write-markdown]\n',
      [[2, 1, 'config/duplicate-key', 'Key `output` is given twice (first on line 1); keep one']]],
  ])('reports %s once, plainly, with no knock-on errors', (_, text, expected) => {
    const { diagnostics } = checkConfig(text, 'pipeline.yaml');
    expect(diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.column, diagnostic.rule, diagnostic.message])).toEqual(expected);
  });

  it('suggests an option misspelt by two swapped letters', () => {
    const { diagnostics } = checkConfig(minimal('  - read\n  - translate:\n      modle: x/y\n  - write-markdown\n'), 'pipeline.yaml');
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([expect.stringContaining('Unknown option `modle` for stage `translate`; did you mean `model`?')]);
  });

  it('accepts merge keys, keys that only hold anchors, and x- keys', () => {
    const text = 'defaults: &fast\n  beams: 2\n  batchSize: 8\nx-note: anything\nstages:\n  - read\n  - translate:\n      <<: *fast\n      beams: 3\n  - write-markdown\n';
    const checked = checkConfig(text, 'pipeline.yaml');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.stages![1]!.options).toMatchObject({ beams: 3, batchSize: 8 });
  });

  it('reports every problem at once, in file order', () => {
    const text = 'concurrency: fast\nstages:\n  - read\n  - translte\n  - write-markdown:\n      layout: table\n';
    const { diagnostics } = checkConfig(text, 'pipeline.yaml');
    expect(diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.rule])).toEqual([
      [1, 'config/invalid-type'],
      [4, 'config/unknown-stage'],
      [6, 'config/invalid-value'],
    ]);
  });

  it('does not guess at the tree after a syntax error', () => {
    const { diagnostics } = checkConfig('stages: [read\n  translte: {\n', 'pipeline.yaml');
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((diagnostic) => diagnostic.rule === 'config/yaml-syntax')).toBe(true);
  });
});
