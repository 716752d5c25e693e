import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.js';
import { glossaryFromBytes, parseGlossary } from '../../src/glossary/parse.js';

const problems = (text: string, file: string) => parseGlossary(text, file).diagnostics.map(formatDiagnostic);

describe('parseGlossary', () => {
  it('reads TSV: French<TAB>English a line, a term alone kept as written, comments and blank lines skipped', () => {
    const { entries, diagnostics } = parseGlossary('\uFEFF# newsroom terms\r\nMaison Blanche\tWhite House\r\n\r\nICE\n  Emmanuel Macron  \n', 'glossary.tsv');
    expect(diagnostics).toEqual([]);
    expect(entries).toEqual([
      { source: 'Maison Blanche', target: 'White House', keep: false, line: 2 },
      { source: 'ICE', target: 'ICE', keep: true, line: 4 },
      { source: 'Emmanuel Macron', target: 'Emmanuel Macron', keep: true, line: 5 },
    ]);
  });

  it('reads YAML: terms and keep', () => {
    const { entries, diagnostics } = parseGlossary('terms:\n  Maison Blanche: White House\n  Assemblée nationale: National Assembly\nkeep: [ICE, Emmanuel Macron]\n', 'glossary.yaml');
    expect(diagnostics).toEqual([]);
    expect(entries.map(({ source, target, keep, line }) => [source, target, keep, line])).toEqual([
      ['Maison Blanche', 'White House', false, 2], ['Assemblée nationale', 'National Assembly', false, 3], ['ICE', 'ICE', true, 4], ['Emmanuel Macron', 'Emmanuel Macron', true, 4],
    ]);
  });

  it('refuses a comma-separated file, which it would read as one kept term a line, saying what to do', () => {
    expect(problems('chien,dog\nchat,cat\n', 'glossary.csv')).toEqual([
      'glossary.csv:1:1 error A glossary is TSV (French, a tab, English) or YAML, not CSV: save it as tab-separated text (.tsv), or as YAML (README, "Glossary") [glossary/invalid-line]',
    ]);
  });

  it('locates every problem of a TSV file, with what to do', () => {
    expect(problems('Maison Blanche\tWhite House\n\tWhite House\nICE\t\na\tb\tc\nMaison Blanche\tThe White House\n---\n', 'g.tsv')).toEqual([
      'g.tsv:2:1 error Expected a French term before the tab [glossary/invalid-line]',
      'g.tsv:3:5 error Expected the English for `ICE` after the tab; to keep it as written, leave the tab out [glossary/invalid-line]',
      'g.tsv:4:4 error Expected `French term<TAB>English term`, found 3 columns; a term holds no tab [glossary/invalid-line]',
      'g.tsv:5:1 error `Maison Blanche` is given twice, as `White House` (line 1) and `The White House` (line 5); keep one [glossary/duplicate-term]',
      'g.tsv:6:1 error The term `---` has no letter or digit to match [glossary/invalid-line]',
    ]);
  });

  it('locates every problem of a YAML file', () => {
    expect(problems('terms:\n  ICE:\n  Sénat: Senate\nkeep: ICE\nwords: []\n', 'g.yaml')).toEqual([
      'g.yaml:2:3 error Expected the English for `ICE`; to keep it as written, list it under `keep:` [glossary/invalid-line]',
      'g.yaml:4:7 error Expected `keep` to be a list of names kept as written: `[ICE, Emmanuel Macron]` [glossary/invalid-line]',
      'g.yaml:5:1 error Unknown key `words`; a glossary has `terms` and `keep` [glossary/unknown-key]',
    ]);
    expect(problems('terms: [a\n', 'g.yml')[0]).toMatch(/^g\.yml:\d+:\d+ error .* \[glossary\/invalid-line\]$/);
  });

  it('reads every YAML scalar as text as written: no numbers, booleans or nulls', () => {
    const { entries, diagnostics } = parseGlossary('terms:\n  prix: 49.30\n  agent: 007\n  code: 0x1F\n  vrai: true\n  null: nothing\nkeep: [1e3, yes]\n', 'g.yaml');
    expect(diagnostics).toEqual([]);
    expect(entries.map(({ source, target }) => [source, target])).toEqual([
      ['prix', '49.30'], ['agent', '007'], ['code', '0x1F'], ['vrai', 'true'], ['null', 'nothing'], ['1e3', '1e3'], ['yes', 'yes'],
    ]);
  });

  it('merges shared terms into YAML (`<<: *shared`) as the config does, a term written in the mapping overriding', () => {
    const { entries, diagnostics } = parseGlossary('x-shared: &shared\n  Sénat: Senate\n  ICE: Ice\nterms:\n  <<: *shared\n  ICE: Immigration and Customs Enforcement\n', 'g.yaml');
    expect(diagnostics).toEqual([]);
    expect(entries.map(({ source, target, line }) => [source, target, line])).toEqual([
      ['ICE', 'Immigration and Customs Enforcement', 6], ['Sénat', 'Senate', 2],
    ]);
  });

  it('refuses a second YAML document in our words, where it starts', () => {
    expect(problems('terms:\n  Sénat: Senate\n---\nkeep: [ICE]\n', 'g.yaml')).toEqual([
      'g.yaml:3:1 error A second YAML document starts here (`---`); a glossary is one document: remove this `---` or move its terms into the first [glossary/invalid-line]',
    ]);
  });

  it('reports as one term the spellings the matcher takes as one, naming both lines', () => {
    expect(problems('Maison Blanche\tWhite House\nMaison-Blanche\tThe White House\nEtats-Unis\tUS\nÉtats-Unis\tUnited States\nAssemblée\u00a0nationale\tAssembly\nAssemblée nationale\tNational Assembly\nMai\u00adson\tHouse\nMaison\tHome\n', 'g.tsv')).toEqual([
      'g.tsv:2:1 error `Maison-Blanche` is `Maison Blanche` to the matcher (spaces, hyphens and accents aside), given twice, as `White House` (line 1) and `The White House` (line 2); keep one [glossary/duplicate-term]',
      'g.tsv:4:1 error `États-Unis` is `Etats-Unis` to the matcher (spaces, hyphens and accents aside), given twice, as `US` (line 3) and `United States` (line 4); keep one [glossary/duplicate-term]',
      'g.tsv:6:1 error `Assemblée nationale` is `Assemblée\u00a0nationale` to the matcher (spaces, hyphens and accents aside), given twice, as `Assembly` (line 5) and `National Assembly` (line 6); keep one [glossary/duplicate-term]',
      'g.tsv:8:1 error `Maison` is `Mai\u00adson` to the matcher (spaces, hyphens and accents aside), given twice, as `House` (line 7) and `Home` (line 8); keep one [glossary/duplicate-term]',
    ]);
  });
});

