/**
 * What the decoder's own graph is given when its session is created, so that little leaves onnxruntime at a step:
 * - the choice: after each row's logits come optional log-probabilities, the row's rules (a factor and a bias per
 *   listed token, fed at every step), optional log-probabilities again, and TopK. Only `count` tokens and scores per
 *   row come out, instead of the whole vocabulary (59,514 for opus-mt-fr-en);
 * - each step's newest position of the decoder's own cache (`newest.*`), so that the whole cache need not come out.
 * The vocabulary of ONNX stays in this file.
 */
import { open } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import { newestPrefix } from './cache.js';
import { choiceNames } from './choice.js';

const { onnx } = onnxProto;

/**
 * The opset the choice needs: TopK with its count as an input (10), GatherElements and ScatterElements (11). Its
 * LogSoftmax, over the last axis of `[rows, 1, vocabulary]`, means the same in every opset since.
 */
const leastOpset = 11;
/** Room left after the model's bytes for the choice's own, a few kilobytes. */
const room = 1 << 16;

/**
 * The decoder model in `file` with the choice (and the newest positions) appended, ready for
 * `InferenceSession.create(bytes)`; `undefined` when the model cannot take it (no `logits` output, an opset before
 * 11, weights in external files, names already taken).
 */
export async function readWithChoice(file: string): Promise<Uint8Array | undefined> {
  const handle = await open(file, 'r');
  let bytes: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    // Read once into a buffer with room for the choice after it: the model's bytes are never copied.
    bytes = Buffer.allocUnsafe(size + room);
    for (let read = 0; read < size;) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (!bytesRead) throw new Error(`${file} ended after ${read} of ${size} bytes`);
      read += bytesRead;
    }
  } finally {
    await handle.close();
  }
  const choice = choiceFragment(bytes.subarray(0, size));
  if (!choice || choice.length > room) return undefined;
  bytes.set(choice, size);
  return bytes.subarray(0, size + choice.length);
}

/**
 * The choice and the newest positions as a model of their own to append to `model`'s bytes. A protobuf message
 * followed by another parses as their merge, and a graph's nodes, inputs and outputs are repeated fields: the model
 * followed by this one is the model with these nodes, inputs and outputs added.
 */
export function choiceFragment(model: Uint8Array): Uint8Array | undefined {
  const decoded = onnx.ModelProto.decode(model);
  const opset = decoded.opsetImport.find((entry) => !entry.domain || entry.domain === 'ai.onnx');
  const [inputs, outputs, nodes] = [decoded.graph?.input ?? [], decoded.graph?.output ?? [], decoded.graph?.node ?? []];
  const logitsType = outputs.find((output) => output.name === 'logits')?.type?.tensorType?.elemType;
  if (Number(opset?.version ?? 0) < leastOpset) return undefined;
  if (logitsType !== onnx.TensorProto.DataType.FLOAT && logitsType !== onnx.TensorProto.DataType.FLOAT16) return undefined;
  // A model whose weights live in other files can only be read from its path, which finds them.
  if (decoded.graph?.initializer?.some((tensor) => tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)) return undefined;
  const taken = new Set([...inputs, ...outputs].map((value) => value.name ?? '').concat(nodes.flatMap((node) => node.output ?? [])));
  if ([...taken].some((name) => name.startsWith('choice.') || name.startsWith('choice/') || name.startsWith(newestPrefix))) return undefined;
  const graph = choiceGraph(logitsType === onnx.TensorProto.DataType.FLOAT16);
  const caches = outputs.filter((output) => output.name?.startsWith('present.') && output.name.includes('.decoder.'));
  const newest = newestPositions(caches.map((output) => ({ name: output.name!, type: output.type?.tensorType?.elemType ?? onnx.TensorProto.DataType.FLOAT })));
  return onnx.ModelProto.encode({ graph: { node: [...graph.node!, ...newest.node], input: graph.input, output: [...graph.output!, ...newest.output] } }).finish();
}

/**
 * Each step's newest position of the decoder's own cache, `newest.*` beside each `present.*` (`[rows, heads, size]`):
 * all that must leave onnxruntime of it, the rest being the cache fed in (`cache.ts`).
 */
function newestPositions(presents: { name: string; type: number }[]) {
  const last = 'choice/last_position';
  const node: onnxProto.onnx.INodeProto[] = [
    { opType: 'Constant', input: [], output: [last], name: last, attribute: [{ name: 'value', type: AttributeType.TENSOR, t: { dataType: onnx.TensorProto.DataType.INT64, dims: [], int64Data: [-1] } }] },
  ];
  const output = presents.map(({ name, type }) => {
    const newest = newestPrefix + name.slice('present.'.length);
    node.push({ opType: 'Gather', input: [name, last], output: [newest], name: newest, attribute: [int('axis', 2)] });
    return valueInfo(newest, type);
  });
  return { node, output };
}

/**
 * The choice's nodes, inputs and outputs. It reads the logits as they are, `[rows, 1, vocabulary]` (the loop feeds one
 * token a row), and its branches (`If`, one per way of scoring) give only the chosen few: a whole `[rows, vocabulary]`
 * copy out of a branch would cost about as much as a log-softmax.
 */
