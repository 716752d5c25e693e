/**
 * bitext's beam search against a reference beam search written after Hugging Face's `_beam_search`
 * (`test/support/reference-beam-search.ts`): Transformers.js v4's `num_beams` is greedy search, so it cannot be the
 * reference for beams (`against-transformers.test.ts` shows that it is).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecoderThread } from '../../src/models/decoder-client.js';
import { decode, type DecodeOptions, type Seq2SeqSessions, type Tensor, type TensorType } from '../../src/models/decoding.js';
import { seq2seqSessionFiles } from '../../src/models/files.js';
import { readModelConfig, type DecodingRules } from '../../src/models/model-config.js';
import { Random } from '../../scripts/test-models/random.js';
import { referenceBeamSearch, type NextLogits, type ReferenceConfig } from '../support/reference-beam-search.js';
import { testModels } from '../support/test-models.js';

/** The reference's config for bitext's rules, beam width and an input's bounds (`most` tokens before the end token). */
function referenceConfig(rules: DecodeOptions, most: number): ReferenceConfig {
  return {
    num_beams: rules.beams,
    decoder_start_token_id: rules.startId,
    eos_token_id: [...rules.endIds][0]!,
    max_length: most + 2,
    min_length: rules.bounds[0]!.least + 1,
    no_repeat_ngram_size: rules.noRepeatNgram,
    repetition_penalty: rules.repetitionPenalty,
    bad_words_ids: rules.banned.map((token) => [token]),
    ...(rules.forcedFirst === undefined ? {} : { forced_bos_token_id: rules.forcedFirst }),
    forced_eos_token_id: [...rules.endIds][0]!,
    length_penalty: rules.lengthPenalty,
    early_stopping: rules.earlyStopping,
    renormalize_logits: rules.renormalize,
  };
}

// A constructed model over 16 tokens (0 ends, 1 starts and pads): seeded logits for each source and prefix, the end
// token likelier as the output grows, so that outputs end at different lengths and beams finish at different steps.
const vocabulary = 16;
function constructedLogits(source: readonly number[], prefix: readonly number[]): Float32Array {
  let seed = 2166136261;
  for (const value of [...source, -1, ...prefix]) seed = Math.imul(seed ^ (value + 7), 16777619);
  const logits = new Random(seed).normal(vocabulary, 2.5);
  logits[0] = logits[0]! + (prefix.length - 8) / 2;
  return logits;
}

/**
 * Sessions of the constructed model in the Optimum layout: the encoder's output holds the source ids, and the
 * decoder's cache holds the tokens fed so far, so a row whose cache the loop reorders or drops wrongly gets other
 * logits.
 */
function constructedSessions(): Seq2SeqSessions {
  const tensor = (type: TensorType, data: unknown, dims: readonly number[]): Tensor => ({ type, data, dims });
  return {
    tensor,
    encoder: {
      inputNames: ['input_ids', 'attention_mask'],
      inputMetadata: [],
      run: async (feeds) => ({ last_hidden_state: tensor('float32', Float32Array.from(feeds['input_ids']!.data as BigInt64Array, Number), [...feeds['input_ids']!.dims, 1]) }),
    },
    decoder: {
      inputNames: ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask', 'past_key_values.0.decoder.key'],
      inputMetadata: [{ name: 'past_key_values.0.decoder.key', type: 'float32', shape: ['batch_size', 1, 'past_decoder_sequence_length', 1] }],
      run: async (feeds) => {
        const [rows, width] = feeds['encoder_attention_mask']!.dims as [number, number];
        const past = feeds['past_key_values.0.decoder.key']!;
        const pastLength = past.dims[2]!;
        const fed = feeds['input_ids']!.data as BigInt64Array;
        const present = new Float32Array(rows * (pastLength + 1));
        const logits = new Float32Array(rows * vocabulary);
        for (let row = 0; row < rows; row++) {
          const prefix = [...(past.data as Float32Array).subarray(row * pastLength, (row + 1) * pastLength), Number(fed[row])];
          present.set(prefix, row * (pastLength + 1));
          const mask = (feeds['encoder_attention_mask']!.data as BigInt64Array).subarray(row * width, (row + 1) * width);
          const source = [...(feeds['encoder_hidden_states']!.data as Float32Array).subarray(row * width, (row + 1) * width)].filter((_, column) => mask[column]);
          logits.set(constructedLogits(source, prefix), row * vocabulary);
        }
        return { logits: tensor('float32', logits, [rows, 1, vocabulary]), 'present.0.decoder.key': tensor('float32', present, [rows, 1, pastLength + 1, 1]) };
      },
    },
  };
}

