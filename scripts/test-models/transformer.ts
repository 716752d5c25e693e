/**
 * Seq2seq transformer graphs with the architecture of Marian and BART (post-layer-norm encoder and decoder,
 * multi-head attention, feed-forward blocks, tied embeddings) and the inputs, outputs and KV cache of an Optimum
 * export: `encoder_model.onnx` and a merged decoder whose `use_cache_branch` chooses, through `If`, between the
 * cached cross-attention keys and values and computing them from `encoder_hidden_states`. Weights are seeded.
 */
import { float, Graph, int, ints } from './onnx-graph.js';
import { Random } from './random.js';

export interface TransformerShape {
  vocabSize: number;
  dModel: number;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  ffnDim: number;
  maxPositions: number;
  activation: 'swish' | 'gelu';
  /** Marian: fixed sinusoids; BART: learned, offset by 2. */
  positions: 'sinusoidal' | 'learned';
  positionOffset: number;
  scaleEmbedding: boolean;
  layernormEmbedding: boolean;
  seed: number;
}

const deviation = 0.02;

/** The weights of one model, shared by its encoder and decoder graphs. */
export class Weights {
  readonly #random: Random;
  readonly embedding: Float32Array;
  readonly positions: Float32Array;

  constructor(readonly shape: TransformerShape) {
    this.#random = new Random(shape.seed);
    this.embedding = this.#random.normal(shape.vocabSize * shape.dModel, deviation);
    this.positions = shape.positions === 'sinusoidal'
      ? sinusoids(shape.maxPositions + shape.positionOffset, shape.dModel)
      : this.#random.normal((shape.maxPositions + shape.positionOffset) * shape.dModel, deviation);
  }

  matrix(rows: number, columns: number): Float32Array {
    return this.#random.normal(rows * columns, deviation);
  }
}

export function encoderGraph(weights: Weights): Graph {
  const { shape } = weights;
  const graph = new Graph('encoder');
  const ids = graph.input('input_ids', 'int64', ['batch_size', 'encoder_sequence_length']);
  const mask = graph.input('attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']);
  const layers = new Layers(graph, weights);
  const length = layers.dimension(ids, 1);
  let hidden = layers.embed(ids, graph.scalar('zero', 0, 'int64'), length);
  const padding = layers.paddingMask(mask);
  for (let layer = 0; layer < shape.encoderLayers; layer++) {
    const attention = layers.attentionWeights();
    const query = layers.heads(layers.linear(hidden, attention.query));
    const key = layers.heads(layers.linear(hidden, attention.key));
    const value = layers.heads(layers.linear(hidden, attention.value));
    hidden = layers.norm(graph.op('Add', [hidden, layers.linear(layers.attend(query, key, value, padding), attention.output)]));
    hidden = layers.norm(graph.op('Add', [hidden, layers.feedForward(hidden)]));
  }
  graph.output('last_hidden_state', hidden, 'float32', ['batch_size', 'encoder_sequence_length', shape.dModel]);
  return graph;
}

