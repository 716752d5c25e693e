import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderTmx } from '../../src/exchange/tmx.js';
import { renderXliff } from '../../src/exchange/xliff.js';
import { sentencePairs } from '../../src/exchange/pairs.js';
import { makeArticle } from '../support/articles.js';
import { fakeModels, translated } from '../support/fake-models.js';
import { corpus, hasShared, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';
import { readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

const schemas = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const xmllintSkip = hasXmllint ? '' : ' (skipped: xmllint is not installed; `apt-get install libxml2-utils`, as .ci/run does)';

/** xmllint's verdict on files, never reaching a network: the TMX 1.4b DTD, or the XLIFF 2.0 core schema. */
function validate(kind: 'tmx' | 'xliff', files: string[]): { status: number | null; output: string } {
  const against = kind === 'tmx' ? ['--dtdvalid', path.join(schemas, 'tmx14.dtd')] : ['--schema', path.join(schemas, 'xliff_core_2.0.xsd')];
  const result = spawnSync('xmllint', ['--noout', '--nonet', ...against, ...files], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A config with the bitext export on (it is shown commented in the default). */
function withExport(config: string, formats?: string): void {
  const text = readFileSync(config, 'utf8')
    .replace('  # - write-bitext:\n  #     formats: [tmx, xliff, jsonl]', `  - write-bitext:\n      formats: ${formats ?? '[tmx, xliff, jsonl]'}`);
  writeFileSync(config, text);
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe.skipIf(!hasXmllint || !hasShared)(`the bitext export of ../shared/corpus${xmllintSkip || sharedSkipReason}`, () => {
  it('with the generated Marian: TMX and XLIFF files that validate, one unit per translated sentence, JSONL beside', async () => {
    const folder = workspace();
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input: corpus, output, models: await testModels(), translateModel: 'bitext-test/marian-tiny' });
    withExport(config);
    const result = await runCli(['run', '--config', config]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const files = readdirSync(output);
    const tmx = files.filter((name) => name.endsWith('.tmx')).map((name) => path.join(output, name));
    const xliff = files.filter((name) => name.endsWith('.xlf')).map((name) => path.join(output, name));
    expect(tmx).toHaveLength(5);
    expect(xliff).toHaveLength(5);
    expect(validate('tmx', tmx)).toMatchObject({ status: 0 });
    expect(validate('xliff', xliff).status, validate('xliff', xliff).output).toBe(0);
    for (const file of tmx) {
      const name = path.basename(file, '.tmx');
      const lines = readFileSync(path.join(output, `${name}.jsonl`), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; translation: string; paragraph: string; sentence: number });
      const text = readFileSync(file, 'utf8');
      const xlf = readFileSync(path.join(output, `${name}.xlf`), 'utf8');
      // Every translated sentence of the article, as the report counts words and the JSONL lists pairs.
      expect(lines.length).toBeGreaterThan(10);
      expect(count(text, /<tu /g)).toBe(lines.length);
      expect(count(xlf, /<unit /g)).toBe(lines.length);
      expect(count(xlf, /<target>/g)).toBe(lines.length);
      expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);
      // The reader page, from the same sentences, shows as many English sentences (those kept as written aside).
      const page = readFileSync(path.join(output, `${name}.html`), 'utf8');
      expect(count(page, /<span class="s" id="t-(?!summary\.)/g)).toBe(lines.length);
      expect(lines[0]).toMatchObject({ paragraph: expect.stringMatching(/^(title|p1)$/), sentence: 1 });
    }
    expect(readRunReport(output).summary.written).toBe(5);
  });
});

describe.skipIf(!hasXmllint)(`the bitext export of awkward text${xmllintSkip}`, () => {
  it('stays valid with markup, entities, quotes, control characters, RTL and CJK text, and flags as notes', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(path.join(input, 'sub'), { recursive: true });
    writeFileSync(path.join(input, 'sub', 'piège.txt'), [
      'Le « maire » & <script>alert("x")</script> ]]> l\'adjoint',
      '-',
      'La ville a dépensé 25 millions pour ses écoles. Un saut de page est resté là.',
      '',
      'Le ministre a cité un proverbe arabe : « هذا نص باللغة العربية ». Puis un mot chinois : 中文。',
      '',
    ].join('\n'));
    writeFileSync(path.join(input, 'english.txt'), 'This article is written in English from the first line to the last, so nothing is translated at all.\n');
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output, without: ['summarize'] });
    withExport(config);
    // A translator that loses the number of the first sentence, so that the check flags it.
    const models = fakeModels({ translate: (text) => translated(text.includes('25 millions') ? 'The city spent <millions> & more.' : `EN ${text}`) });
    const result = await runCli(['run', '--config', config], models.provider);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const tmx = [path.join(output, 'sub', 'piège.tmx'), path.join(output, 'english.tmx')];
    const xliff = [path.join(output, 'sub', 'piège.xlf'), path.join(output, 'english.xlf')];
    expect(validate('tmx', tmx).status, validate('tmx', tmx).output).toBe(0);
    expect(validate('xliff', xliff).status, validate('xliff', xliff).output).toBe(0);
    const text = readFileSync(xliff[0]!, 'utf8');
    expect(text).toContain('Le « maire » &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt; l\'adjoint');
    expect(text).toMatch(/<note category="number" appliesTo="target">25 millions → missing<\/note>/);
    expect(text).toContain('<group id="p1" name="p1" type="bitext:paragraph">');
    expect(readFileSync(tmx[0]!, 'utf8')).toContain('<note>number: 25 millions → missing</note>');
    // Nothing translated: no unit, and still a file every tool opens.
    expect(readFileSync(tmx[1]!, 'utf8')).not.toContain('<tu ');
    expect(readFileSync(xliff[1]!, 'utf8')).toContain('<group id="untranslated" name="nothing translated"/>');
    expect(readFileSync(path.join(output, 'english.jsonl'), 'utf8')).toBe('');
  });

  it('writes what XML cannot hold as XLIFF code points, and as spaces in TMX', () => {
    const article = makeArticle([['paragraph', 'Un saut\fde page et un \u0001 contrôle.']]);
    const sentence = article.blocks[0]!.sentences[0]!;
    sentence.translation = 'A page\fbreak and a \u0001 control.';
    article.blocks[0]!.translation = sentence.translation;
    const folder = workspace();
    const files = { tmx: path.join(folder, 'a.tmx'), xliff: path.join(folder, 'a.xlf') };
    writeFileSync(files.tmx, renderTmx(article, sentencePairs(article)));
    writeFileSync(files.xliff, renderXliff(article, sentencePairs(article)));
    expect(validate('tmx', [files.tmx]).status, validate('tmx', [files.tmx]).output).toBe(0);
    expect(validate('xliff', [files.xliff]).status, validate('xliff', [files.xliff]).output).toBe(0);
    expect(readFileSync(files.xliff, 'utf8')).toContain('<target>A page<cp hex="000C"/>break and a <cp hex="0001"/> control.</target>');
    expect(readFileSync(files.tmx, 'utf8')).toContain('<seg>A page break and a   control.</seg>');
  });

  it.each([
    ['tmx', 'a <tu> without its variants', (text: string) => text.replace(/<tuv xml:lang="en">.*?<\/tuv>/, '').replace(/<tuv xml:lang="fr">.*?<\/tuv>/, '')],
    ['tmx', 'a header without its source language', (text: string) => text.replace(/ srclang="fr" datatype/, ' datatype')],
    ['xliff', 'no source language', (text: string) => text.replace(' srcLang="fr"', '')],
    ['xliff', 'a unit without a segment', (text: string) => text.replace(/<segment[^]*?<\/segment>/, '')],
    ['xliff', 'a group type that is not prefix:value', (text: string) => text.replace('type="bitext:paragraph"', 'type="paragraph"')],
  ] as const)('and the validator does refuse a %s file with %s', (kind, _, damage) => {
    const article = makeArticle([['paragraph', 'Une phrase.']]);
    article.blocks[0]!.sentences[0]!.translation = 'A sentence.';
    article.blocks[0]!.translation = 'A sentence.';
    const file = path.join(workspace(), kind === 'tmx' ? 'a.tmx' : 'a.xlf');
    const text = (kind === 'tmx' ? renderTmx : renderXliff)(article, sentencePairs(article));
    writeFileSync(file, text);
    expect(validate(kind, [file]).status).toBe(0);
    const damaged = damage(text);
    expect(damaged).not.toBe(text);
    writeFileSync(file, damaged);
    expect(validate(kind, [file]).status).not.toBe(0);
  });
});

describe('the bitext export', () => {
  it('writes only the formats asked for', async () => {
    const folder = workspace();
    const input = path.join(folder, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), 'Le conseil municipal a voté le budget de la ville.\n');
    const output = path.join(folder, 'out');
    const config = writeConfig(folder, { input, output });
    withExport(config, '[tmx]');
    expect((await runCli(['run', '--config', config], fakeModels().provider)).code).toBe(0);
    expect(readdirSync(output).filter((name) => /\.(tmx|xlf|jsonl)$/.test(name))).toEqual(['a.tmx']);
    // And a run that changed nothing skips it: what the stage writes is what the runner checks.
    const again = await runCli(['run', '--config', config], fakeModels().provider);
    expect(again.stdout).toMatch(/^1 article: 0 written, 1 unchanged \(skipped\)/);
  });
});
