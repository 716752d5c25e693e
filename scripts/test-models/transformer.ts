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

/**
 * The merged decoder as Optimum builds it: one `If` on `use_cache_branch` whose branches are whole decoders, the
 * first step's (self-attention over the new tokens only, cross-attention keys and values computed from
 * `encoder_hidden_states`) and the cached one's (self-attention over the past too, cross-attention from the cache,
 * and empty constants where the first step outputs `present.*.encoder.*`: the merge fills them so). Weights are
 * initializers of the root graph, shared by both branches.
 */
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
  // Drawn in the order the seeded weights always were: attention for every layer, then each layer's feed-forward.
  const decoderWeights = Array.from({ length: shape.decoderLayers }, () => ({ self: layers.attentionWeights(), cross: layers.attentionWeights() }));
  const feedForwardWeights = decoderWeights.map(() => layers.feedForwardWeights());
  // Tied output projection: the transposed embedding, plus Marian's and BART's final logits bias.
  const projection = graph.constant('lm_head', 'float32', [shape.dModel, shape.vocabSize], transpose(weights.embedding, shape.vocabSize, shape.dModel));
  const logitsBias = graph.constant('final_logits_bias', 'float32', [shape.vocabSize], new Float32Array(shape.vocabSize));

  const selfShape = ['batch_size', shape.heads, 'past_decoder_sequence_length + 1', headSize];
  const crossShape = ['batch_size', shape.heads, 'encoder_sequence_length_out', headSize];
  const outputs = [
    { name: 'logits', shape: ['batch_size', 'decoder_sequence_length', shape.vocabSize] },
    ...past.flatMap((_, layer) => [
      { name: `present.${layer}.decoder.key`, shape: selfShape },
      { name: `present.${layer}.decoder.value`, shape: selfShape },
      { name: `present.${layer}.encoder.key`, shape: crossShape },
      { name: `present.${layer}.encoder.value`, shape: crossShape },
    ]),
  ];

  const branch = (name: string, cached: boolean): Graph => {
    const body = graph.subgraph(name);
    const bodyLayers = layers.in(body);
    const pastLength = cached ? bodyLayers.dimension(past[0]!.key, 2) : body.scalar('zero', 0, 'int64');
    const steps = bodyLayers.dimension(ids, 1);
    const total = body.op('Add', [pastLength, steps]);
    let hidden = bodyLayers.embed(ids, pastLength, steps);
    // Causal: query i (at position pastLength + i) sees keys 0 … pastLength + i.
    const one = body.scalar('one', 1, 'int64');
    const queryPositions = body.op('Unsqueeze', [body.op('Range', [pastLength, total, one]), body.ints('axes', [1])]);
    const keyPositions = body.op('Unsqueeze', [body.op('Range', [body.scalar('zero', 0, 'int64'), total, one]), body.ints('axes', [0])]);
    const causal = body.op('Where', [body.op('LessOrEqual', [keyPositions, queryPositions]), body.scalar('open', 0), body.scalar('closed', -1e9)]);
    const padding = bodyLayers.paddingMask(encoderMask);
    const presents: string[] = [];
    past.forEach((cache, layer) => {
      const { self, cross } = decoderWeights[layer]!;
      const query = bodyLayers.heads(bodyLayers.linear(hidden, self.query));
      let key = bodyLayers.heads(bodyLayers.linear(hidden, self.key));
      let value = bodyLayers.heads(bodyLayers.linear(hidden, self.value));
      if (cached) {
        key = body.op('Concat', [cache.key, key], { axis: int(2) });
        value = body.op('Concat', [cache.value, value], { axis: int(2) });
      }
      hidden = bodyLayers.norm(body.op('Add', [hidden, bodyLayers.linear(bodyLayers.attend(query, key, value, causal), self.output)]));
      const crossKey = cached ? cache.crossKey : bodyLayers.heads(bodyLayers.linear(encoded, cross.key));
      const crossValue = cached ? cache.crossValue : bodyLayers.heads(bodyLayers.linear(encoded, cross.value));
      const crossQuery = bodyLayers.heads(bodyLayers.linear(hidden, cross.query));
      hidden = bodyLayers.norm(body.op('Add', [hidden, bodyLayers.linear(bodyLayers.attend(crossQuery, crossKey, crossValue, padding), cross.output)]));
      hidden = bodyLayers.norm(body.op('Add', [hidden, bodyLayers.feedForward(hidden, feedForwardWeights[layer]!)]));
      const empty = () => body.op('Identity', [body.constant('empty_cache', 'float32', [0, shape.heads, 1, headSize], new Float32Array(0))]);
      presents.push(key, value, cached ? empty() : crossKey, cached ? empty() : crossValue);
    });
    const logits = body.op('Add', [body.op('MatMul', [hidden, projection]), logitsBias]);
    // Outputs named after the values that make them: no copy through Identity.
    [logits, ...presents].forEach((value, index) => body.output(value, value, 'float32', outputs[index]!.shape));
    return body;
  };

  graph.nodes.push({
    op: 'If',
    inputs: [useCache],
    outputs: outputs.map((output) => output.name),
    attributes: { then_branch: { graph: branch('with_past', true) }, else_branch: { graph: branch('no_past', false) } },
  });
  for (const output of outputs) graph.output(output.name, output.name, 'float32', output.shape);
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
  readonly #tables: { embedding?: string; positions?: string };

  constructor(readonly graph: Graph, readonly weights: Weights, root?: Graph, tables: { embedding?: string; positions?: string } = {}) {
    this.#root = root ?? graph;
    this.#headSize = weights.shape.dModel / weights.shape.heads;
    this.#tables = tables;
  }

  /** The same building blocks writing into `subgraph`, sharing this one's weights and embedding tables. */
  in(subgraph: Graph): Layers {
    return new Layers(subgraph, this.weights, this.#root, this.#tables);
  }

  dimension(value: string, axis: number): string {
    return this.graph.op('Gather', [this.graph.op('Shape', [value]), this.graph.scalar('axis', axis, 'int64')], { axis: int(0) });
  }

  embed(ids: string, start: string, length: string): string {
    const { graph, weights } = this;
    const { shape } = weights;
    const tables = this.#tables;
    tables.embedding ??= this.#root.constant('embed_tokens', 'float32', [shape.vocabSize, shape.dModel], weights.embedding);
    tables.positions ??= this.#root.constant('embed_positions', 'float32', [shape.maxPositions + shape.positionOffset, shape.dModel], weights.positions);
    let tokens = graph.op('Gather', [tables.embedding, ids]);
    if (shape.scaleEmbedding) tokens = graph.op('Mul', [tokens, graph.scalar('scale', Math.sqrt(shape.dModel))]);
    const offset = graph.scalar('offset', shape.positionOffset, 'int64');
    const first = graph.op('Add', [start, offset]);
    const positions = graph.op('Range', [first, graph.op('Add', [first, length]), graph.scalar('one', 1, 'int64')]);
    const hidden = graph.op('Add', [tokens, graph.op('Gather', [tables.positions, positions])]);
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

  feedForwardWeights(): { inner: Linear; outer: Linear } {
    const { dModel, ffnDim } = this.weights.shape;
    return { inner: this.#linear(dModel, ffnDim), outer: this.#linear(ffnDim, dModel) };
  }

  feedForward(input: string, weights = this.feedForwardWeights()): string {
    const { activation } = this.weights.shape;
    const inner = this.linear(input, weights.inner);
    const activated = activation === 'swish'
      ? this.graph.op('Mul', [inner, this.graph.op('Sigmoid', [inner])])
      : this.graph.op('Mul', [this.graph.op('Mul', [inner, this.graph.scalar('half', 0.5)]),
        this.graph.op('Add', [this.graph.op('Erf', [this.graph.op('Div', [inner, this.graph.scalar('root_two', Math.SQRT2)])]), this.graph.scalar('one', 1)])]);
    return this.linear(activated, weights.outer);
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
