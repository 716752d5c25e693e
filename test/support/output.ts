import type { Output } from '../../src/report/reporter.js';

/** A captured stdout or stderr. */
export function capture(isTTY = false): Output & { text: () => string } {
  const chunks: string[] = [];
  return { write: (chunk: string) => chunks.push(chunk), isTTY, columns: 100, text: () => chunks.join('') };
}
