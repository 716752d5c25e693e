/**
 * Dynamic int8 quantization, as onnxruntime's `quantize_dynamic` does it for `Xenova/*` `_quantized` models
 * (per-channel, reduced range, QInt8 weights): every MatMul with a constant 2-D weight becomes
 * DynamicQuantizeLinear(input) → MatMulInteger(uint8 input, int8 weight) → Cast → Mul by the two scales.
 */
import { Graph, int, type Initializer, type Node } from './onnx-graph.js';

// Reduced range: 7 bits, which avoids the int16 overflow of u8×s8 products on CPUs without VNNI.
const limit = 63;

interface Quantized {
  weight: string;
  zeroPoint: string;
  scale: string;
}

/** Rewrites the graph (and its `If` branches) in place, dropping the float weights that are no longer read. */
export function quantizeDynamic(graph: Graph): void {
  const floats = new Map(graph.initializers.filter((item) => item.type === 'float32' && item.dims.length === 2).map((item) => [item.name, item]));
  const done = new Map<string, Quantized>();
  rewrite(graph, graph, floats, done);
  const used = new Set<string>();
  collectInputs(graph, used);
  const kept = graph.initializers.filter((item) => used.has(item.name));
  graph.initializers.splice(0, graph.initializers.length, ...kept);
}

function rewrite(graph: Graph, root: Graph, floats: Map<string, Initializer>, done: Map<string, Quantized>): void {
  const nodes: Node[] = [];
  for (const node of graph.nodes) {
    for (const attribute of Object.values(node.attributes)) {
      if ('graph' in attribute) rewrite(attribute.graph, root, floats, done);
    }
    const weight = node.op === 'MatMul' ? floats.get(node.inputs[1]!) : undefined;
    if (!weight) {
      nodes.push(node);
      continue;
    }
    let quantized = done.get(weight.name);
    if (!quantized) {
      quantized = quantizeWeight(root, weight);
      done.set(weight.name, quantized);
    }
    const [input] = node.inputs;
    const [values, inputScale, inputZero] = [graph.fresh('quantized'), graph.fresh('scale'), graph.fresh('zero_point')];
    const product = graph.fresh('product');
    const asFloat = graph.fresh('product_float');
    const scale = graph.fresh('combined_scale');
    nodes.push(
      { op: 'DynamicQuantizeLinear', inputs: [input!], outputs: [values, inputScale, inputZero], attributes: {} },
      { op: 'MatMulInteger', inputs: [values, quantized.weight, inputZero, quantized.zeroPoint], outputs: [product], attributes: {} },
      { op: 'Cast', inputs: [product], outputs: [asFloat], attributes: { to: int(1) } },
      { op: 'Mul', inputs: [inputScale, quantized.scale], outputs: [scale], attributes: {} },
      { op: 'Mul', inputs: [asFloat, scale], outputs: node.outputs, attributes: {} },
    );
  }
  graph.nodes.splice(0, graph.nodes.length, ...nodes);
}

// Symmetric per output column: scale = max |w| / 63, zero point 0.
function quantizeWeight(root: Graph, weight: Initializer): Quantized {
  const [rows, columns] = weight.dims as [number, number];
  const data = weight.data as Float32Array;
  const scales = new Float32Array(columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) scales[column] = Math.max(scales[column]!, Math.abs(data[row * columns + column]!));
  }
  for (let column = 0; column < columns; column++) scales[column] = scales[column]! / limit || 1;
  const values = new Int8Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const index = row * columns + column;
      values[index] = Math.max(-limit, Math.min(limit, Math.round(data[index]! / scales[column]!)));
    }
  }
  return {
    weight: root.constant(`${weight.name}_quantized`, 'int8', [rows, columns], values),
    zeroPoint: root.constant(`${weight.name}_zero_point`, 'int8', [columns], new Int8Array(columns)),
    scale: root.constant(`${weight.name}_scale`, 'float32', [columns], scales),
  };
}

function collectInputs(graph: Graph, used: Set<string>): void {
  for (const node of graph.nodes) {
    for (const input of node.inputs) used.add(input);
    for (const attribute of Object.values(node.attributes)) if ('graph' in attribute) collectInputs(attribute.graph, used);
  }
}