describe('beam search on a constructed model, against the reference', () => {
  const sources = [[5, 6, 0], [7, 8, 9, 10, 11, 0], [12, 0], [13, 14, 15, 5, 0], [6, 6, 0]];
  const base: DecodeOptions = {
    beams: 3, startId: 1, padId: 1, maxLength: 64, bounds: [], banned: [1], endIds: new Set([0]),
    repetitionPenalty: 1, noRepeatNgram: 0, lengthPenalty: 1, earlyStopping: false, renormalize: false,
  };
  const cases: [string, Partial<DecodeOptions>, number][] = [
    ['3 beams', {}, 0],
    ['3 beams, renormalized after the rules', { renormalize: true, banned: [1, 3, 4, 5] }, 0],
    ['2 beams and a repetition penalty (on log-probabilities)', { beams: 2, repetitionPenalty: 1.8 }, 0],
    ['4 beams, no repeated bigram, a least length, a forced first token', { beams: 4, noRepeatNgram: 2, forcedFirst: 2 }, 9],
    ['4 beams, length penalty 2, early stopping (distilbart-cnn’s)', { beams: 4, lengthPenalty: 2, earlyStopping: true, noRepeatNgram: 3 }, 5],
    ['5 beams, length penalty 0.5, everything at once', { beams: 5, lengthPenalty: 0.5, repetitionPenalty: 1.3, noRepeatNgram: 3, renormalize: true, forcedFirst: 2 }, 4],
  ];

  it.each(cases)('%s: the same tokens for every input of a batch', async (_, rules, least) => {
    const options: DecodeOptions = { ...base, ...rules, bounds: sources.map(() => ({ least, most: 20 })) };
    const ours = await decode(constructedSessions(), sources, options);
    const reference = await Promise.all(sources.map((source) => referenceBeamSearch((tokens) => constructedLogits(source, tokens), referenceConfig(options, 20))));
    expect(ours).toEqual(reference);
    // The case is one where beams matter: greedy search gives another output for some input.
    expect(await decode(constructedSessions(), sources, { ...options, beams: 1 })).not.toEqual(ours);
  });

  it.each<[string, Partial<DecodeOptions>, Partial<DecodeOptions>]>([
    ['renormalizing', { renormalize: true, banned: [1, 3, 4, 5] }, { banned: [1, 3, 4, 5] }],
    ['the repetition penalty', { beams: 2, repetitionPenalty: 1.8 }, { beams: 2 }],
    ['the length penalty', { lengthPenalty: 3 }, {}],
  ])('is a case where %s changes an output, so that the comparison above can tell', async (_, rules, without) => {
    const options: DecodeOptions = { ...base, bounds: sources.map(() => ({ least: 0, most: 20 })) };
    expect(await decode(constructedSessions(), sources, { ...options, ...rules })).not.toEqual(await decode(constructedSessions(), sources, { ...options, ...without }));
  });
});

