/**
 * The decoding thread (a worker): it holds a seq2seq model's onnxruntime sessions and runs `decode` for the
 * main thread. onnxruntime-node runs inference synchronously on the calling thread and copies every output into a
 * new buffer (1.30: a preallocated output is filled and then copied again; there is no IO binding for CPU tensors);
 * here, those runs and the garbage they leave stay off the thread that reads, tokenizes and writes articles, whose
 * larger heap made each collection slow. What a step fetches is kept small (`choice-graph.ts`, `cache.ts`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { writeWithChoice } from './choice-graph.js';
import { choosesInGraph } from './choice.js';
import type { DecoderReply, DecoderRequest, DecoderSetup } from './decoder-client.js';
import { decode, type Seq2SeqSessions } from './decoding.js';

const setup = workerData as DecoderSetup;
const port = parentPort!;
const options: InferenceSession.SessionOptions = {
  // One batch runs at a time, so it may have every core; inter-op parallelism only adds threads that compete with
  // those. Idle threads must not spin: between steps this thread chooses tokens, and spinning threads took its core
  // (748 against 584 tokens/s on two cores, one batch of 16 at a time).
  intraOpNumThreads: setup.threads,
  interOpNumThreads: 1,
  extra: { session: { intra_op: { allow_spinning: '0' } } },
  logSeverityLevel: 3,
};
// Both sessions are awaited even when one fails: a thread that ends while onnxruntime still creates the other
// aborts the process when that creation returns.
const loading = Promise.allSettled([InferenceSession.create(setup.encoder, options), createDecoder(setup.decoder)]).then(
  async ([encoder, decoder]): Promise<Seq2SeqSessions> => {
    if (encoder.status === 'fulfilled' && decoder.status === 'fulfilled') {
      return { encoder: encoder.value, decoder: decoder.value, tensor: (type, data, dims) => new Tensor(type, data as never, dims) };
    }
    await Promise.all([encoder, decoder].map((result) => (result.status === 'fulfilled' ? result.value.release() : undefined)));
    throw encoder.status === 'rejected' ? encoder.reason : (decoder as PromiseRejectedResult).reason;
  },
);
loading.then(
  (sessions) => port.postMessage({ ready: true, choosesInGraph: choosesInGraph(sessions.decoder) } satisfies DecoderReply),
  (error: unknown) => {
    port.postMessage({ failed: (error as Error).message, stack: (error as Error).stack } satisfies DecoderReply);
    port.close();
  },
);

// Requests are answered in turn; `close` waits for the one in progress, releases the sessions and ends the thread.
// (Terminating a thread inside an onnxruntime run aborts the process when the run returns.)
let running = 0;
let closing = false;
let finished: Promise<void> | undefined;
port.on('message', async (message: DecoderRequest | 'close') => {
  if (message === 'close') {
    closing = true;
    if (!running) await finish();
    return;
  }
  // Once closing, the sessions are being released: a request that comes late is answered, not run on them.
  if (closing) {
    port.postMessage({ id: message.id, error: 'the model was being closed' } satisfies DecoderReply);
    return;
  }
  if (setup.fault) return fail(setup.fault);
  running++;
  try {
    const outputs = await decode(await loading, message.sources, message.options);
    port.postMessage({ id: message.id, outputs } satisfies DecoderReply);
  } catch (error) {
    port.postMessage({ id: message.id, error: (error as Error).message, stack: (error as Error).stack } satisfies DecoderReply);
  } finally {
    running--;
    if (closing && !running) await finish();
  }
});

/**
 * The decoder's session, its graph choosing each step's tokens (`choice-graph.ts`) when it can take the choice;
 * otherwise the model as it is, whose logits are read whole.
 */
async function createDecoder(file: string): Promise<InferenceSession> {
  // The copy with the choice lives only while onnxruntime reads it.
  const directory = await mkdtemp(path.join(tmpdir(), 'bitext-decoder-'));
  try {
    const withChoice = await writeWithChoice(file, directory).catch(() => undefined);
    // A model onnxruntime refuses with the choice is loaded as it is: its own errors, if any, are the ones to show.
    if (withChoice) return await InferenceSession.create(withChoice, options).catch(() => InferenceSession.create(file, options));
    return await InferenceSession.create(file, options);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Releases the sessions and ends the thread, once. */
function finish(): Promise<void> {
  finished ??= (async () => {
    const sessions = await loading.catch(() => undefined);
    await Promise.all([sessions?.encoder, sessions?.decoder].map((session) => (session as InferenceSession | undefined)?.release()));
    port.close();
  })();
  return finished;
}

/** A test's fault: the thread dies as a crash would, between onnxruntime runs (one inside a run aborts the process). */
function fail(fault: 'throw' | 'exit'): void {
  if (fault === 'exit') process.exit(3);
  setImmediate(() => {
    throw new Error('a fault injected by a test');
  });
}
