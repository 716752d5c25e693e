/**
 * A tiny Marian-compatible model whose weights are constructed, not trained: it translates a fixed French vocabulary
 * word by word. The encoder emits each source token one-hot; at decoding step t the decoder reads the source token
 * at position t (clamped to the last, `</s>`) and maps it through a French → English table, so the output is exactly
 * known. Its inputs, outputs and cache are those of an Optimum export, so Transformers.js drives it as it drives
 * `Xenova/opus-mt-fr-en`: tokenizer, encoder, merged decoder with `use_cache_branch`, batching and beams.
 */
import { Graph, int } from './onnx-graph.js';

/** French → English, one word each; punctuation maps to itself. */
export const dictionary: Record<string, string> = {
  le: 'the', la: 'the', les: 'the', un: 'a', une: 'a', chat: 'cat', chien: 'dog', mange: 'eats', voit: 'sees',
  maison: 'house', grande: 'big', petit: 'small', rouge: 'red', et: 'and', est: 'is', sont: 'are', dans: 'in',
  ville: 'city', maire: 'mayor', parle: 'speaks', lettre: 'letter', employés: 'employees', demandent: 'ask',
  nous: 'we', refusons: 'refuse', de: 'of', à: 'to', pour: 'for', avec: 'with', journal: 'newspaper',
  '.': '.', ',': ',', '?': '?', '!': '!',
};

export const special = { eos: '</s>', unk: '<unk>', pad: '<pad>' };

/** The shared vocabulary: `</s>` first (Marian's end id is 0), `<pad>` last (Marian starts decoding with it). */
export function vocabulary(): string[] {
  const words = new Set<string>();
  for (const [french, english] of Object.entries(dictionary)) words.add(french).add(english);
  return [special.eos, special.unk, ...[...words].sort(), special.pad];
}

const headSize = 4;

export function encoderGraph(size: number): Graph {
  const graph = new Graph('word-by-word-encoder');
  const ids = graph.input('input_ids', 'int64', ['batch_size', 'encoder_sequence_length']);
  graph.input('attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']);
  const identity = new Float32Array(size * size);
  for (let index = 0; index < size; index++) identity[index * size + index] = 1;
  const table = graph.constant('one_hot', 'float32', [size, size], identity);
  graph.output('last_hidden_state', graph.op('Gather', [table, ids]), 'float32', ['batch_size', 'encoder_sequence_length', size]);
  return graph;
}

export function decoderGraph(vocab: readonly string[]): Graph {
  const size = vocab.length;
  const id = (token: string) => vocab.indexOf(token);
  const graph = new Graph('word-by-word-decoder');
  const ids = graph.input('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']);
  graph.input('encoder_attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']);
  const encoded = graph.input('encoder_hidden_states', 'float32', ['batch_size', 'encoder_sequence_length', size]);
  const cache = (part: 'decoder' | 'encoder', kind: 'key' | 'value') =>
    graph.input(`past_key_values.0.${part}.${kind}`, 'float32', ['batch_size', 1, part === 'decoder' ? 'past_decoder_sequence_length' : 'encoder_sequence_length_out', headSize]);
  const past = { decoderKey: cache('decoder', 'key'), decoderValue: cache('decoder', 'value'), encoderKey: cache('encoder', 'key'), encoderValue: cache('encoder', 'value') };
  const useCache = graph.input('use_cache_branch', 'bool', [1]);

  const dimension = (value: string, axis: number) => graph.op('Gather', [graph.op('Shape', [value]), graph.scalar('axis', axis, 'int64')], { axis: int(0) });
  const batch = dimension(ids, 0);
  const steps = dimension(ids, 1);
  const pastLength = dimension(past.decoderKey, 2);
  const sourceLength = dimension(encoded, 1);

  // Step t reads source position t; past the end it keeps reading the last token, `</s>`.
  const positions = graph.op('Range', [pastLength, graph.op('Add', [pastLength, steps]), graph.scalar('one', 1, 'int64')]);
  const last = graph.op('Sub', [sourceLength, graph.scalar('one', 1, 'int64')]);
  const source = graph.op('Gather', [encoded, graph.op('Min', [positions, last])], { axis: int(1) });

  const table = new Float32Array(size * size);
  const map = (from: string, to: string) => (table[id(from) * size + id(to)] = 10);
  for (const [french, english] of Object.entries(dictionary)) {
    map(french, english);
    if (!(english in dictionary)) map(english, english);
  }
  map(special.eos, special.eos);
  map(special.pad, special.eos);
  map(special.unk, special.unk);
  const logits = graph.op('MatMul', [source, graph.constant('translation', 'float32', [size, size], table)]);
  graph.output('logits', logits, 'float32', ['batch_size', 'decoder_sequence_length', size]);

  // The cache carries nothing but its length, which is what tells the decoder its position.
  const unsqueeze = (value: string) => graph.op('Unsqueeze', [value, graph.ints('axes', [0])]);
  const zeros = (length: string) => graph.op('ConstantOfShape', [graph.op('Concat', [unsqueeze(batch), graph.ints('heads', [1]), unsqueeze(length), graph.ints('head_size', [headSize])], { axis: int(0) })]);
  const step = zeros(steps);
  graph.output('present.0.decoder.key', graph.op('Concat', [past.decoderKey, step], { axis: int(2) }), 'float32', ['batch_size', 1, 'past_decoder_sequence_length + 1', headSize]);
  graph.output('present.0.decoder.value', graph.op('Concat', [past.decoderValue, step], { axis: int(2) }), 'float32', ['batch_size', 1, 'past_decoder_sequence_length + 1', headSize]);

  // As in an Optimum merged decoder: compute the cross-attention state on the first step; once it is cached, output
  // empty constants in its place (the with-past decoder has no such outputs, and the merge fills them so).
  const reuse = graph.subgraph('reuse_encoder_cache');
  const empty = reuse.constant('empty_cache', 'float32', [0, 1, 1, headSize], new Float32Array(0));
  reuse.output(reuse.fresh('key'), reuse.op('Identity', [empty]), 'float32', ['batch_size', 1, 'encoder_sequence_length_out', headSize]);
  reuse.output(reuse.fresh('value'), reuse.op('Identity', [empty]), 'float32', ['batch_size', 1, 'encoder_sequence_length_out', headSize]);
  const compute = graph.subgraph('compute_encoder_cache');
  const fresh = zeros(sourceLength);
  compute.output(compute.fresh('key'), compute.op('Identity', [fresh]), 'float32', ['batch_size', 1, 'encoder_sequence_length', headSize]);
  compute.output(compute.fresh('value'), compute.op('Identity', [fresh]), 'float32', ['batch_size', 1, 'encoder_sequence_length', headSize]);
  const [key, value] = graph.opMany('If', [useCache], 2, { then_branch: { graph: reuse }, else_branch: { graph: compute } });
  graph.output('present.0.encoder.key', key!, 'float32', ['batch_size', 1, 'encoder_sequence_length_out', headSize]);
  graph.output('present.0.encoder.value', value!, 'float32', ['batch_size', 1, 'encoder_sequence_length_out', headSize]);
  return graph;
}
