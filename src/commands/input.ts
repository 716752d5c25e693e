import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';

/** The lines of a file, or of standard input for `-` or no file, as they arrive. */
export async function* readLines(file: string | undefined, context: RunContext): AsyncGenerator<string> {
  let input: NodeJS.ReadableStream;
  if (!file || file === '-') {
    if (!context.stdin) throw new UsageError('No standard input to read; pass a FILE');
    input = Readable.from(context.stdin);
  } else {
    const stream = createReadStream(path.resolve(context.cwd, file), { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`Cannot read ${file} (${error.code ?? error.message})`, { cause: error })));
    });
    input = stream;
  }
  yield* createInterface({ input, crlfDelay: Infinity });
}
