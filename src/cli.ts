#!/usr/bin/env node
import { run } from './main.js';

// A reader that goes away (`bitext --help | head -3`) is not an error; a running batch goes on writing its files.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

// Ctrl-C once: start no new stage, write the report, exit 130. Twice: stop at once, killed by the signal as if bitext
// had no handler (the shell reports 130): `process.exit` would first wait for the decoding thread, and a thread
// stopped inside an onnxruntime run aborts the process. Outputs are written atomically, so even then no partial file
// is left; the next run resumes.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) {
    process.removeAllListeners('SIGINT');
    process.kill(process.pid, 'SIGINT');
    return;
  }
  interrupt.abort();
  process.stderr.write('\nbitext: stopping after the current stages; Ctrl-C again to stop now\n');
});

process.exitCode = await run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: interrupt.signal,
});
