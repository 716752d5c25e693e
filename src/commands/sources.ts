import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { Source } from '../article.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';
import { optionsOf } from '../pipeline/choose.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { specialKind } from '../files/regular-file.js';

/** The lines of a file, or of standard input for `-` or no file, as they arrive. */
export async function* readLines(file: string | undefined, context: RunContext): AsyncGenerator<string> {
  let input: NodeJS.ReadableStream;
  if (!file || file === '-') {
    if (!context.stdin) throw new UsageError('No standard input to read; pass a FILE');
    input = Readable.from(context.stdin);
  } else {
    // A pipe is a stream to read as it comes (`<(…)` in a shell); a device or a folder is no text to read.
    const info = await stat(path.resolve(context.cwd, file)).catch(() => undefined);
    const kind = info && !info.isFIFO() ? specialKind(info) : undefined;
    if (kind) throw new UsageError(`${file} is ${kind}, not a text file; pass a file, or - for standard input`);
    const stream = createReadStream(path.resolve(context.cwd, file), { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`Cannot read ${file} (${error.code ?? error.message})`, { cause: error })));
    });
    input = stream;
  }
  yield* createInterface({ input, crlfDelay: Infinity });
}

/**
 * The article named on the command line: a file, read as `bitext run` reads it, or standard input for `-`, its bytes
 * decoded as a file's are (its encoding recognised).
 */
export async function argumentSource(file: string, context: RunContext, maxBytes: number): Promise<Source> {
  if (file !== '-') return { kind: 'file', path: path.resolve(context.cwd, file), display: file };
  if (!context.stdin) throw new UsageError('No standard input to read; pass a FILE');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of context.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    total += chunks.at(-1)!.length;
    // Past what the read stage takes, the rest is not kept (`< /dev/zero` would never end): it refuses the text.
    if (total > maxBytes) break;
  }
  return { kind: 'text', text: Buffer.concat(chunks), display: 'standard input', form: 'article' };
}

/** The most bytes the pipeline's read stage takes. */
export function readLimit(pipeline: Pipeline): number {
  return Math.floor((optionsOf(pipeline.stages, 'read')?.maxMegabytes ?? 20) * 1024 * 1024);
}
