import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeModels } from '../support/fake-models.js';
import { hashTree, readOutputs, readRunReport, runCli, workspace, writeConfig } from '../support/workspace.js';

const french = 'Le conseil municipal a voté le budget de la ville pour l’année prochaine, après un long débat.\n';

/** A folder holding `in/` with articles (relative path → text) and a config reading it into `out/`. */
function project(files: Record<string, string> = { 'article.md': french, 'sub/x.txt': french }) {
  const folder = workspace();
  const input = path.join(folder, 'in');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(input, name)), { recursive: true });
    writeFileSync(path.join(input, name), text);
  }
  const output = path.join(folder, 'out');
  const config = writeConfig(folder, { input, output, without: ['translate'] });
  const run = (...argv: string[]) => runCli(['run', '--config', config, ...argv], fakeModels().provider);
  return { folder, input, output, run };
}

describe('inputs are never written, whatever the links', () => {
  it.each([
    ['an output folder that is a link to the input folder', (p: ReturnType<typeof project>) => {
      symlinkSync(p.input, path.join(p.folder, 'outlink'));
      return ['--output', path.join(p.folder, 'outlink')];
    }, /The output folder \S*outlink is the input folder \S*in \(through a link: \S*in\); bitext never writes over its inputs/],
    ['an input folder inside the output folder', (p: ReturnType<typeof project>) => {
      return ['--input', path.join(p.input, 'sub'), '--output', p.input];
    }, /Input \S*in\/sub is inside the output folder \S*in; bitext never reads its own output/],
    ['an input that is a link into the output folder', (p: ReturnType<typeof project>) => {
      mkdirSync(path.join(p.input, 'out'));
      symlinkSync(path.join(p.input, 'out'), path.join(p.folder, 'view'));
      return ['--input', path.join(p.folder, 'view'), '--output', p.input];
    }, /Input \S*view is inside the output folder \S*in \(through a link: \S*in\/out\)/],
    ['an output folder under a link into the input folder', (p: ReturnType<typeof project>) => {
      symlinkSync(path.join(p.input, 'sub'), path.join(p.folder, 'deep'));
      return ['--output', path.join(p.folder, 'deep', 'out')];
    }, /is inside the input folder/],
  ])('refuses %s before writing anything (exit 2)', async (_, arrange, message) => {
    const p = project();
    const argv = arrange(p);
    const before = hashTree(p.input);
    const result = await p.run(...argv);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(hashTree(p.input)).toEqual(before);
  });

  it('refuses to read the outputs through a link to the output folder, leaving them as they were', async () => {
    const p = project();
    expect((await p.run()).code).toBe(0);
    symlinkSync(p.output, path.join(p.folder, 'outview'));
    const before = hashTree(p.output);
    const result = await p.run('--input', path.join(p.folder, 'outview'));
    expect(result.stderr).toMatch(/The output folder \S*out is the input folder \S*outview/);
    expect(result.code).toBe(2);
    expect(hashTree(p.output)).toEqual(before);
  });

  it('skips a link inside an input folder that leads into the output folder, with a warning, run after run', async () => {
    const p = project();
    mkdirSync(p.output);
    symlinkSync(p.output, path.join(p.input, 'link'));
    const before = hashTree(p.input);
    for (let run = 0; run < 3; run++) {
      const result = await p.run();
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/warning: \S*in\/link leads into the output folder \(\S*out\); skipped, so that bitext never reads its own output/);
    }
    expect(existsSync(path.join(p.output, 'link'))).toBe(false);
    expect(readRunReport(p.output).warnings).toEqual([expect.stringMatching(/in\/link leads into the output folder/)]);
    expect(readRunReport(p.output).summary.articles).toBe(2);
    expect(hashTree(p.input)).toEqual(before);
  });

  it('never writes through a link inside the output folder that points into an input folder', async () => {
    const p = project();
    mkdirSync(p.output);
    symlinkSync(path.join(p.input, 'sub'), path.join(p.output, 'sub'));
    const before = hashTree(p.input);
    const result = await p.run();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in\/sub\/x\.txt: write-markdown: its output sub\/x\.md would land at \S*in\/sub\/x\.md, outside the output folder/);
    expect(hashTree(p.input)).toEqual(before);
    expect(Object.keys(readOutputs(p.output))).toEqual(['article.md']);
  });

  it('reads a file once when a folder and a file in it are both given, or two links lead to it', async () => {
    const p = project();
    symlinkSync('article.md', path.join(p.input, 'again.md'));
    const result = await p.run('--input', p.input, path.join(p.input, 'sub', 'x.txt'));
    expect(result.code).toBe(0);
    const report = readRunReport(p.output);
    expect(report.articles.map((record) => path.basename(record.source))).toEqual(['article.md', 'x.txt']);
    expect(report.warnings).toEqual([
      expect.stringMatching(/in\/again\.md is the same file as \S*in\/article\.md, which is read once$/),
      expect.stringMatching(/in\/sub\/x\.txt is given twice; it is read once$/),
    ]);
  });

  it('reads a file whose name is not UTF-8, naming it as Windows-1252 would', async () => {
    const p = project({});
    mkdirSync(p.input, { recursive: true });
    // `café.txt` as an old Latin-1 system wrote it; Node cannot name it with a string.
    writeFileSync(Buffer.concat([Buffer.from(`${p.input}/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), french);
    const result = await p.run();
    expect(result.code).toBe(0);
    expect(readdirSync(p.output)).toContain('café.md');
    expect(readOutputs(p.output)['café.md']).toContain('Le conseil municipal a voté le budget');
  });
});
