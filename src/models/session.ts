/** The part of onnxruntime the decoding loop uses, so that tests can give it sessions of their own making. */

export type TensorType = 'int64' | 'float32' | 'float16' | 'bool';
export type TensorData = BigInt64Array | Float32Array | Uint16Array | Uint8Array;

/** The part of an onnxruntime tensor the loop reads. */
export interface Tensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
}

/** The part of an onnxruntime `InferenceSession` the loop uses. */
export interface Session {
  readonly inputNames: readonly string[];
  readonly inputMetadata: readonly { name: string; type?: string; shape?: readonly (number | string)[] }[];
  /** The outputs a run may be asked for (onnxruntime's sessions have them; a test's may not, and give all). */
  readonly outputNames?: readonly string[];
  readonly outputMetadata?: readonly { name: string; shape?: readonly (number | string)[] }[];
  /** Runs the graph; only the outputs in `fetches` are copied out of onnxruntime. */
  run(feeds: Record<string, Tensor>, fetches: readonly string[]): Promise<Record<string, Tensor>>;
}

export interface Seq2SeqSessions {
  encoder: Session;
  decoder: Session;
  /** Makes an onnxruntime tensor. */
  tensor(type: TensorType, data: TensorData, dims: readonly number[]): Tensor;
}
