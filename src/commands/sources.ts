import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import type { Source } from '../article.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';
import { optionsOf } from '../pipeline/choose.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { specialKind } from '../files/regular-file.js';
import { countControls, isBinary } from '../text/control-characters.js';

/**
 * The lines of a file, or of standard input for `-` or no file, as they arrive: a byte order mark at the start is no
 * part of the first line, and a binary file is refused before any line is read (`what` says what was expected).
 */
export async function* readLines(file: string | undefined, context: RunContext, what = 'JSON lines'): AsyncGenerator<string> {
  let input: AsyncIterable<string | Uint8Array>;
  if (!file || file === '-') {
    if (!context.stdin) throw new UsageError('No standard input to read; pass a FILE');
    input = context.stdin;
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
  const name = !file || file === '-' ? 'standard input' : file;
  yield* createInterface({ input: Readable.from(checkedText(input, name, what)), crlfDelay: Infinity });
}

// Enough of the start of an input to tell text from binary data.
const sniffLength = 8192;

/** The input's text, decoded as UTF-8 across chunk boundaries, without a byte order mark, refused if binary. */
async function* checkedText(input: AsyncIterable<string | Uint8Array>, name: string, what: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let head: string | undefined = '';
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (head === undefined) {
      yield text;
      continue;
    }
    head += text;
    if (head.length < sniffLength) continue;
    yield opening(head, name, what);
    head = undefined;
  }
  const rest = decoder.end();
  if (head === undefined) {
    if (rest) yield rest;
  } else if (head + rest) yield opening(head + rest, name, what);
}

function opening(head: string, name: string, what: string): string {
  const controls = countControls(head);
  // A stray few are a bad line, which gets its own error; more, and over 2% of the text, are binary data.
  if (controls >= 16 && isBinary(controls, head.length)) {
    throw new UsageError(`${name} is binary data, not ${what} (${controls.toLocaleString('en-US')} NUL or control bytes in its first ${head.length.toLocaleString('en-US')} characters); nothing was read`);
  }
  return head.replace(/^\uFEFF/u, '');
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
