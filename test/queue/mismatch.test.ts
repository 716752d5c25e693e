import { describe, expect, it } from 'vitest';
import { explainMismatch } from '../../src/queue/mismatch.js';
import type { Presence } from '../../src/queue/presence.js';

const parts: Presence['parts'] = {
  tool: 'bitext 0.2.0',
  stages: [{ name: 'read', options: { maxMegabytes: 20 } }, { name: 'translate', options: { model: 'Xenova/opus-mt-fr-en', beams: 1 } }],
  models: ['Xenova/opus-mt-fr-en (q8)\nconfig.json:1024:1700000000000\nonnx/encoder_model_quantized.onnx:52000000:1700000000000'],
  language: 'abc',
};

describe('why a worker would not write what the run would', () => {
  it('agrees with itself', () => {
    expect(explainMismatch(parts, structuredClone(parts))).toBeUndefined();
  });

  it.each([
    ['another version', { tool: 'bitext 0.3.0' }, 'the run is bitext 0.2.0, this worker bitext 0.3.0: run the same version of bitext everywhere'],
    ['another stage list', { stages: [parts.stages[0]] }, "the run's stages are read, translate; this worker's are read: give the worker the run's config"],
    ['another option', { stages: [parts.stages[0], { name: 'translate', options: { model: 'Xenova/opus-mt-fr-en', beams: 4 } }] }, "the run's translate stage has beams: 1, this worker's 4"],
    ['a model file copied without its time', { models: [parts.models[0]!.replace(/52000000:1700000000000/, '52000000:1800000000000')] },
      "the model Xenova/opus-mt-fr-en (q8)'s file onnx/encoder_model_quantized.onnx differs: 52,000,000 bytes, modified 2023-11-14T22:13:20.000Z for the run, 52,000,000 bytes, modified 2027-01-15T08:00:00.000Z here: share the models folder, or copy it keeping the files' times (rsync -a, cp -p)"],
    ['a model file missing', { models: [parts.models[0]!.replace(/onnx\/encoder_model_quantized\.onnx:.*/, 'onnx/encoder_model_quantized.onnx:missing')] }, 'for the run, missing here'],
    ['a glossary', { glossary: 'f00' }, 'the glossary differs (the run has none, this worker has one)'],
  ])('names %s', (_, change, reason) => {
    expect(explainMismatch(parts, { ...parts, ...change } as Presence['parts'])).toContain(reason);
  });
});