describe('glossaryFromBytes', () => {
  const read = (bytes: Buffer, file = 'g.tsv') => {
    const { glossary, diagnostics } = glossaryFromBytes(bytes, file);
    return { entries: glossary.entries.map(({ source, target, line }) => [source, target, line]), problems: diagnostics.map(formatDiagnostic) };
  };

  it('reads UTF-16 with its byte-order mark, as Excel\'s "Unicode Text" writes it', () => {
    const text = 'Maison Blanche\tWhite House\r\nÉtats-Unis\tUnited States\r\n';
    for (const bytes of [Buffer.from(`\uFEFF${text}`, 'utf16le'), Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()]) {
      expect(read(bytes)).toEqual({ entries: [['Maison Blanche', 'White House', 1], ['États-Unis', 'United States', 2]], problems: [] });
    }
  });

  it('reads the lines of a file whose lines end with a carriage return alone (old Mac OS)', () => {
    expect(read(Buffer.from('Maison Blanche\tWhite House\rICE\r'))).toEqual({ entries: [['Maison Blanche', 'White House', 1], ['ICE', 'ICE', 2]], problems: [] });
    expect(read(Buffer.from('terms:\r  Sénat: Senate\rkeep: [ICE]\r'), 'g.yaml')).toEqual({ entries: [['Sénat', 'Senate', 2], ['ICE', 'ICE', 3]], problems: [] });
  });

  it('refuses, in one problem at line 1 saying what to do, a file that is not UTF-8 or is binary', () => {
    const save = 'save it as UTF-8 (in a text editor: Save As, encoding UTF-8; from Excel: "Unicode Text" also works)';
    expect(read(Buffer.from('\xc9tats-Unis\tUnited States\nS\xe9nat\tSenate\nMaison Blanche\tWhite House\n', 'latin1'))).toEqual({
      entries: [],
      problems: [`g.tsv:1:1 error The glossary is not UTF-8: it looks like Latin-1 (Windows-1252), whose accents bitext does not guess at; ${save} [glossary/encoding]`],
    });
    const binary = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0', 'latin1'), Buffer.alloc(64, 0x07), Buffer.from('ICE\n')]);
    expect(read(binary)).toEqual({
      entries: [],
      problems: [`g.tsv:1:1 error The glossary is a binary file, not text (it contains NUL or control bytes); ${save} [glossary/encoding]`],
    });
    expect(read(Buffer.from('Maison Blanche\tWhite House\nAssemblée nationale\tNational Assembly\nICE\0\n')).problems).toEqual([
      `g.tsv:1:1 error The glossary holds 1 NUL or control character, which no term has: it is not a text file, or damaged; ${save} [glossary/encoding]`,
    ]);
    expect(read(Buffer.concat([Buffer.from('États-Unis\tUnited States\nS'), Buffer.from([0xe9, 0xe9]), Buffer.from('nat\tSenate\nÉlysée\tElysée\n')])).problems).toEqual([
      `g.tsv:1:1 error The glossary is not valid UTF-8 (2 damaged places); ${save} [glossary/encoding]`,
    ]);
  });

  it('hashes the file\'s bytes as they are', () => {
    const bytes = Buffer.from('\uFEFFICE\r\n', 'utf16le');
    expect(glossaryFromBytes(bytes, 'g.tsv').glossary.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
