import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/resolve.js';
import { articleFingerprint, fileSha256, recordedFingerprint, runFingerprint } from '../../src/runner/fingerprint.js';
import { workspace } from '../support/workspace.js';

function config(models: string, beams = 1): ResolvedConfig {
  return {
    file: 'pipeline.yaml', inputs: [], output: 'out', models, concurrency: 1, offline: true, source: '',
    stages: [{ name: 'read', options: {} }, { name: 'detect-language', options: {} }, { name: 'translate', options: { model: 'owner/name', dtype: 'q8', beams } }],
  };
}

describe('fingerprints', () => {
  it('change with a stage option and with a model file, and only then', async () => {
    const models = workspace();
    const folder = path.join(models, 'owner/name/onnx');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'encoder_model_quantized.onnx'), 'weights');
    const first = await runFingerprint(config(models));
    expect(await runFingerprint(config(models))).toBe(first);
    expect(await runFingerprint(config(models, 4))).not.toBe(first);
    writeFileSync(path.join(folder, 'encoder_model_quantized.onnx'), 'other weights');
    expect(await runFingerprint(config(models))).not.toBe(first);
    expect(articleFingerprint(first, 'a'.repeat(64))).not.toBe(articleFingerprint(first, 'b'.repeat(64)));
  });

  it('is read from the front matter of an output, not from its body', async () => {
    const folder = workspace();
    const hash = 'c'.repeat(64);
    writeFileSync(path.join(folder, 'a.md'), `---\nsource: a.txt\nfingerprint: ${hash}\n---\n# A\n`);
    writeFileSync(path.join(folder, 'b.md'), `---\nsource: b.txt\n---\nfingerprint: ${hash}\n`);
    expect(await recordedFingerprint(path.join(folder, 'a.md'))).toBe(hash);
    expect(await recordedFingerprint(path.join(folder, 'b.md'))).toBeUndefined();
    expect(await recordedFingerprint(path.join(folder, 'missing.md'))).toBeUndefined();
  });

  it('hash a file as sha256sum does, and say undefined for one that cannot be read', async () => {
    const file = path.join(workspace(), 'a.txt');
    writeFileSync(file, 'abc');
    expect(await fileSha256(file)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await fileSha256(`${file}.missing`)).toBeUndefined();
  });
});
