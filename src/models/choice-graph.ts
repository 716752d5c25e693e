/**
 * What the decoder's own graph is given when its session is created, so that little leaves onnxruntime at a step:
 * - the choice: after each row's logits come optional log-probabilities, the row's rules (a factor and a bias per
 *   listed token, fed at every step), optional log-probabilities again, and TopK. Only `count` tokens and scores per
 *   row come out, instead of the whole vocabulary (59,514 for opus-mt-fr-en), and the final score of one token a row
 *   is fed (`watch`: a token a glossary term forces, which beam search ranks by its own score);
 * - each step's newest position of the decoder's own cache (`newest.*`), so that the whole cache need not come out.
 * The vocabulary of ONNX stays in this file.
 */
import { appendFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { newestPrefix } from './cache.js';
import { choiceNames } from './choice.js';
import { readOutline, type ModelOutline } from './onnx-outline.js';

const { onnx } = onnxProto;

/**
 * The opset the choice needs: TopK with its count as an input (10), GatherElements and ScatterElements (11). Its
 * LogSoftmax, over the last axis of `[rows, 1, vocabulary]`, means the same in every opset since.
 */
const leastOpset = 11;
/**
 * Writes into `directory` the decoder model in `file` with the choice (and the newest positions) appended, and gives
 * its path; `undefined` when the model cannot take it (no float `logits`, an opset before 11, names already taken).
 * The copy is on disk, not in memory: onnxruntime keeps its own copy of a model it reads from a buffer, and the buffer
 * made a run's peak memory one model larger (1,630 MB against 1,290 MB for the fp32 Marian). A model whose weights
 * are in files of their own does not load from the copy, away from them; it is then loaded as it is.
 */
export async function writeWithChoice(file: string, directory: string): Promise<string | undefined> {
  const fragment = choiceFragment(await readOutline(file));
  if (!fragment) return undefined;
  const copy = path.join(directory, path.basename(file));
  await copyFile(file, copy);
  await appendFile(copy, fragment);
  return copy;
}

/**
 * The choice and the newest positions, for the model `outline` describes, as a model of their own to append to its
 * bytes. A protobuf message followed by another parses as their merge, and a graph's nodes, inputs and outputs are
 * repeated fields: the model followed by this one is the model with these nodes, inputs and outputs added.
 */
export function choiceFragment(model: ModelOutline): Uint8Array | undefined {
  const { FLOAT, FLOAT16 } = onnx.TensorProto.DataType;
  const logits = model.outputs.find((output) => output.name === 'logits');
  if (model.opset < leastOpset || (logits?.type !== FLOAT && logits?.type !== FLOAT16)) return undefined;
  const names = [...model.inputs, ...model.outputs].map((edge) => edge.name);
  if (names.some((name) => name.startsWith('choice.') || name.startsWith('choice/') || name.startsWith(newestPrefix))) return undefined;
  const graph = choiceGraph(logits.type === FLOAT16);
  const newest = newestPositions(model.outputs.filter((output) => output.name.startsWith('present.') && output.name.includes('.decoder.')));
  return onnx.ModelProto.encode({ graph: { node: [...graph.node!, ...newest.node], input: graph.input, output: [...graph.output!, ...newest.output] } }).finish();
}

/**
 * Each step's newest position of the decoder's own cache, `newest.*` beside each `present.*` (`[rows, heads, size]`):
 * all that must leave onnxruntime of it, the rest being the cache fed in (`cache.ts`).
 */
function newestPositions(presents: readonly { name: string; type: number }[]) {
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
  graph.branches(choiceNames.logProbabilities, (branch) => choose(branch, branch.logSoftmax(logits)), (branch) => choose(branch, logits), [choiceNames.scores, choiceNames.tokens, choiceNames.watched]);
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
      valueInfo(choiceNames.watch, INT64, [...rows, 1]),
    ],
    output: [
      valueInfo(choiceNames.scores, FLOAT, [...rows, 'choice_count']), valueInfo(choiceNames.tokens, INT64, [...rows, 'choice_count']),
      valueInfo(choiceNames.watched, FLOAT, [...rows, 1]),
    ],
  };
}

/** What a choice gives: its scores, their tokens, the watched token's score. */
type Choice = [scores: string, tokens: string, watched: string];

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

  /** The best `count` scores of each row and their tokens (the lower token first among equals), and its watched token's score. */
  top(scores: string): Choice {
    const names: [string, string] = [`choice/TopK_${this.counter.next}`, `choice/TopK_${this.counter.next++}_tokens`];
    this.node('TopK', [scores, choiceNames.count], [int('axis', -1)], names);
    return [...names, this.node('GatherElements', [scores, choiceNames.watch], [int('axis', 2)])];
  }

  /** `If` on `condition`: each branch built by its function, which returns its scores and tokens. */
  branches(condition: string, then: (branch: Builder) => Choice, otherwise: (branch: Builder) => Choice, outputs?: Choice): Choice {
    const subgraph = (name: string, build: (branch: Builder) => Choice) => {
      const branch = new Builder(this.counter);
      const [scores, tokens, watched] = build(branch);
      const { FLOAT, INT64 } = onnx.TensorProto.DataType;
      return { name, node: branch.nodes, output: [valueInfo(scores, FLOAT), valueInfo(tokens, INT64), valueInfo(watched, FLOAT)] };
    };
    const names: Choice = outputs ?? [`choice/If_${this.counter.next}`, `choice/If_${this.counter.next}_tokens`, `choice/If_${this.counter.next++}_watched`];
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