export function decoderGraph(weights: Weights): Graph {
  const { shape } = weights;
  const headSize = shape.dModel / shape.heads;
  const graph = new Graph('decoder');
  const ids = graph.input('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']);
  const encoderMask = graph.input('encoder_attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']);
  const encoded = graph.input('encoder_hidden_states', 'float32', ['batch_size', 'encoder_sequence_length', shape.dModel]);
  const past = Array.from({ length: shape.decoderLayers }, (_, layer) => {
    const cache = (part: string, kind: string, length: string) =>
      graph.input(`past_key_values.${layer}.${part}.${kind}`, 'float32', ['batch_size', shape.heads, length, headSize]);
    return {
      key: cache('decoder', 'key', 'past_decoder_sequence_length'),
      value: cache('decoder', 'value', 'past_decoder_sequence_length'),
      crossKey: cache('encoder', 'key', 'encoder_sequence_length_out'),
      crossValue: cache('encoder', 'value', 'encoder_sequence_length_out'),
    };
  });
  const useCache = graph.input('use_cache_branch', 'bool', [1]);
  const layers = new Layers(graph, weights);

  const pastLength = layers.dimension(past[0]!.key, 2);
  const steps = layers.dimension(ids, 1);
  const total = graph.op('Add', [pastLength, steps]);
  let hidden = layers.embed(ids, pastLength, steps);

  // Causal: query i (at position pastLength + i) sees keys 0 … pastLength + i.
  const one = graph.scalar('one', 1, 'int64');
  const queryPositions = graph.op('Unsqueeze', [graph.op('Range', [pastLength, total, one]), graph.ints('axes', [1])]);
  const keyPositions = graph.op('Unsqueeze', [graph.op('Range', [graph.scalar('zero', 0, 'int64'), total, one]), graph.ints('axes', [0])]);
  const causal = graph.op('Where', [graph.op('LessOrEqual', [keyPositions, queryPositions]), graph.scalar('open', 0), graph.scalar('closed', -1e9)]);
  const padding = layers.paddingMask(encoderMask);

  const decoderWeights = Array.from({ length: shape.decoderLayers }, () => ({
    self: layers.attentionWeights(),
    cross: layers.attentionWeights(),
  }));

  // Cross-attention keys and values: from the cache once it exists, else from the encoder's output.
  const crossShape = ['batch_size', shape.heads, 'encoder_sequence_length_out', headSize];
  const reuse = graph.subgraph('reuse_cross_attention_cache');
  const compute = graph.subgraph('compute_cross_attention_cache');
  const computeLayers = new Layers(compute, weights, graph);
  // Each layer's branch gives the keys and values attention reads, then the ones output as `present.*.encoder.*`:
  // as Optimum merges a decoder with a decoder-with-past, the cached branch outputs empty constants there, and a
  // caller keeps the first step's.
  const empty = reuse.constant('empty_cache', 'float32', [0, shape.heads, 1, headSize], new Float32Array(0));
  past.forEach((cache, layer) => {
    const { key, value } = decoderWeights[layer]!.cross;
    const computed = [computeLayers.heads(computeLayers.linear(encoded, key)), computeLayers.heads(computeLayers.linear(encoded, value))];
    for (const [index, reused] of [cache.crossKey, cache.crossValue].entries()) {
      reuse.output(reuse.fresh('cross'), reuse.op('Identity', [reused]), 'float32', crossShape);
      compute.output(compute.fresh('cross'), compute.op('Identity', [computed[index]!]), 'float32', crossShape);
    }
    for (const computedValue of computed) {
      reuse.output(reuse.fresh('present'), reuse.op('Identity', [empty]), 'float32', crossShape);
      compute.output(compute.fresh('present'), compute.op('Identity', [computedValue]), 'float32', crossShape);
    }
  });
  const cross = graph.opMany('If', [useCache], 4 * shape.decoderLayers, { then_branch: { graph: reuse }, else_branch: { graph: compute } });

  past.forEach((cache, layer) => {
    const { self, cross: crossWeights } = decoderWeights[layer]!;
    const query = layers.heads(layers.linear(hidden, self.query));
    const key = graph.op('Concat', [cache.key, layers.heads(layers.linear(hidden, self.key))], { axis: int(2) });
    const value = graph.op('Concat', [cache.value, layers.heads(layers.linear(hidden, self.value))], { axis: int(2) });
    const selfShape = ['batch_size', shape.heads, 'past_decoder_sequence_length + 1', headSize];
    graph.output(`present.${layer}.decoder.key`, key, 'float32', selfShape);
    graph.output(`present.${layer}.decoder.value`, value, 'float32', selfShape);
    hidden = layers.norm(graph.op('Add', [hidden, layers.linear(layers.attend(query, key, value, causal), self.output)]));

    const [crossKey, crossValue, presentKey, presentValue] = cross.slice(4 * layer, 4 * layer + 4) as [string, string, string, string];
    graph.output(`present.${layer}.encoder.key`, presentKey, 'float32', crossShape);
    graph.output(`present.${layer}.encoder.value`, presentValue, 'float32', crossShape);
    const crossQuery = layers.heads(layers.linear(hidden, crossWeights.query));
    hidden = layers.norm(graph.op('Add', [hidden, layers.linear(layers.attend(crossQuery, crossKey, crossValue, padding), crossWeights.output)]));
    hidden = layers.norm(graph.op('Add', [hidden, layers.feedForward(hidden)]));
  });

  // Tied output projection: the transposed embedding, plus Marian's and BART's final logits bias.
  const transposed = transpose(weights.embedding, shape.vocabSize, shape.dModel);
  const projection = graph.constant('lm_head', 'float32', [shape.dModel, shape.vocabSize], transposed);
  const bias = graph.constant('final_logits_bias', 'float32', [shape.vocabSize], new Float32Array(shape.vocabSize));
  graph.output('logits', graph.op('Add', [graph.op('MatMul', [hidden, projection]), bias]), 'float32', ['batch_size', 'decoder_sequence_length', shape.vocabSize]);
  return graph;
}

interface Linear {
  weight: string;
  bias: string;
}

/** Building blocks; weights become initializers of the root graph, where subgraphs can read them. */
class Layers {
  readonly #root: Graph;
  readonly #headSize: number;
  #embedding?: string;
  #positions?: string;

  constructor(readonly graph: Graph, readonly weights: Weights, root?: Graph) {
    this.#root = root ?? graph;
    this.#headSize = weights.shape.dModel / weights.shape.heads;
  }

  dimension(value: string, axis: number): string {
    return this.graph.op('Gather', [this.graph.op('Shape', [value]), this.graph.scalar('axis', axis, 'int64')], { axis: int(0) });
  }

