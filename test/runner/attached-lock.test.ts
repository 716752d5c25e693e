import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFolder } from '../../src/runner/output-folder.js';
import { workspace } from '../support/workspace.js';

describe('a worker attached to the output folder a queued run holds', () => {
  it('writes while the folder\'s lock names the run, records in a part of its own, and stops writing once the run is gone', async () => {
    const root = path.join(workspace(), 'out');
    const run = await OutputFolder.open(root, []);
    const worker = await OutputFolder.attach(root, run.token, 'cccccccccccccccc');
    if (!(worker instanceof OutputFolder)) throw new Error(`not attached: ${JSON.stringify(worker)}`);
    await worker.write('a.md', 'text\n', 'f1', 'write-markdown');
    expect(readFileSync(path.join(root, '.bitext', 'written.cccccccccccccccc.jsonl'), 'utf8')).toContain('"file":"a.md"');
    await run.close();
    await expect(worker.write('b.md', 'text\n', 'f1', 'write-markdown')).rejects.toThrow(/the output folder's lock \S+ is gone: the run that queued this article has ended/);
    await worker.close();
    expect(readFileSync(path.join(root, '.bitext', 'written.jsonl'), 'utf8')).toContain('"file":"a.md"');
  });

  it.each([
    ['a folder it does not see', (root: string) => rmSync(root, { recursive: true }), { unseen: expect.stringMatching(/is not the run's on this machine: it has no \.bitext folder \(ENOENT\)$/) }],
    ['an empty folder in its place (not shared)', (root: string) => rmSync(path.join(root, '.bitext'), { recursive: true }), { unseen: expect.stringContaining('it has no .bitext folder') }],
    ['a folder without a lock', (root: string) => rmSync(path.join(root, '.bitext', 'lock')), { unseen: expect.stringContaining('it holds no lock') }],
    ['a folder another run holds', (root: string) => writeFileSync(path.join(root, '.bitext', 'lock'), JSON.stringify({ token: 'dddddddddddddddd', host: 'elsewhere', pid: 7 })), { taken: expect.objectContaining({ host: 'elsewhere' }) }],
  ])('is refused %s, saying why', async (_, change, expected) => {
    const root = path.join(workspace(), 'out');
    mkdirSync(root);
    const run = await OutputFolder.open(root, []);
    change(root);
    expect(await OutputFolder.attach(root, run.token, 'cccccccccccccccc')).toEqual(expected);
    await run.close().catch(() => undefined);
  });
});
