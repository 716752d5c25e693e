/**
 * What an ONNX model says of its graph's edges — its opset, its inputs and outputs with their element types — read
 * field by field from its protobuf, the weights and nodes skipped: a decoder of hundreds of megabytes is never held in
 * memory for it.
 */
import { open } from 'node:fs/promises';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A graph input or output and its element type (ONNX's `TensorProto.DataType`; 0 when not a tensor). */
export interface Edge {
  name: string;
  type: number;
}

export interface ModelOutline {
  /** The version of the default domain's operator set (0 when the model names none). */
  opset: number;
  inputs: Edge[];
  outputs: Edge[];
}

/** Reads `length` bytes from `position`. */
export type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

/** The outline of the model in `file`. */
export async function readOutline(file: string): Promise<ModelOutline> {
  const handle = await open(file, 'r');
  try {
    const read: ReadAt = async (position, length) => {
      const bytes = Buffer.alloc(length);
      const { bytesRead } = await handle.read(bytes, 0, length, position);
      return bytes.subarray(0, bytesRead);
    };
    return await outline(read, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

/** The outline of a model whose `size` bytes `read` gives. */
export async function outline(read: ReadAt, size: number): Promise<ModelOutline> {
  const result: ModelOutline = { opset: 0, inputs: [], outputs: [] };
  const edge = (bytes: Uint8Array): Edge => {
    const value = onnx.ValueInfoProto.decode(bytes);
    return { name: value.name, type: value.type?.tensorType?.elemType ?? 0 };
  };
  // ModelProto: graph = 7, opset_import = 8; GraphProto: input = 11, output = 12.
  for await (const field of fields(read, 0, size)) {
    if (field.number === 8) {
      const opset = onnx.OperatorSetIdProto.decode(await read(field.start, field.end - field.start));
      if (!opset.domain || opset.domain === 'ai.onnx') result.opset = Number(opset.version);
    }
    if (field.number !== 7) continue;
    for await (const part of fields(read, field.start, field.end)) {
      if (part.number === 11) result.inputs.push(edge(await read(part.start, part.end - part.start)));
      if (part.number === 12) result.outputs.push(edge(await read(part.start, part.end - part.start)));
    }
  }
  return result;
}

/** The fields of the protobuf message between `start` and `end`: each one's number and where its value lies. */
async function* fields(read: ReadAt, start: number, end: number): AsyncGenerator<{ number: number; start: number; end: number }> {
  for (let position = start; position < end;) {
    const head = await read(position, Math.min(24, end - position));
    const [tag, afterTag] = varint(head, 0);
    const wire = tag % 8;
    let [valueStart, valueEnd] = [position + afterTag, 0];
    if (wire === 0) valueEnd = position + varint(head, afterTag)[1];
    else if (wire === 1) valueEnd = valueStart + 8;
    else if (wire === 5) valueEnd = valueStart + 4;
    else if (wire === 2) {
      const [length, afterLength] = varint(head, afterTag);
      valueStart = position + afterLength;
      valueEnd = valueStart + length;
    } else throw new Error(`not an ONNX model: protobuf wire type ${wire} at byte ${position}`);
    if (valueEnd > end) throw new Error(`not an ONNX model: a field at byte ${position} runs past its message`);
    yield { number: Math.floor(tag / 8), start: valueStart, end: valueEnd };
    position = valueEnd;
  }
}

/** A varint at `offset` of `bytes` and the offset after it (numbers, not 32-bit integers: lengths pass 2 GB). */
function varint(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  for (let shift = 1, index = offset; index < bytes.length; index++, shift *= 128) {
    value += (bytes[index]! & 0x7f) * shift;
    if (!(bytes[index]! & 0x80)) return [value, index + 1];
  }
  throw new Error('not an ONNX model: a varint runs past its bytes');
}
