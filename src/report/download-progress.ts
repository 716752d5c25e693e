import type { PullEvent } from '../models/pull.js';
import type { Output } from './reporter.js';

/** A progress line per file: redrawn on a terminal, printed once when piped. */
export function downloadProgress(output: Output): (event: PullEvent) => void {
  let shownAt = 0;
  return (event) => {
    if (event.type === 'file-progress' && output.isTTY) {
      const now = performance.now();
      if (now - shownAt < 100) return;
      shownAt = now;
      const part = event.total ? ` ${((100 * event.received) / event.total).toFixed(0)}% of ${formatBytes(event.total)}` : '';
      output.write(`\r\x1b[K  ${event.file}: ${formatBytes(event.received)}${part}`);
    } else if (event.type === 'file-start' && event.resumedFrom) {
      output.write(`  ${event.file}: resuming at ${formatBytes(event.resumedFrom)}\n`);
    } else if (event.type === 'file-done') {
      output.write(`${output.isTTY ? '\r\x1b[K' : ''}  ${event.file}: ${event.skipped ? 'already here' : formatBytes(event.bytes)}\n`);
    }
  };
}

/** `12 KB`, `3.4 MB`. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
