import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { decode, gatherRows, type DecodeOptions, type Seq2SeqSessions, type Tensor, type TensorType } from '../../src/models/decoding.js';
import { encodeModel, Graph, int } from '../../scripts/test-models/onnx-graph.js';
import { withChoice } from '../support/choice.js';
import type { Translation } from '../../src/models/provider.js';
import { loadSummarizer, loadTranslator } from '../../src/models/transformers.js';
import { testModels } from '../support/test-models.js';
import { temporaryFolder } from '../support/temporary.js';

const greedy = { beams: 1, lengthRatio: 2, repetitionPenalty: 1, noRepeatNgram: 0 };
const texts = (outputs: readonly Translation[]) => outputs.map((output) => output.text);

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
      for (const source of sources) alone.push(...texts(await translator.translate([source], greedy)));
      expect(alone).toContain('the cat eats.');
      expect(texts(await translator.translate(sources, greedy))).toEqual(alone);
      expect(texts(await translator.translate(sources, { ...greedy, beams: 3 }))).toEqual(alone);
    } finally {
      await dispose();
    }
  });

  it('stops each row at its own bound: a short source cannot run on because a long one shares its batch', async () => {
    const { model: translator, dispose } = await loadTranslator(await testModels(), { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    try {
      const [long, short] = texts(await translator.translate(['the mayor speaks with the employees of the city.', 'the cat eats.'], { ...greedy, lengthRatio: 1 }));
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
    expect(new Set(texts(await pending))).toEqual(new Set(['the mayor speaks with the employees of the city.']));
  });

  it('names what onnxruntime could not load, and ends', async () => {
    const directory = await testModels();
    const broken = temporaryFolder('bitext-broken');
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

/**
 * Sessions of a model over a vocabulary of `vocabulary` tokens that always prefers `favourite` next (a model that
 * never gives its end token, as real weights can, or as one whose config names no end token).
 */
function stubbornSessions(vocabulary: number, favourite: number): Seq2SeqSessions & { steps: number } {
  const tensor = (type: TensorType, data: unknown, dims: readonly number[]): Tensor => ({ type, data, dims });
  const sessions = {
    steps: 0,
    tensor,
    encoder: {
      inputNames: ['input_ids', 'attention_mask'],
      inputMetadata: [],
      run: async (feeds: Record<string, Tensor>) => ({ last_hidden_state: tensor('float32', new Float32Array(feeds['input_ids']!.dims[0]! * feeds['input_ids']!.dims[1]!), [...feeds['input_ids']!.dims, 1]) }),
    },
    decoder: {
      inputNames: ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask'],
      inputMetadata: [],
      run: async (feeds: Record<string, Tensor>) => {
        // A real run returns after a macrotask too; without one, a loop that never ends would starve the test's timeout.
        await new Promise(setImmediate);
        sessions.steps++;
        const rows = feeds['input_ids']!.dims[0]!;
        const logits = new Float32Array(rows * vocabulary);
        for (let row = 0; row < rows; row++) logits[row * vocabulary + favourite] = 5;
        return { logits: tensor('float32', logits, [rows, 1, vocabulary]) };
      },
    },
  };
  return sessions;
}

/**
 * The same stubborn model as ONNX graphs in real onnxruntime, its decoder with the choice: the encoder gives the source
 * ids as its states, and the decoder the same logits for every row, `favourite` highest.
 */
async function stubbornModel(vocabulary: number, favourite: number): Promise<Seq2SeqSessions & { steps: number }> {
  const encoder = new Graph('encoder');
  const ids = encoder.input('input_ids', 'int64', ['rows', 'width']);
  encoder.input('attention_mask', 'int64', ['rows', 'width']);
  encoder.output('last_hidden_state', encoder.op('Unsqueeze', [encoder.op('Cast', [ids], { to: int(1) }), encoder.ints('axes', [2])]), 'float32', ['rows', 'width', 1]);
  const decoder = new Graph('decoder');
  const next = decoder.input('input_ids', 'int64', ['rows', 1]);
  decoder.input('encoder_hidden_states', 'float32', ['rows', 'width', 1]);
  decoder.input('encoder_attention_mask', 'int64', ['rows', 'width']);
  const row = Float32Array.from({ length: vocabulary }, (_, token) => (token === favourite ? 5 : 0));
  const shape = decoder.op('Concat', [decoder.op('Shape', [next]), decoder.ints('vocabulary', [vocabulary])], { axis: int(0) });
  decoder.output('logits', decoder.op('Expand', [decoder.constant('row', 'float32', [1, 1, vocabulary], row), shape]), 'float32', ['rows', 1, vocabulary]);
  const decoderModel = encodeModel(decoder);
  const [encoderSession, decoderSession] = await Promise.all([InferenceSession.create(encodeModel(encoder)), InferenceSession.create(await withChoice(decoderModel))]);
  const sessions = {
    steps: 0,
    tensor: (type: TensorType, data: unknown, dims: readonly number[]) => new OrtTensor(type, data as never, dims) as Tensor,
    encoder: encoderSession,
    decoder: Object.assign(Object.create(decoderSession) as InferenceSession, {
      run: (feeds: Record<string, Tensor>, fetches: readonly string[]) => {
        sessions.steps++;
        return decoderSession.run(feeds as never, fetches);
      },
    }),
  };
  return sessions;
}

describe('decode within the model\'s length limit', () => {
  const options: DecodeOptions = {
    beams: 1, startId: 1, padId: 1, maxLength: 8, bounds: [], banned: [], endIds: new Set(), repetitionPenalty: 1, noRepeatNgram: 0, lengthPenalty: 1, earlyStopping: false, renormalize: false,
  };
  const sources = [[3, 2], [3, 3, 3, 2]];

  const stubborn: [string, (vocabulary: number, favourite: number) => Promise<Seq2SeqSessions & { steps: number }> | Seq2SeqSessions & { steps: number }][] = [
    ['chosen in JavaScript', stubbornSessions],
    ['chosen in the graph', stubbornModel],
  ];
  it.each(([
    ['greedy, no end token', { beams: 1 }],
    ['beam search, no end token', { beams: 3 }],
    ['greedy, an end token never given', { beams: 1, endIds: new Set([2]) }],
    ['beam search, an end token never given', { beams: 3, endIds: new Set([2]) }],
  ] as [string, Partial<DecodeOptions>][]).flatMap(([name, rules]) => stubborn.map(([way, make]) => [`${name}, ${way}`, rules, make] as const)))('ends each row at the limit whatever the bounds say (%s)', { timeout: 5_000 }, async (_, rules, make) => {
    const sessions = await make(5, 4);
    const outputs = await decode(sessions, sources, { ...options, ...rules, bounds: [{ least: 0, most: 1e9 }, { least: 0, most: 3 }] });
    // Eight positions: the start token and seven generated; the second row stops at its own, lower bound.
    expect(outputs).toEqual([[4, 4, 4, 4, 4, 4, 4], [4, 4, 4]]);
    expect(sessions.steps).toBe(8);
  });

  it.each([0, 1.5, Number.NaN])('refuses a length limit of %s rather than decoding without one', async (maxLength) => {
    await expect(decode(stubbornSessions(5, 4), sources, { ...options, maxLength, bounds: [{ least: 0, most: 3 }, { least: 0, most: 3 }] })).rejects.toThrow(/length limit, a whole number from 1 up/);
  });
});

describe('a generated model asked for more than its positions (real onnxruntime)', () => {
  // bart-tiny reads 128 positions; its learned position embeddings have no row past them.
  it('translates to at most 127 tokens when forced lengths ask for 500', { timeout: 10_000 }, async () => {
    const { model: bart, dispose } = await loadTranslator(await testModels(), { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    try {
      const [output] = texts(await bart.translate(['the cat eats.'], greedy, [500]));
      // 127 tokens, the forced `<s>` first (a special token, not shown, as may be others).
      expect(output!.split(' ').length).toBeGreaterThan(100);
      expect(output!.split(' ').length).toBeLessThanOrEqual(126);
    } finally {
      await dispose();
    }
  });

  it('summarizes within the positions when `maxTokens` is above them and the model never ends', { timeout: 10_000 }, async () => {
    // Without its repeated-trigram guard, the untrained BART says `to` until it is stopped.
    const directory = temporaryFolder('bitext-endless');
    const folder = path.join(directory, 'bitext-test/bart-tiny');
    cpSync(path.join(await testModels(), 'bitext-test/bart-tiny'), folder, { recursive: true });
    const generation = JSON.parse(readFileSync(path.join(folder, 'generation_config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(folder, 'generation_config.json'), JSON.stringify({ ...generation, no_repeat_ngram_size: 0 }));
    const { model: bart, dispose } = await loadSummarizer(directory, { model: 'bitext-test/bart-tiny', dtype: 'fp32' });
    try {
      const [summary] = await bart.summarize(['the mayor speaks with the employees of the city.'], { beams: 1, maxTokens: 1000 });
      expect(summary!.split(' ').length).toBeGreaterThan(100);
      expect(summary!.split(' ').length).toBeLessThanOrEqual(126);
    } finally {
      await dispose();
    }
  });
});
