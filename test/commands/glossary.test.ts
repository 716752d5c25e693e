import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeModels, fakeTranslation, translated } from '../support/fake-models.js';
import { readOutputs, readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

// A translator that spells one name two ways and drops a term: what the names and the glossary are for.
const english: Record<string, string> = {
  'Le Premier ministre Jean-Marc Ayrault a rencontré les syndicats à Matignon hier soir.': 'Prime Minister Jean-Marc Ayrault met the unions at Matignon last night.',
  'Le Premier ministre Jean-Marc Ayrault a rencontré les patrons à Matignon ce matin.': 'Prime Minister Jean-Marc Airault met the bosses at Matignon this morning.',
  'La Maison Blanche a répondu aux questions des journalistes.': 'The presidency answered the journalists\' questions.',
};
const models = () => fakeModels({ translate: (text) => translated(english[text] ?? fakeTranslation(text)) }).provider;

function project() {
  const folder = workspace();
  const input = path.join(folder, 'in');
  mkdirSync(input);
  writeFileSync(path.join(input, 'soir.txt'), 'Le Premier ministre Jean-Marc Ayrault a rencontré les syndicats à Matignon hier soir.\n');
  writeFileSync(path.join(input, 'matin.txt'), 'Le Premier ministre Jean-Marc Ayrault a rencontré les patrons à Matignon ce matin.\n');
  const output = path.join(folder, 'out');
  return { folder, input, output, config: writeConfig(folder, { input, output, without: ['summarize'] }) };
}

describe('names across the batch, and bitext glossary suggest', () => {
  it('lists every name with its renderings in the report, says which came out two ways, and suggests a glossary', async () => {
    const { folder, output, config } = project();
    const result = await runCli(['run', '--config', config], models());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 name rendered two ways across the articles: Jean-Marc Ayrault (Jean-Marc Airault, Jean-Marc Ayrault) (see names in _report.json)');
    const report = readRunReport(output);
    expect(report.names).toEqual([
      { name: 'Jean-Marc Ayrault', renderings: [{ text: 'Jean-Marc Airault', articles: 1 }, { text: 'Jean-Marc Ayrault', articles: 1 }], inconsistent: true },
      { name: 'Matignon', renderings: [{ text: 'Matignon', articles: 2 }], inconsistent: false },
    ]);
    expect(report.articles.find((record) => record.source.endsWith('matin.txt'))!.names).toEqual({ 'Jean-Marc Ayrault': ['Jean-Marc Airault'], Matignon: ['Matignon'] });

    const suggested = await runCli(['glossary', 'suggest', output]);
    expect(suggested.code).toBe(0);
    expect(suggested.stdout.split('\n').slice(2)).toEqual([
      '# Jean-Marc Ayrault: “Jean-Marc Airault” in 1, “Jean-Marc Ayrault” in 1',
      'Jean-Marc Ayrault',
      'Matignon',
      '',
    ]);
    expect((await runCli(['glossary', 'suggest', path.join(output, '_report.json'), '--min', '3'])).stdout).not.toContain('Ayrault');
    const none = await runCli(['glossary', 'suggest', path.join(folder, 'nowhere')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No run report at');
  });

  it('with a glossary, marks a sentence whose term the translation lost, and names the glossary in the fingerprint', async () => {
    const { folder, input, output, config } = project();
    writeFileSync(path.join(input, 'maison.txt'), 'La Maison Blanche a répondu aux questions des journalistes.\n');
    writeFileSync(path.join(folder, 'glossary.tsv'), 'Maison Blanche\tWhite House\nJean-Marc Ayrault\n');
    const result = await runCli(['run', '--config', config, '--glossary', path.join(folder, 'glossary.tsv')], models());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('term');
    expect(readOutputs(output)['maison.md']).toContain('⚠*term*');
    expect(readOutputs(output)['maison.md']).toContain('**term** Maison Blanche → White House missing');
    expect(readOutputs(output)['matin.md']).toContain('**term** Jean-Marc Ayrault → Jean-Marc Ayrault missing');
    // The report says which glossary the translation was held to.
    const report = JSON.parse(readFileSync(path.join(output, '_report.json'), 'utf8')) as { glossary?: unknown };
    expect(report.glossary).toEqual({ file: path.join(folder, 'glossary.tsv'), sha256: createHash('sha256').update(readFileSync(path.join(folder, 'glossary.tsv'))).digest('hex'), terms: 2 });
    // The same glossary again: nothing to redo. Another glossary: every article again.
    expect((await runCli(['run', '--config', config, '--glossary', path.join(folder, 'glossary.tsv')], models())).stdout).toMatch(/^3 articles: 0 written, 3 unchanged/);
    writeFileSync(path.join(folder, 'glossary.tsv'), 'Maison Blanche\tWhite House\n');
    expect((await runCli(['run', '--config', config, '--glossary', path.join(folder, 'glossary.tsv')], models())).stdout).toMatch(/^3 articles: 3 written/);
  });
});
