/**
 * The decoder's own (self-attention) key/value cache, from one step to the next. onnxruntime-node 1.30 copies every
 * output of a run into new memory (see `decoder-thread.ts`), while it reads an input where it lies. So, where the
 * decoder's graph gives each step's newest position alone (`newest.*`, added by `choice-graph.ts`), only that leaves
 * onnxruntime: the cache is rebuilt here, its rows reordered as the beams go and the new position appended, into two
 * buffers per tensor used in turn. Otherwise (a graph without them, a test's sessions) the whole `present.*` comes out
 * and becomes the next step's cache, reordered into a buffer of its own when rows move.
 */
import type { Seq2SeqSessions, Session, Tensor, TensorData, TensorType } from './session.js';

/** The prefix of the outputs that hold a `present.*` tensor's newest position: `newest.0.decoder.key`. */
export const newestPrefix = 'newest.';

/** Whether a cache input is the decoder's own, `past_key_values.<layer>.decoder.<key|value>`. */
export function isSelfCache(name: string): boolean {
  return name.startsWith('past_key_values.') && name.includes('.decoder.');
}

/**
 * Buffers kept from step to step for the tensors fed to the decoder, two per name used in turn: a tensor written into
 * one is read (by the next write, or by onnxruntime) while the other is written. Reused, they spare a step the new
 * memory and the garbage collections that took a tenth of a beam search.
 */
export class Buffers {
  readonly #buffers = new Map<string, { turn: number; buffers: TensorData[] }>();

  /** The other buffer for `name`, holding at least `length` elements of `like`'s type; a new one, `spare` longer, if not. */
  next(name: string, like: TensorData, length: number, spare = 0): TensorData {
    const entry = this.#buffers.get(name) ?? { turn: 0, buffers: [] };
    this.#buffers.set(name, entry);
    entry.turn = 1 - entry.turn;
    const buffer = entry.buffers[entry.turn];
    if (buffer && buffer.constructor === like.constructor && buffer.length >= length) return buffer;
    return (entry.buffers[entry.turn] = new (like.constructor as new (length: number) => TensorData)(length + spare));
  }
}

/** The decoder's own cache for a batch: what each step feeds and fetches, and what it keeps of each step's outputs. */
export class SelfCache {
  #feeds: Record<string, Tensor>;
  readonly #appends: boolean;
  readonly #buffers = new Buffers();

  constructor(private readonly sessions: Seq2SeqSessions, rows: number) {
    this.#appends = sessions.decoder.outputNames?.some((name) => name.startsWith(newestPrefix)) ?? false;
    this.#feeds = emptyCache(sessions.decoder, sessions, rows, isSelfCache);
  }

  /** The cache inputs of the next step. */
  get feeds(): Record<string, Tensor> {
    return this.#feeds;
  }

  /** The outputs a step reads for the cache. */
  get fetches(): string[] {
    const self = (name: string) => name.includes('.decoder.');
    return (this.sessions.decoder.outputNames ?? []).filter((name) => (this.#appends ? name.startsWith(newestPrefix) : name.startsWith('present.')) && self(name));
  }

  /** Takes a step's outputs. The next step's rows are this step's rows `parents`, in that order (`undefined`: the same). */
  update(outputs: Record<string, Tensor>, parents: readonly number[] | undefined): void {
    this.#feeds = Object.fromEntries(Object.entries(this.#feeds).map(([name, past]) => {
      const suffix = name.slice('past_key_values.'.length);
      if (this.#appends) {
        const newest = outputs[newestPrefix + suffix]!;
        const kept = parents ?? Array.from({ length: past.dims[0]! }, (_, row) => row);
        // Rows of `[heads, positions, size]`; a new buffer has room for half as many positions again.
        const row = newest.dims[1]! * newest.dims[2]!;
        const positions = past.dims[2]! + 1;
        const into = this.#buffers.next(name, newest.data as TensorData, kept.length * row * positions, kept.length * row * Math.ceil(positions / 2));
        return [name, appendPosition(this.sessions, past, newest, kept, into)];
      }
      const present = outputs[`present.${suffix}`]!;
      if (!parents) return [name, present];
      const data = present.data as TensorData;
      return [name, gatherRows(this.sessions, present, parents, this.#buffers.next(name, data, (data.length / present.dims[0]!) * parents.length))];
    }));
  }
}

/**
 * The cache `past` (`[rows, heads, positions, size]`) made of its rows `parents`, in that order, each with its newest
 * position from `newest` (`[rows, heads, size]`) appended, written at the start of `into`.
 */
export function appendPosition(sessions: Seq2SeqSessions, past: Tensor, newest: Tensor, parents: readonly number[], into: TensorData): Tensor {
  const [heads, size] = [newest.dims[1]!, newest.dims[2]!];
  const positions = past.dims[2]!;
  const [from, last] = [past.data as TensorData, newest.data as TensorData];
  const span = positions * size;
  parents.forEach((parent, row) => {
    for (let head = 0; head < heads; head++) {
      const target = (row * heads + head) * (span + size);
      const source = parent * heads + head;
      if (span) into.set(from.subarray(source * span, (source + 1) * span) as never, target);
      into.set(last.subarray(source * size, (source + 1) * size) as never, target + span);
    }
  });
  const dims = [parents.length, heads, positions + 1, size];
  return sessions.tensor(newest.type as TensorType, into.subarray(0, parents.length * heads * (span + size)), dims);
}

/** A tensor made of rows `parents` of `tensor` (its first axis), in that order; written at the start of `into` if given. */
export function gatherRows(sessions: Seq2SeqSessions, tensor: Tensor, parents: readonly number[], into?: TensorData): Tensor {
  const data = tensor.data as TensorData;
  const size = tensor.dims[0] ? data.length / tensor.dims[0] : 0;
  const gathered = into ? into.subarray(0, parents.length * size) : new (data.constructor as new (length: number) => TensorData)(parents.length * size);
  parents.forEach((parent, row) => gathered.set(data.subarray(parent * size, (parent + 1) * size) as never, row * size));
  return sessions.tensor(tensor.type as TensorType, gathered, [parents.length, ...tensor.dims.slice(1)]);
}

/** The cache inputs `which` of `decoder`, empty (no past tokens), for `rows` rows; their shapes come from the session. */
export function emptyCache(decoder: Session, sessions: Seq2SeqSessions, rows: number, which: (name: string) => boolean): Record<string, Tensor> {
  const cache: Record<string, Tensor> = {};
  for (const input of decoder.inputMetadata) {
    if (!input.name.startsWith('past_key_values.') || !which(input.name)) continue;
    // `[batch, heads, past length, head size]`: the batch is `rows`, the length 0, the rest as declared.
    const dims = (input.shape ?? []).map((dim, axis) => (axis === 0 ? rows : typeof dim === 'number' ? dim : 0));
    const type = input.type === 'float16' ? 'float16' : 'float32';
    cache[input.name] = sessions.tensor(type, type === 'float16' ? new Uint16Array(0) : new Float32Array(0), dims);
  }
  return cache;
}
