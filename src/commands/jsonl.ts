/** JSON lines in and out, for the commands that take `{"id": …, "text": …}` records on standard input. */

export interface TextRecord {
  /** 1-based line number in the input. */
  line: number;
  id?: unknown;
  /** The text to work on; absent for a blank line or a line that could not be read. */
  text?: string;
  /** Why the line could not be read. */
  error?: string;
}

/** Reads one input line: blank, a `{"id", "text"}` object, or an error that names what is wrong. */
export function parseRecord(line: string, number: number): TextRecord {
  if (!line.trim()) return { line: number };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { line: number, error: `not JSON (${(error as Error).message})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { line: number, error: 'expected an object {"id": …, "text": …}' };
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (typeof text !== 'string') return { line: number, id, error: `expected "text" to be a string, got ${text === undefined ? 'nothing' : typeof text}` };
  return { line: number, id, text };
}

/** Groups lines as they arrive, so that work can be batched across lines and output still streams. */
export async function* chunks<T>(lines: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const line of lines) {
    chunk.push(line);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** Says on stderr why a line could not be read, and returns the `{"id", "error"}` line that takes its place. */
export function rejectRecord(record: TextRecord, stderr: { write(text: string): unknown }): string {
  stderr.write(`line ${record.line}: ${record.error}\n`);
  return JSON.stringify({ id: record.id ?? null, error: record.error });
}
