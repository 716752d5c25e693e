import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseStages } from '../../src/pipeline/choose.js';
import { articleFingerprint, runFingerprint } from '../../src/runner/fingerprint.js';
import { workspace } from '../support/workspace.js';

const stages = (beams = 1) => chooseStages(['read', 'detect-language', 'translate'], [], { translate: { model: 'owner/name', beams } });

describe('fingerprints', () => {
  it('change with a stage option and with a model file, and only then', async () => {
    const models = workspace();
    const folder = path.join(models, 'owner/name/onnx');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'encoder_model_quantized.onnx'), 'weights');
    const first = await runFingerprint(stages(), models);
    expect(await runFingerprint(stages(), models)).toBe(first);
    expect(await runFingerprint(stages(4), models)).not.toBe(first);
    writeFileSync(path.join(folder, 'encoder_model_quantized.onnx'), 'other weights');
    expect(await runFingerprint(stages(), models)).not.toBe(first);
    expect(articleFingerprint(first, 'a'.repeat(64))).not.toBe(articleFingerprint(first, 'b'.repeat(64)));
  });
});
