/**
 * A small builder for ONNX graphs, enough to write the seq2seq models bitext tests with: named inputs and outputs
 * with symbolic dimensions, constant initializers, nodes with typed attributes and subgraphs (for `If`).
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type ElementType = 'float32' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool';
export type Dim = number | string;
type TensorData = Float32Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

const dataTypes: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  int8: onnx.TensorProto.DataType.INT8,
  uint8: onnx.TensorProto.DataType.UINT8,
  bool: onnx.TensorProto.DataType.BOOL,
};

/** A typed attribute value: ONNX tells ints from floats, so callers say which. */
export type Attribute =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { string: string }
  | { graph: Graph };

export const int = (value: number): Attribute => ({ int: value });
export const float = (value: number): Attribute => ({ float: value });
export const ints = (values: number[]): Attribute => ({ ints: values });

export interface Initializer {
  name: string;
  type: ElementType;
  dims: number[];
  data: TensorData;
}

export interface Node {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, Attribute>;
  domain?: string;
}

/** A graph under construction. Value names are unique across a graph and its subgraphs (they share a counter). */
export class Graph {
  readonly nodes: Node[] = [];
  readonly initializers: Initializer[] = [];
  readonly inputs: { name: string; type: ElementType; shape: Dim[] }[] = [];
  readonly outputs: { name: string; type: ElementType; shape: Dim[] }[] = [];
  #counter: { next: number };

  constructor(readonly name: string, counter = { next: 0 }) {
    this.#counter = counter;
  }

  /** A subgraph (a branch of `If`) that may read this graph's values. */
  subgraph(name: string): Graph {
    return new Graph(name, this.#counter);
  }

  fresh(hint: string): string {
    return `${hint}_${this.#counter.next++}`;
  }

  input(name: string, type: ElementType, shape: Dim[]): string {
    this.inputs.push({ name, type, shape });
    return name;
  }

  /** Declares `value` as a graph output called `name` (through an Identity when the names differ). */
  output(name: string, value: string, type: ElementType, shape: Dim[]): string {
    if (value !== name) this.nodes.push({ op: 'Identity', inputs: [value], outputs: [name], attributes: {} });
    this.outputs.push({ name, type, shape });
    return name;
  }

  constant(hint: string, type: ElementType, dims: number[], data: TensorData): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, type, dims, data });
    return name;
  }

  ints(hint: string, values: number[]): string {
    return this.constant(hint, 'int64', [values.length], BigInt64Array.from(values.map(BigInt)));
  }

  scalar(hint: string, value: number, type: 'float32' | 'int64' = 'float32'): string {
    return type === 'int64'
      ? this.constant(hint, 'int64', [], BigInt64Array.of(BigInt(value)))
      : this.constant(hint, 'float32', [], Float32Array.of(value));
  }

  /** Adds a node with one output and returns the output's name. */
  op(op: string, inputs: string[], attributes: Record<string, Attribute> = {}, domain?: string): string {
    return this.opMany(op, inputs, 1, attributes, domain)[0]!;
  }

  /** Adds a node with `count` outputs. */
  opMany(op: string, inputs: string[], count: number, attributes: Record<string, Attribute> = {}, domain?: string): string[] {
    const outputs = Array.from({ length: count }, () => this.fresh(op.toLowerCase()));
    this.nodes.push({ op, inputs, outputs, attributes, ...(domain ? { domain } : {}) });
    return outputs;
  }
}

/** Serializes a graph as an ONNX model (opset 17, IR version 8). */
export function encodeModel(graph: Graph, producer = 'bitext test-models'): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: producer,
    opsetImport: [{ domain: '', version: 17 }],
    graph: toGraphProto(graph),
  });
  return onnx.ModelProto.encode(model).finish();
}

function toGraphProto(graph: Graph): InstanceType<typeof onnx.GraphProto> {
  return onnx.GraphProto.create({
    name: graph.name,
    node: graph.nodes.map((node) =>
      onnx.NodeProto.create({
        opType: node.op,
        input: node.inputs,
        output: node.outputs,
        name: node.outputs[0],
        ...(node.domain ? { domain: node.domain } : {}),
        attribute: Object.entries(node.attributes).map(([name, value]) => toAttribute(name, value)),
      }),
    ),
    initializer: graph.initializers.map((initializer) =>
      onnx.TensorProto.create({
        name: initializer.name,
        dataType: dataTypes[initializer.type],
        dims: initializer.dims,
        rawData: new Uint8Array(initializer.data.buffer, initializer.data.byteOffset, initializer.data.byteLength),
      }),
    ),
    input: graph.inputs.map(valueInfo),
    output: graph.outputs.map(valueInfo),
  });
}

function valueInfo(value: { name: string; type: ElementType; shape: Dim[] }) {
  return onnx.ValueInfoProto.create({
    name: value.name,
    type: {
      tensorType: {
        elemType: dataTypes[value.type],
        shape: { dim: value.shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  });
}

function toAttribute(name: string, value: Attribute) {
  const { AttributeType } = onnx.AttributeProto;
  if ('int' in value) return onnx.AttributeProto.create({ name, type: AttributeType.INT, i: value.int });
  if ('float' in value) return onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f: value.float });
  if ('ints' in value) return onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: value.ints });
  if ('string' in value) return onnx.AttributeProto.create({ name, type: AttributeType.STRING, s: new TextEncoder().encode(value.string) });
  return onnx.AttributeProto.create({ name, type: AttributeType.GRAPH, g: toGraphProto(value.graph) });
}