  embed(ids: string, start: string, length: string): string {
    const { graph, weights } = this;
    const { shape } = weights;
    this.#embedding ??= this.#root.constant('embed_tokens', 'float32', [shape.vocabSize, shape.dModel], weights.embedding);
    this.#positions ??= this.#root.constant('embed_positions', 'float32', [shape.maxPositions + shape.positionOffset, shape.dModel], weights.positions);
    let tokens = graph.op('Gather', [this.#embedding, ids]);
    if (shape.scaleEmbedding) tokens = graph.op('Mul', [tokens, graph.scalar('scale', Math.sqrt(shape.dModel))]);
    const offset = graph.scalar('offset', shape.positionOffset, 'int64');
    const first = graph.op('Add', [start, offset]);
    const positions = graph.op('Range', [first, graph.op('Add', [first, length]), graph.scalar('one', 1, 'int64')]);
    const hidden = graph.op('Add', [tokens, graph.op('Gather', [this.#positions, positions])]);
    return shape.layernormEmbedding ? this.norm(hidden) : hidden;
  }

  /** `[batch, length]` of 1/0 → an additive `[batch, 1, 1, length]` mask. */
  paddingMask(mask: string): string {
    const { graph } = this;
    const expanded = graph.op('Cast', [graph.op('Unsqueeze', [mask, graph.ints('axes', [1, 2])])], { to: int(1) });
    return graph.op('Mul', [graph.op('Sub', [graph.scalar('one', 1), expanded]), graph.scalar('closed', -1e9)]);
  }

  attentionWeights(): { query: Linear; key: Linear; value: Linear; output: Linear } {
    const size = this.weights.shape.dModel;
    return { query: this.#linear(size, size), key: this.#linear(size, size), value: this.#linear(size, size), output: this.#linear(size, size) };
  }

  linear(input: string, { weight, bias }: Linear): string {
    return this.graph.op('Add', [this.graph.op('MatMul', [input, weight]), bias]);
  }

  /** `[batch, length, dModel]` → `[batch, heads, length, headSize]`. */
  heads(value: string): string {
    const reshaped = this.graph.op('Reshape', [value, this.graph.ints('shape', [0, 0, this.weights.shape.heads, this.#headSize])]);
    return this.graph.op('Transpose', [reshaped], { perm: ints([0, 2, 1, 3]) });
  }

  attend(query: string, key: string, value: string, mask: string): string {
    const { graph } = this;
    const scaled = graph.op('Mul', [query, graph.scalar('scale', 1 / Math.sqrt(this.#headSize))]);
    const scores = graph.op('Add', [graph.op('MatMul', [scaled, graph.op('Transpose', [key], { perm: ints([0, 1, 3, 2]) })]), mask]);
    const context = graph.op('MatMul', [graph.op('Softmax', [scores], { axis: int(-1) }), value]);
    const merged = graph.op('Transpose', [context], { perm: ints([0, 2, 1, 3]) });
    return graph.op('Reshape', [merged, graph.ints('shape', [0, 0, this.weights.shape.dModel])]);
  }

  feedForward(input: string): string {
    const { dModel, ffnDim, activation } = this.weights.shape;
    const inner = this.linear(input, this.#linear(dModel, ffnDim));
    const activated = activation === 'swish'
      ? this.graph.op('Mul', [inner, this.graph.op('Sigmoid', [inner])])
      : this.graph.op('Mul', [this.graph.op('Mul', [inner, this.graph.scalar('half', 0.5)]),
        this.graph.op('Add', [this.graph.op('Erf', [this.graph.op('Div', [inner, this.graph.scalar('root_two', Math.SQRT2)])]), this.graph.scalar('one', 1)])]);
    return this.linear(activated, this.#linear(ffnDim, dModel));
  }

  norm(input: string): string {
    const size = this.weights.shape.dModel;
    const scale = this.#root.constant('norm_scale', 'float32', [size], new Float32Array(size).fill(1));
    const bias = this.#root.constant('norm_bias', 'float32', [size], new Float32Array(size));
    return this.graph.op('LayerNormalization', [input, scale, bias], { axis: int(-1), epsilon: float(1e-5) });
  }

  #linear(inputs: number, outputs: number): Linear {
    return {
      weight: this.#root.constant('weight', 'float32', [inputs, outputs], this.weights.matrix(inputs, outputs)),
      bias: this.#root.constant('bias', 'float32', [outputs], new Float32Array(outputs)),
    };
  }
}

function sinusoids(count: number, size: number): Float32Array {
  const table = new Float32Array(count * size);
  const half = size / 2;
  for (let position = 0; position < count; position++) {
    for (let index = 0; index < half; index++) {
      const angle = position / 10000 ** ((2 * index) / size);
      table[position * size + index] = Math.sin(angle);
      table[position * size + half + index] = Math.cos(angle);
    }
  }
  return table;
}

function transpose(matrix: Float32Array, rows: number, columns: number): Float32Array {
  const result = new Float32Array(matrix.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) result[column * rows + row] = matrix[row * columns + column]!;
  }
  return result;
}
