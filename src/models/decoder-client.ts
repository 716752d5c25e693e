import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DecodeOptions } from './decoding.js';

/** What the decoding thread loads: the two ONNX files and its onnxruntime threads. */
export interface DecoderSetup {
  encoder: string;
  decoder: string;
  threads: number;
}

export interface DecoderRequest {
  id: number;
  sources: readonly (readonly number[])[];
  options: DecodeOptions;
}

export type DecoderReply =
  | { ready: true }
  | { failed: string }
  | { id: number; outputs: number[][] }
  | { id: number; error: string };

/**
 * A seq2seq model's sessions in their own thread (`decoder-thread.ts`): `decode` there, token ids in and out.
 * The thread keeps the process alive only while a request is waiting.
 */
export class DecoderThread {
  #worker: Worker;
  #next = 0;
  #waiting = new Map<number, { resolve(outputs: number[][]): void; reject(error: Error): void }>();

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: DecoderReply) => {
      if (!('id' in reply)) return;
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (!this.#waiting.size) worker.unref();
      if ('outputs' in reply) waiting?.resolve(reply.outputs);
      else waiting?.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the decoding thread stopped (exit code ${code})`)));
  }

  /** Starts the thread and waits until its sessions are loaded; fails with onnxruntime's reason if they cannot be. */
  static async start(setup: DecoderSetup): Promise<DecoderThread> {
    const worker = startWorker(setup);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (reply: DecoderReply) => ('failed' in reply ? reject(new Error(reply.failed)) : resolve()));
      worker.once('error', reject);
    }).catch(async (error: unknown) => {
      // The thread ends by itself once nothing of onnxruntime runs in it any more.
      await exited;
      throw error;
    });
    worker.unref();
    return new DecoderThread(worker);
  }

  decode(sources: readonly (readonly number[])[], options: DecodeOptions): Promise<number[][]> {
    if (!sources.length) return Promise.resolve([]);
    const id = this.#next++;
    this.#worker.ref();
    const result = new Promise<number[][]>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    this.#worker.postMessage({ id, sources, options } satisfies DecoderRequest);
    return result;
  }

  /** Ends the thread once its request in progress (whose answer is dropped) is done. */
  async close(): Promise<void> {
    const worker = this.#worker;
    worker.ref();
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  }
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
