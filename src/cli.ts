#!/usr/bin/env node
// Signals first, before any module loads (that takes a few tenths of a second): a run stopped then still writes its
// report, an eval says how far it got and keeps what it translated, and a worker finishes or hands back its jobs. The
// other commands stop at the first signal, as programs do.
const interrupt = new AbortController();
const urgent = new AbortController();
const command = process.argv[2];
const queued = command === 'run' && process.argv.some((argument) => argument === '--queue' || argument.startsWith('--queue='));
/** What the first and the second signal do, as said when they come; a last one stops at once. */
const steps: Record<string, (((how: string) => string) | undefined)[]> = {
  run: [(how) => `stopping after the current stages; ${how} again to stop now`],
  // An eval ends its progress line and says it was interrupted itself, at once.
  eval: [undefined],
  queued: [
    (how) => `taking back the queued articles, waiting for those under way on workers; ${how} again to leave them to their workers`,
    (how) => `leaving the articles under way to their workers; ${how} again to stop now`,
  ],
  worker: [
    (how) => `finishing the articles under way, taking no new one; ${how} again to hand them back to the queue now`,
    (how) => `handing the articles under way back to the queue; ${how} again to stop now`,
  ],
};
const said = steps[queued ? 'queued' : command ?? ''];
if (said) {
  // Ctrl-C, SIGTERM (timeout, docker stop, systemd) or SIGHUP once: start no new stage, write the report, exit
  // 128 + the signal's number (a worker: finish its articles, exit 0). The last: stop at once, killed by the signal
  // as if bitext had no handler: `process.exit` would first wait for the decoding thread, and a thread stopped inside
  // an onnxruntime run aborts the process. Outputs are written atomically, so even then no partial file is left; the
  // next run resumes, and a worker's article goes to another worker.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      const step = [interrupt, urgent].findIndex((controller) => !controller.signal.aborted);
      if (step < 0 || step >= said.length) {
        for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(name);
        process.kill(process.pid, signal);
        return;
      }
      [interrupt, urgent][step]!.abort(signal);
      const how = signal === 'SIGINT' ? 'Ctrl-C' : signal;
      const what = said[step];
      if (what) process.stderr.write(`\nbitext${command === 'worker' ? ' worker' : ''}: ${how}: ${what(how)}\n`);
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
  urgent: urgent.signal,
});
// The stream's error may come after the command has returned: checked again as the process ends.
process.on('exit', () => {
  if (outputLost && process.argv[2] !== 'run' && !process.exitCode) process.exitCode = 3;
});
// A worker or a queued run that gave up on a Redis gone leaves BullMQ retrying it on timers that never stop; once the
// command has returned (its jobs done or handed back, its report written, its models released), nothing is left to
// wait for.
if (command === 'worker' || queued) process.exit();
