#!/usr/bin/env node
// Signals first, before any module loads (that takes a few tenths of a second): a run stopped then still writes its
// report, and an eval says how far it got and keeps what it translated. The other commands stop at the first signal,
// as programs do.
const interrupt = new AbortController();
if (process.argv[2] === 'run' || process.argv[2] === 'eval') {
  // Ctrl-C, SIGTERM (timeout, docker stop, systemd) or SIGHUP once: start no new stage, write the report, exit
  // 128 + the signal's number. Twice: stop at once, killed by the signal as if bitext had no handler: `process.exit`
  // would first wait for the decoding thread, and a thread stopped inside an onnxruntime run aborts the process.
  // Outputs are written atomically, so even then no partial file is left; the next run resumes.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupt.signal.aborted) {
        for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(name);
        process.kill(process.pid, signal);
        return;
      }
      interrupt.abort(signal);
      // An eval ends its progress line and says it was interrupted itself, at once.
      if (process.argv[2] !== 'run') return;
      const how = signal === 'SIGINT' ? 'Ctrl-C' : signal;
      process.stderr.write(`\nbitext: ${how}: stopping after the current stages; ${how} again to stop now\n`);
    });
  }
}

// A reader that goes away (`bitext --help | head -3`) or a terminal that closes (SIGHUP) is not an error: a running
// batch goes on writing its files and its report. Any other failure of standard output (a closed descriptor) is said
// once; `run` goes on (its files and report are its results), the other commands end with exit code 3.
let outputLost = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'EIO' || stream === process.stderr || outputLost) return;
    outputLost = true;
    process.stderr.write(`bitext: standard output cannot be written (${error.code ?? error.message}): ${process.argv[2] === 'run' ? "the closing line is lost; the run's _report.json holds its summary" : 'the output is incomplete'}\n`);
  });
}

const { run } = await import('./main.js');
process.exitCode = await run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: interrupt.signal,
});
// The stream's error may come after the command has returned: checked again as the process ends.
process.on('exit', () => {
  if (outputLost && process.argv[2] !== 'run' && !process.exitCode) process.exitCode = 3;
});
