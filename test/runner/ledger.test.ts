import { appendFileSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSha256, Ledger } from '../../src/runner/ledger.js';
import { workspace } from '../support/workspace.js';

/** An output folder with its `.bitext` folder, as the output lock leaves it. */
const folder = () => {
  const root = workspace();
  mkdirSync(path.join(root, '.bitext'));
  return root;
};
const file = 'sub/a.md';
const [old, current, edited] = ['old text', 'current text', 'edited by hand'].map(contentSha256) as [string, string, string];

describe('the ledger of written files', () => {
  it.each([
    ['a file as last written, under the same fingerprint', current, 'f1', 'unchanged'],
    ['a file as last written, under another fingerprint', current, 'f2', 'due'],
    ['a missing file', undefined, 'f1', 'due'],
    ['a file bitext wrote before (a run killed between ledger and rename)', old, 'f1', 'due'],
    ['a file whose bytes bitext never wrote', edited, 'f1', 'edited'],
  ] as const)('calls %s %s', async (_, sha256, fingerprint, standing) => {
    const root = folder();
    const ledger = await Ledger.open(root, '0123456789abcdef');
    await ledger.record({ file, sha256: old, fingerprint: 'f0' });
    await ledger.record({ file, sha256: current, fingerprint: 'f1' });
    // Read back from disk, as the next run does.
    const reread = await Ledger.open(root, '0123456789abcdef');
    expect(reread.standing([{ file, sha256 }], fingerprint)).toBe(standing);
  });

  it('ignores a line cut short by a crash, and keeps only the latest entry of each file once compacted', async () => {
    const root = folder();
    const ledger = await Ledger.open(root, '0123456789abcdef');
    await ledger.record({ file, sha256: old, fingerprint: 'f0' });
    await ledger.record({ file, sha256: current, fingerprint: 'f1' });
    appendFileSync(ledger.file, '{"file": "sub/b.md", "sha2');
    const reread = await Ledger.open(root, '0123456789abcdef');
    expect(reread.standing([{ file, sha256: current }], 'f1')).toBe('unchanged');
    await reread.compact(root);
    expect(readFileSync(ledger.file, 'utf8')).toBe(`${JSON.stringify({ file, sha256: current, fingerprint: 'f1' })}\n`);
    expect((await Ledger.open(root, '0123456789abcdef')).standing([{ file, sha256: old }], 'f1')).toBe('edited');
  });

  it('calls a file it has no line for unrecorded: another tool\'s, or the ledger was lost', async () => {
    const ledger = await Ledger.open(folder(), '0123456789abcdef');
    expect(ledger.standing([{ file, sha256: current }], 'f1')).toBe('unrecorded');
    expect(ledger.standing([{ file, sha256: undefined }], 'f1')).toBe('due');
  });

  it('keeps, when compacting, an earlier hash the file still holds: a run killed before its rename left the old bytes', async () => {
    const root = folder();
    mkdirSync(path.join(root, 'sub'));
    writeFileSync(path.join(root, file), 'old text');
    const ledger = await Ledger.open(root, '0123456789abcdef');
    await ledger.record({ file, sha256: old, fingerprint: 'f0' });
    await ledger.record({ file, sha256: current, fingerprint: 'f1' });
    await ledger.compact(root);
    expect((await Ledger.open(root, '0123456789abcdef')).standing([{ file, sha256: old }], 'f1')).toBe('due');
  });

  it.each([
    ['a symbolic link to an input', (ledger: string, input: string) => symlinkSync(input, ledger)],
    ['a hard link to an input', (ledger: string, input: string) => linkSync(input, ledger)],
  ])('never writes through a ledger that is %s: it is set aside, and said', async (_, make) => {
    const root = folder();
    const input = path.join(workspace(), 'notes.md');
    writeFileSync(input, 'my notes\n');
    make(path.join(root, '.bitext', 'written.jsonl'), input);
    const ledger = await Ledger.open(root, '0123456789abcdef');
    expect(ledger.problem).toMatch(/written\.jsonl was a (symbolic link|file with other names \(a hard link\)); it was set aside, unread/);
    await ledger.record({ file, sha256: current, fingerprint: 'f1' });
    await ledger.compact(root);
    expect(readFileSync(input, 'utf8')).toBe('my notes\n');
  });

  it('reads what workers recorded in their parts, merges them when compacting, and removes them once no worker writes', async () => {
    const root = folder();
    const ledger = await Ledger.open(root, '0123456789abcdef');
    // Two workers of a queued run, each appending to a part of its own while the run holds the folder.
    await Ledger.part(root, 'aaaaaaaaaaaaaaaa').record({ file, sha256: current, fingerprint: 'f1' });
    const second = Ledger.part(root, 'bbbbbbbbbbbbbbbb');
    await second.record({ file: 'b.md', sha256: old, fingerprint: 'f1' });
    await second.compact(root);
    expect(ledger.standing([{ file, sha256: current }], 'f1')).toBe('unrecorded');
    // Not settled (a worker may still be writing): merged, and kept.
    await ledger.compact(root, { settled: false });
    expect(readdirSync(path.join(root, '.bitext')).sort()).toEqual(['written.aaaaaaaaaaaaaaaa.jsonl', 'written.bbbbbbbbbbbbbbbb.jsonl', 'written.jsonl']);
    const reread = await Ledger.open(root, '0123456789abcdef');
    expect(reread.standing([{ file, sha256: current }, { file: 'b.md', sha256: old }], 'f1')).toBe('unchanged');
    await reread.compact(root);
    expect(readdirSync(path.join(root, '.bitext'))).toEqual(['written.jsonl']);
    expect((await Ledger.open(root, '0123456789abcdef')).standing([{ file, sha256: current }, { file: 'b.md', sha256: old }], 'f1')).toBe('unchanged');
  });
});
