import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { DecoderThread, type DecoderSetup } from '../../src/models/decoder-client.js';
import type { DecodeOptions } from '../../src/models/decoding.js';
import { seq2seqSessionFiles } from '../../src/models/files.js';
import { readModelConfig } from '../../src/models/model-config.js';
import { testModels } from '../support/test-models.js';

const label = 'bitext-test/marian-tiny (fp32)';

/** The generated Marian's decoding thread and options that decode `le chat mange .` with it. */
async function marianThread(fault?: DecoderSetup['fault']) {
  const folder = path.join(await testModels(), 'bitext-test/marian-tiny');
  const files = seq2seqSessionFiles('fp32');
  const { rules } = await readModelConfig(folder);
  const thread = await DecoderThread.start({ encoder: path.join(folder, files.encoder), decoder: path.join(folder, files.decoder), threads: 1, label, ...(fault ? { fault } : {}) });
  const options: DecodeOptions = { ...rules!, beams: 1, bounds: [{ least: 0, most: 20 }] };
  return { thread, options, sources: [[5, 6, 7, 8, 0]] };
}

/** Whether `promise` has settled before the next turn of the event loop: what `at once` means here. */
async function settlesAtOnce(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  const outcome = await Promise.race([promise.then(() => 'settled', () => 'settled'), new Promise((resolve) => setImmediate(() => resolve(pending)))]);
  return outcome !== pending;
}

describe('the decoding thread', () => {
  it.each([
    ['throws an uncaught error', 'throw', `The decoding thread of ${label} crashed: a fault injected by a test`],
    ['exits', 'exit', `The decoding thread of ${label} stopped (exit code 3)`],
  ] as const)('when it %s, fails the request waiting, then every later one at once, and closes at once', { timeout: 5_000 }, async (_, fault, message) => {
    const { thread, options, sources } = await marianThread(fault);
    const waiting = thread.decode(sources, options);
    await expect(waiting).rejects.toBeInstanceOf(ModelError);
    await expect(waiting).rejects.toThrow(message);
    const later = thread.decode(sources, options);
    expect(await settlesAtOnce(later)).toBe(true);
    await expect(later).rejects.toThrow(message);
    await thread.close();
    await thread.close();
  });

  it('answers an error of the loop with a ModelError naming the model, the thread\'s error and stack kept as its cause, and goes on', { timeout: 5_000 }, async () => {
    const { thread, options, sources } = await marianThread();
    try {
      const before = await thread.decode(sources, options);
      expect(before[0]!.length).toBeGreaterThan(0);
      const failure = await thread.decode(sources, { ...options, maxLength: 0 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ModelError);
      expect((failure as Error).message).toBe(`Decoding with ${label} failed: the decoding loop needs the model's length limit, a whole number from 1 up; got 0`);
      const cause = (failure as Error).cause as Error;
      expect(cause.message).toContain('length limit');
      expect(cause.stack).toMatch(/cappedBounds .*decoding\.ts/);
      expect(await thread.decode(sources, options)).toEqual(before);
    } finally {
      await thread.close();
    }
  });

  it('once closed, fails a request at once rather than never answering it', { timeout: 5_000 }, async () => {
    const { thread, options, sources } = await marianThread();
    await thread.close();
    const later = thread.decode(sources, options);
    expect(await settlesAtOnce(later)).toBe(true);
    await expect(later).rejects.toThrow(`The decoding thread of ${label} was closed`);
    await thread.close();
  });
});