describe('beam search on the generated BART (real onnxruntime), against the reference', () => {
  const model = 'bitext-test/bart-tiny';
  let rules: DecodingRules;
  let configFiles: ReferenceConfig;
  let thread: DecoderThread;
  let encoder: InferenceSession;
  let decoder: InferenceSession;
  beforeAll(async () => {
    const directory = await testModels();
    const folder = path.join(directory, model);
    const { env } = await import('@huggingface/transformers');
    Object.assign(env, { allowRemoteModels: false, localModelPath: `${directory}/` });
    const files = seq2seqSessionFiles('fp32');
    rules = (await readModelConfig(folder, 'summarization')).rules!;
    const [config, generation] = ['config.json', 'generation_config.json'].map((file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Partial<ReferenceConfig>);
    // `generate()`'s defaults for the keys a config leaves out.
    const defaults = { min_length: 0, no_repeat_ngram_size: 0, repetition_penalty: 1, bad_words_ids: [], length_penalty: 1, early_stopping: false, renormalize_logits: false };
    configFiles = { ...defaults, ...config, ...generation } as ReferenceConfig;
    thread = await DecoderThread.start({ encoder: path.join(folder, files.encoder), decoder: path.join(folder, files.decoder), threads: 1, label: model });
    [encoder, decoder] = await Promise.all([InferenceSession.create(path.join(folder, files.encoder)), InferenceSession.create(path.join(folder, files.decoder))]);
  });
  afterAll(async () => {
    await thread?.close();
    await Promise.all([encoder?.release(), decoder?.release()]);
  });

  /** The decoder's logits for the token after `tokens`, computed from the whole sequence without a cache. */
  async function uncachedLogits(source: readonly number[]): Promise<NextLogits> {
    const ids = new OrtTensor('int64', BigInt64Array.from(source, BigInt), [1, source.length]);
    const mask = new OrtTensor('int64', new BigInt64Array(source.length).fill(1n), [1, source.length]);
    const { last_hidden_state: hidden } = await encoder.run({ input_ids: ids, attention_mask: mask });
    const empty = Object.fromEntries(decoder.inputNames.filter((name) => name.startsWith('past_key_values.')).map((name) => {
      const { shape } = decoder.inputMetadata.find((input) => input.name === name) as unknown as { shape: readonly (number | string)[] };
      return [name, new OrtTensor('float32', new Float32Array(0), shape.map((dim, axis) => (axis === 0 ? 1 : typeof dim === 'number' ? dim : 0)))];
    }));
    return async (tokens) => {
      const feeds = { ...empty, input_ids: new OrtTensor('int64', BigInt64Array.from(tokens, BigInt), [1, tokens.length]), encoder_hidden_states: hidden!, encoder_attention_mask: mask, use_cache_branch: new OrtTensor('bool', Uint8Array.of(0), [1]) };
      const { logits } = await decoder.run(feeds);
      const vocabularySize = logits!.dims.at(-1)!;
      return (logits!.data as Float32Array).slice((tokens.length - 1) * vocabularySize);
    };
  }

  // The reference reads the model's config files itself, generation config over config, as `generate()` does.
  it.each([
    ['its own config (2 beams, length penalty 2, no repeated trigram, least length 4, not renormalized)', {}, {}],
    ['4 beams and early stopping', { beams: 4, earlyStopping: true }, { num_beams: 4, early_stopping: true }],
    ['3 beams and a repetition penalty', { beams: 3, repetitionPenalty: 1.5 }, { num_beams: 3, repetition_penalty: 1.5 }],
  ])('%s: the same tokens, batched, as the reference one sequence at a time', async (_, settings, keys) => {
    const texts = ['the mayor speaks with the employees of the city .', 'the cat eats .', 'a red dog sees the big house .'];
    const { AutoTokenizer } = await import('@huggingface/transformers');
    const tokenizer = await AutoTokenizer.from_pretrained(model, { local_files_only: true });
    const sources = texts.map((text) => tokenizer.encode(text));
    const options: DecodeOptions = { ...rules, ...settings, bounds: sources.map(() => ({ least: rules.least, most: 30 })) };
    const config = { ...configFiles, max_length: 32, ...keys };
    const reference = [];
    for (const source of sources) reference.push(await referenceBeamSearch(await uncachedLogits(source), config));
    expect(await thread.decode(sources, options)).toEqual(reference);
  });
});
