import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ModelError } from '../errors.js';
import type { DecodeOptions } from './decoding.js';

/** What the decoding thread loads: the two ONNX files and its onnxruntime threads. */
export interface DecoderSetup {
  encoder: string;
  decoder: string;
  threads: number;
  /** The model, as messages name it: `Xenova/opus-mt-fr-en (q8)`. */
  label: string;
  /**
   * For tests only: how the thread fails when a request arrives, as a crash would — `throw` an uncaught error, or
   * `exit` with code 3.
   */
  fault?: 'throw' | 'exit';
}

export interface DecoderRequest {
  id: number;
  sources: readonly (readonly number[])[];
  options: DecodeOptions;
}

export type DecoderReply =
  | { ready: true; choosesInGraph: boolean }
  | { failed: string; stack?: string }
  | { id: number; outputs: number[][] }
  | { id: number; error: string; stack?: string };

/**
 * A seq2seq model's sessions in their own thread (`decoder-thread.ts`): `decode` there, token ids in and out.
 * The thread keeps the process alive only while a request is waiting. Once it is gone (closed, crashed, aborted),
 * every request waiting and every later one fails at once with a `ModelError` that says why.
 */
export class DecoderThread {
  #worker: Worker;
  #next = 0;
  #waiting = new Map<number, { resolve(outputs: number[][]): void; reject(error: Error): void }>();
  /** Why the thread can answer no more requests, once it cannot. */
  #gone: ModelError | undefined;
  #exited: Promise<unknown>;
  /** Set by `close`: the thread then keeps the process alive until it has ended, whatever else it answers. */
  #closing = false;
  #label: string;

  /** Whether the decoder's graph chooses each step's tokens, or its whole logits are read (`choice.ts`). */
  readonly choosesInGraph: boolean;

  private constructor(worker: Worker, label: string, exited: Promise<number>, choosesInGraph: boolean) {
    this.#worker = worker;
    this.#label = label;
    this.choosesInGraph = choosesInGraph;
    worker.on('message', (reply: DecoderReply) => {
      if (!('id' in reply)) return;
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (!this.#waiting.size && !this.#closing) worker.unref();
      if ('outputs' in reply) waiting?.resolve(reply.outputs);
      else waiting?.reject(new ModelError(`Decoding with ${label} failed: ${reply.error}`, { cause: threadError(reply.error, reply.stack) }));
    });
    // An uncaught error ends the thread: 'exit' follows, but the requests waiting need not wait for it.
    worker.on('error', (error) => this.#stop(new ModelError(`The decoding thread of ${label} crashed: ${error.message}`, { cause: error })));
    this.#exited = exited.then((code) => {
      this.#stop(new ModelError(code === 0 ? `The decoding thread of ${label} was closed` : `The decoding thread of ${label} stopped (exit code ${code})`));
    });
  }

  /** Starts the thread and waits until its sessions are loaded; fails with onnxruntime's reason if they cannot be. */
  static async start(setup: DecoderSetup): Promise<DecoderThread> {
    const worker = startWorker(setup);
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    const choosesInGraph = await new Promise<boolean>((resolve, reject) => {
      worker.once('message', (reply: DecoderReply) => ('failed' in reply ? reject(threadError(reply.failed, reply.stack)) : resolve('ready' in reply && reply.choosesInGraph)));
      worker.once('error', reject);
    }).catch(async (error: unknown) => {
      // The thread ends by itself once nothing of onnxruntime runs in it any more.
      await exited;
      throw error;
    });
    worker.unref();
    return new DecoderThread(worker, setup.label, exited, choosesInGraph);
  }

  /** Decodes in the thread; fails at once if the thread is gone, and when it goes before answering. */
  decode(sources: readonly (readonly number[])[], options: DecodeOptions): Promise<number[][]> {
    if (this.#gone) return Promise.reject(this.#gone);
    if (this.#closing) return Promise.reject(new ModelError(`${this.#label} is being closed; nothing more is decoded with it`));
    if (!sources.length) return Promise.resolve([]);
    const id = this.#next++;
    this.#worker.ref();
    const result = new Promise<number[][]>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    this.#worker.postMessage({ id, sources, options } satisfies DecoderRequest);
    return result;
  }

  /** Ends the thread once its request in progress (whose answer is dropped) is done; at once if it is gone. */
  async close(): Promise<void> {
    this.#closing = true;
    if (!this.#gone) {
      this.#worker.ref();
      this.#worker.postMessage('close');
    }
    await this.#exited;
  }

  /** Remembers why the thread is gone (the first reason) and fails every request still waiting with it. */
  #stop(error: ModelError): void {
    this.#gone ??= error;
    for (const waiting of this.#waiting.values()) waiting.reject(this.#gone);
    this.#waiting.clear();
    this.#worker.unref();
  }
}

/** The thread's error as an Error of this thread, its message and stack as the thread sent them. */
function threadError(message: string, stack: string | undefined): Error {
  const error = new Error(message);
  error.stack = stack ?? `Error: ${message}\n    (in the decoding thread)`;
  return error;
}

/**
 * The thread runs `decoder-thread.js` beside this file; run from the TypeScript sources (tests, benchmarks), it
 * loads `decoder-thread.ts` through tsx, a development dependency.
 */
function startWorker(setup: DecoderSetup): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./decoder-thread.js', here), { workerData: setup });
  // The ESM entry of tsx's API, as its package exports name it (`require.resolve` would give the CommonJS one).
  const require = createRequire(here);
  const manifest = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  const tsx = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), manifest.exports['./esm/api']!.import.default)).href;
  const source = new URL('./decoder-thread.ts', here).href;
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(code, { eval: true, workerData: setup });
}
