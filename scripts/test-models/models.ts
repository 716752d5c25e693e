/**
 * Writes the test models in the Transformers.js layout under `<directory>/bitext-test/`:
 * - `marian-tiny`: a word-by-word French → English Marian with constructed weights (exact output known);
 * - `bart-tiny`: a small BART with seeded weights (stable greedy output);
 * - `marian-full`: a Marian with the real shapes, vocabulary and SentencePiece models (`source.spm` for its tokenizer,
 *   `target.spm` beside it) of `Xenova/opus-mt-fr-en`, seeded weights.
 * Each has `onnx/{encoder_model,decoder_model_merged}.onnx` and their dynamically quantized `_quantized` twins.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeModel, type Graph } from './onnx-graph.js';
import { quantizeDynamic } from './quantize.js';
import { readSentencePieces, unigramTokenizer } from '../../src/models/sentencepiece.js';
import { wordLevelTokenizer } from './tokenizer.js';
import { decoderGraph, encoderGraph, Weights, type TransformerShape } from './transformer.js';
import * as wordByWord from './word-by-word.js';

export const testModelIds = { marianTiny: 'bitext-test/marian-tiny', bartTiny: 'bitext-test/bart-tiny', marianFull: 'bitext-test/marian-full' };

async function writeModel(folder: string, files: Record<string, object>, graphs: { encoder: Graph; decoder: Graph }): Promise<void> {
  await mkdir(path.join(folder, 'onnx'), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder, name), `${JSON.stringify(content, null, 2)}\n`);
  for (const [name, graph] of [['encoder_model', graphs.encoder], ['decoder_model_merged', graphs.decoder]] as const) {
    await writeFile(path.join(folder, 'onnx', `${name}.onnx`), encodeModel(graph));
    quantizeDynamic(graph);
    await writeFile(path.join(folder, 'onnx', `${name}_quantized.onnx`), encodeModel(graph));
  }
}

function marianConfig(vocabSize: number, shape: Omit<TransformerShape, 'vocabSize' | 'seed' | 'activation' | 'positions' | 'positionOffset' | 'scaleEmbedding' | 'layernormEmbedding'>, pad: number) {
  return {
    'config.json': {
      model_type: 'marian', architectures: ['MarianMTModel'], is_encoder_decoder: true, activation_function: 'swish',
      d_model: shape.dModel, encoder_layers: shape.encoderLayers, decoder_layers: shape.decoderLayers,
      encoder_attention_heads: shape.heads, decoder_attention_heads: shape.heads,
      encoder_ffn_dim: shape.ffnDim, decoder_ffn_dim: shape.ffnDim, max_position_embeddings: shape.maxPositions,
      vocab_size: vocabSize, decoder_vocab_size: vocabSize, pad_token_id: pad, eos_token_id: 0, bos_token_id: 0,
      decoder_start_token_id: pad, forced_eos_token_id: 0, scale_embedding: true, static_position_embeddings: true,
      normalize_before: false, share_encoder_decoder_embeddings: true, use_cache: true,
    },
    'generation_config.json': {
      bad_words_ids: [[pad]], bos_token_id: 0, decoder_start_token_id: pad, eos_token_id: 0, forced_eos_token_id: 0,
      max_length: shape.maxPositions, num_beams: 4, pad_token_id: pad, renormalize_logits: true,
    },
    'tokenizer_config.json': {
      tokenizer_class: 'MarianTokenizer', eos_token: '</s>', unk_token: '<unk>', pad_token: '<pad>',
      // No source_lang/target_lang: with a word-level tokenizer.json, Transformers.js would read them as vocabulary keys.
      model_max_length: shape.maxPositions, clean_up_tokenization_spaces: true,
    },
  };
}

/** The constructed word-by-word Marian. */
export async function writeMarianTiny(directory: string): Promise<string> {
  const folder = path.join(directory, testModelIds.marianTiny);
  const vocab = wordByWord.vocabulary();
  const files = marianConfig(vocab.length, { dModel: vocab.length, encoderLayers: 1, decoderLayers: 1, heads: 1, ffnDim: vocab.length, maxPositions: 64 }, vocab.length - 1);
  await writeModel(folder, { ...files, 'tokenizer.json': wordLevelTokenizer(vocab, wordByWord.special) }, {
    encoder: wordByWord.encoderGraph(vocab.length),
    decoder: wordByWord.decoderGraph(vocab),
  });
  return folder;
}

