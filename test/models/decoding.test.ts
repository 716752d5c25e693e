import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherRows, type Seq2SeqSessions, type TensorType } from '../../src/models/decoding.js';
import { loadTranslator } from '../../src/models/transformers.js';
import { testModels } from '../support/test-models.js';

const greedy = { beams: 1, lengthRatio: 2, repetitionPenalty: 1, noRepeatNgram: 0 };

describe('decode on the generated Marian (real onnxruntime)', () => {
  it.each(['fp32', 'q8'])('gives each sentence of a batch (%s) what it gives alone, however long the other rows run', async (dtype) => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model: 'bitext-test/marian-tiny', dtype });
    try {
      // Rows end at different steps: the batch sheds them, in several rounds, while the longest goes on.
      const sources = [
        'Le maire parle avec les employés de la ville.',
        'Le chat mange.',
        'Un chien rouge voit la maison !',
        'Le chien.',
        'Le chat voit le chien et le maire voit la maison de la ville.',
        'La maison.',
      ];
      const alone = [];
      for (const source of sources) alone.push(...(await translator.translate([source], greedy)));
      expect(alone).toContain('the cat eats.');
      expect(await translator.translate(sources, greedy)).toEqual(alone);
      expect(await translator.translate(sources, { ...greedy, beams: 3 })).toEqual(alone);
    } finally {
      await dispose();
    }
  });

  it('stops each row at its own bound: a short source cannot run on because a long one shares its batch', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    try {
      const [long, short] = await translator.translate(['the mayor speaks with the employees of the city.', 'the cat eats.'], { ...greedy, lengthRatio: 1 });
      expect(short!.split(' ').length).toBeLessThan(long!.split(' ').length);
    } finally {
      await dispose();
    }
  });
});

describe('the decoding thread', () => {
  it('closes once the batch in progress is done, which still gets its answer', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model: 'bitext-test/marian-tiny', dtype: 'q8' });
    const pending = translator.translate(Array.from({ length: 64 }, () => 'Le maire parle avec les employés de la ville.'), greedy);
    await dispose();
    expect(new Set(await pending)).toEqual(new Set(['the mayor speaks with the employees of the city.']));
  });

  it('names what onnxruntime could not load, and ends', async () => {
    const directory = await testModels();
    const broken = mkdtempSync(path.join(tmpdir(), 'bitext-broken-'));
    cpSync(path.join(directory, 'bitext-test/marian-tiny'), path.join(broken, 'bitext-test/marian-tiny'), { recursive: true });
    writeFileSync(path.join(broken, 'bitext-test/marian-tiny/onnx/decoder_model_merged_quantized.onnx'), 'not a model');
    await expect(loadTranslator(broken, { model: 'bitext-test/marian-tiny', dtype: 'q8' })).rejects.toThrow(/could not be loaded: .*protobuf|could not be loaded: .*decoder_model_merged_quantized/i);
  });
});

describe('gatherRows', () => {
  const sessions = { tensor: (type: TensorType, data: unknown, dims: readonly number[]) => ({ type, data, dims }) } as unknown as Seq2SeqSessions;

  it('keeps, repeats and reorders rows of the first axis', () => {
    const tensor = { type: 'float32', data: Float32Array.of(1, 2, 3, 4, 5, 6), dims: [3, 1, 2] };
    const gathered = gatherRows(sessions, tensor, [2, 0, 0]);
    expect(gathered.dims).toEqual([3, 1, 2]);
    expect([...(gathered.data as Float32Array)]).toEqual([5, 6, 1, 2, 1, 2]);
    expect([...(gatherRows(sessions, { type: 'int64', data: BigInt64Array.of(7n, 8n), dims: [2, 1] }, [1]).data as BigInt64Array)]).toEqual([8n]);
  });
});
