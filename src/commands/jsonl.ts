/** JSON lines in and out, for the commands that take `{"id": …, "text": …}` records on standard input. */
import { escapeControls } from '../text/control-characters.js';
import { memberText } from './json-member.js';

/** What every input line is known by in its answer. */
export interface Identified {
  /** 1-based line number in the input. */
  line: number;
  id?: unknown;
  /** A number `id` as written, echoed as is: JSON numbers past 2^53 do not survive `JSON.parse`. */
  idText?: string;
  /** Why the line could not be read. */
  error?: string;
}

export interface TextRecord extends Identified {
  /** The text to work on; absent for a blank line or a line that could not be read. */
  text?: string;
}

/**
 * Reads one input line as a JSON object whose `fields` must be strings: undefined for a blank line (skipped, no
 * answer), else the fields, or an error that says what is wrong. `expected` shows the object in the message.
 */
export function parseObject<Field extends string>(line: string, number: number, fields: readonly Field[], expected: string): (Identified & { values?: Record<Field, string> }) | undefined {
  if (!line.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { line: number, error: `not JSON (${(error as Error).message})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { line: number, error: `expected an object ${expected}` };
  const record = value as Record<string, unknown>;
  const id = record.id;
  const identified: Identified = { line: number, id, ...(typeof id === 'number' ? { idText: memberText(line, 'id') } : {}) };
  for (const field of fields) {
    const got = record[field];
    if (typeof got !== 'string') return { ...identified, error: `expected "${field}" to be a string, got ${got === undefined ? 'nothing' : typeof got}` };
  }
  return { ...identified, values: Object.fromEntries(fields.map((field) => [field, record[field]])) as Record<Field, string> };
}

/** Reads one input line: blank (no `text`), a `{"id", "text"}` object, or an error that names what is wrong. */
export function parseRecord(line: string, number: number): TextRecord {
  const parsed = parseObject(line, number, ['text'], '{"id": …, "text": …}');
  if (!parsed) return { line: number };
  const { values, ...record } = parsed;
  return values ? { ...record, text: values.text } : record;
}

/** An answer line: `{"id", …fields}`, the id as the input wrote it (none if it had none). */
export function answerLine(record: Pick<Identified, 'id' | 'idText'>, fields: Record<string, unknown>): string {
  if (record.id === undefined) return JSON.stringify(fields);
  const rest = JSON.stringify(fields).slice(1);
  return `{"id":${record.idText ?? JSON.stringify(record.id)}${rest === '}' ? '' : ','}${rest}`;
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

/**
 * Says on stderr why a line could not be read (its control characters escaped: a terminal would obey them), and
 * returns the `{"id", "error"}` line that takes its place.
 */
export function rejectRecord(record: Identified, stderr: { write(text: string): unknown }): string {
  stderr.write(`line ${record.line}: ${escapeControls(record.error ?? '')}\n`);
  return answerLine({ id: record.id ?? null, idText: record.idText }, { error: record.error });
}