function choiceGraph(halfLogits: boolean): onnxProto.onnx.IGraphProto {
  const { FLOAT, INT64, BOOL } = onnx.TensorProto.DataType;
  const graph = new Builder({ next: 0 });
  const logits = halfLogits ? graph.node('Cast', ['logits'], [int('to', FLOAT)]) : 'logits';
  const zero = graph.node('Constant', [], [{ name: 'value', type: AttributeType.TENSOR, t: { dataType: FLOAT, dims: [], floatData: [0] } }]);
  // The rules apply to log-probabilities or to the logits; the scores are made log-probabilities after them, or not.
  const choose = (branch: Builder, scores: string) =>
    branch.branches(choiceNames.renormalize, (inner) => inner.top(inner.logSoftmax(inner.rules(scores, zero))), (inner) => inner.top(inner.rules(scores, zero)));
  graph.branches(choiceNames.logProbabilities, (branch) => choose(branch, branch.logSoftmax(logits)), (branch) => choose(branch, logits), [choiceNames.scores, choiceNames.tokens]);
  const rows = ['choice_rows', 1];
  return {
    node: graph.nodes,
    input: [
      valueInfo(choiceNames.count, INT64, [1]),
      valueInfo(choiceNames.logProbabilities, BOOL, [1]),
      valueInfo(choiceNames.renormalize, BOOL, [1]),
      valueInfo(choiceNames.ruleTokens, INT64, [...rows, 'choice_entries']),
      valueInfo(choiceNames.ruleFactors, FLOAT, [...rows, 'choice_entries']),
      valueInfo(choiceNames.ruleBiases, FLOAT, [...rows, 'choice_entries']),
    ],
    output: [valueInfo(choiceNames.scores, FLOAT, [...rows, 'choice_count']), valueInfo(choiceNames.tokens, INT64, [...rows, 'choice_count'])],
  };
}

const { AttributeType } = onnx.AttributeProto;
const int = (name: string, value: number): onnxProto.onnx.IAttributeProto => ({ name, type: AttributeType.INT, i: value });

/** Nodes of the choice's graph or of one of its branches; every value it makes is named `choice/<op>_<n>`. */
class Builder {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];

  constructor(private readonly counter: { next: number }) {}

  /** Adds a node; returns its first output. */
  node(op: string, inputs: string[], attribute: onnxProto.onnx.IAttributeProto[] = [], outputs?: string[]): string {
    const names = outputs ?? [`choice/${op}_${this.counter.next++}`];
    this.nodes.push({ opType: op, input: inputs, output: names, name: names[0], attribute });
    return names[0]!;
  }

  logSoftmax(scores: string): string {
    return this.node('LogSoftmax', [scores], [int('axis', 2)]);
  }

  /**
   * Each row's rules applied to its listed tokens: `score < 0 ? score × factor : score ÷ factor`, plus the bias
   * (`changedScore` in `next-token.ts`). Padding entries repeat a row's own entry, or leave token 0 as it is, so
   * that a token listed twice is given the same value twice.
   */
  rules(scores: string, zero: string): string {
    const listed = this.node('GatherElements', [scores, choiceNames.ruleTokens], [int('axis', 2)]);
    const multiplied = this.node('Mul', [listed, choiceNames.ruleFactors]);
    const divided = this.node('Div', [listed, choiceNames.ruleFactors]);
    const scaled = this.node('Where', [this.node('Less', [listed, zero]), multiplied, divided]);
    return this.node('ScatterElements', [scores, choiceNames.ruleTokens, this.node('Add', [scaled, choiceNames.ruleBiases])], [int('axis', 2)]);
  }

  /** The best `count` scores of each row and their tokens (the lower token first among equals). */
  top(scores: string): [string, string] {
    const names: [string, string] = [`choice/TopK_${this.counter.next}`, `choice/TopK_${this.counter.next++}_tokens`];
    this.node('TopK', [scores, choiceNames.count], [int('axis', -1)], names);
    return names;
  }

  /** `If` on `condition`: each branch built by its function, which returns its scores and tokens. */
  branches(condition: string, then: (branch: Builder) => [string, string], otherwise: (branch: Builder) => [string, string], outputs?: [string, string]): [string, string] {
    const subgraph = (name: string, build: (branch: Builder) => [string, string]) => {
      const branch = new Builder(this.counter);
      const [scores, tokens] = build(branch);
      const { FLOAT, INT64 } = onnx.TensorProto.DataType;
      return { name, node: branch.nodes, output: [valueInfo(scores, FLOAT), valueInfo(tokens, INT64)] };
    };
    const names = outputs ?? [`choice/If_${this.counter.next}`, `choice/If_${this.counter.next++}_tokens`];
    this.node('If', [condition], [
      { name: 'then_branch', type: AttributeType.GRAPH, g: subgraph(`${names[0]}/then`, then) },
      { name: 'else_branch', type: AttributeType.GRAPH, g: subgraph(`${names[0]}/else`, otherwise) },
    ], names);
    return names;
  }
}

/** A graph input or output; its shape left out when not given. */
function valueInfo(name: string, elemType: number, dims?: (number | string)[]): onnxProto.onnx.IValueInfoProto {
  const shape = dims && { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) };
  return { name, type: { tensorType: { elemType, ...(shape ? { shape } : {}) } } };
}