/** A small BART with seeded weights, for the abstractive summarizer's tests. */
export async function writeBartTiny(directory: string): Promise<string> {
  const folder = path.join(directory, testModelIds.bartTiny);
  const special = { bos: '<s>', pad: '<pad>', eos: '</s>', unk: '<unk>' };
  const words = [...new Set(Object.values(wordByWord.dictionary))].sort();
  const vocab = [special.bos, special.pad, special.eos, special.unk, ...words];
  const shape: TransformerShape = {
    vocabSize: vocab.length, dModel: 16, encoderLayers: 2, decoderLayers: 2, heads: 2, ffnDim: 32, maxPositions: 128,
    activation: 'gelu', positions: 'learned', positionOffset: 2, scaleEmbedding: false, layernormEmbedding: true, seed: 7,
  };
  const weights = new Weights(shape);
  await writeModel(folder, {
    'config.json': {
      model_type: 'bart', architectures: ['BartForConditionalGeneration'], is_encoder_decoder: true, activation_function: 'gelu',
      d_model: shape.dModel, encoder_layers: shape.encoderLayers, decoder_layers: shape.decoderLayers,
      encoder_attention_heads: shape.heads, decoder_attention_heads: shape.heads, encoder_ffn_dim: shape.ffnDim,
      decoder_ffn_dim: shape.ffnDim, max_position_embeddings: shape.maxPositions, vocab_size: vocab.length,
      bos_token_id: 0, pad_token_id: 1, eos_token_id: 2, decoder_start_token_id: 2, forced_bos_token_id: 0,
      forced_eos_token_id: 2, scale_embedding: false, normalize_before: false, use_cache: true,
    },
    'generation_config.json': {
      bos_token_id: 0, decoder_start_token_id: 2, eos_token_id: 2, forced_bos_token_id: 0, forced_eos_token_id: 2,
      pad_token_id: 1, max_length: 64, min_length: 4, no_repeat_ngram_size: 3, num_beams: 2, length_penalty: 2,
    },
    'tokenizer_config.json': {
      tokenizer_class: 'BartTokenizer', bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', pad_token: '<pad>',
      model_max_length: shape.maxPositions, clean_up_tokenization_spaces: true,
    },
    'tokenizer.json': wordLevelTokenizer(vocab, special),
  }, { encoder: encoderGraph(weights), decoder: decoderGraph(weights) });
  return folder;
}

/** A Marian with the shapes of the real `Xenova/opus-mt-fr-en`, read from its `config.json`, and seeded weights. */
export async function writeMarianFull(directory: string, reference: string): Promise<string> {
  const folder = path.join(directory, testModelIds.marianFull);
  const config = JSON.parse(await readFile(path.join(reference, 'config.json'), 'utf8')) as Record<string, number>;
  const vocab = JSON.parse(await readFile(path.join(reference, 'vocab.json'), 'utf8')) as Record<string, number>;
  const sourcePieces = readSentencePieces(await readFile(path.join(reference, 'source.spm')));
  const shape: TransformerShape = {
    vocabSize: config.vocab_size!, dModel: config.d_model!, encoderLayers: config.encoder_layers!, decoderLayers: config.decoder_layers!,
    heads: config.encoder_attention_heads!, ffnDim: config.encoder_ffn_dim!, maxPositions: config.max_position_embeddings!,
    activation: 'swish', positions: 'sinusoidal', positionOffset: 0, scaleEmbedding: true, layernormEmbedding: false, seed: 11,
  };
  const pad = config.pad_token_id!;
  const files = marianConfig(shape.vocabSize, shape, pad);
  const weights = new Weights(shape);
  // The real segmentation: SentencePiece Unigram with source.spm's scores, numbered by vocab.json (as MarianTokenizer).
  await writeModel(folder, { ...files, 'tokenizer.json': unigramTokenizer(vocab, sourcePieces, wordByWord.special) }, {
    encoder: encoderGraph(weights),
    decoder: decoderGraph(weights),
  });
  // The English side's SentencePiece model, as the Hub's repository has it: glossary terms are segmented with it.
  await copyFile(path.join(reference, 'target.spm'), path.join(folder, 'target.spm'));
  return folder;
}
