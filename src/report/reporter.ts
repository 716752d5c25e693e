import type { RunEvent } from '../runner/events.js';

/** Somewhere to print: process.stdout in the CLI, a buffer in tests. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/**
 * Prints a run's events. On a terminal: a live status line (done/total, ETA, what is running) and one line per
 * finished article. Piped: only failures (on stderr) and the closing summary. `verbose` prints every article
 * whatever the output; `quiet` prints failures only.
 */
export function createReporter(stdout: Output, stderr: Output, verbosity: Verbosity) {
  const live = Boolean(stderr.isTTY) && verbosity !== 'quiet';
  const perArticle = verbosity === 'verbose' || live;
  let total = 0;
  let done = 0;
  let started = 0;
  const running = new Map<string, string>();
  let statusShown = false;

  const clearStatus = () => {
    if (statusShown) stderr.write('\r\x1b[K');
    statusShown = false;
  };
  const showStatus = () => {
    if (!live || done >= total) return;
    const elapsed = performance.now() - started;
    const eta = done ? formatDuration((elapsed / done) * (total - done)) : '…';
    const [file, stage] = running.entries().next().value ?? ['', ''];
    const line = `[${done}/${total}] ETA ${eta} · ${stage} ${file}`;
    const width = Math.max(20, (stderr.columns || 80) - 1); // 0 when the terminal reports no size
    stderr.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    statusShown = true;
  };
  const printLine = (output: Output, text: string) => {
    clearStatus();
    output.write(`${text}\n`);
    showStatus();
  };

  return (event: RunEvent): void => {
    switch (event.type) {
      case 'run-start':
        total = event.total;
        started = performance.now();
        showStatus();
        break;
      case 'article-start':
      case 'stage-start':
        running.set(event.file, event.type === 'stage-start' ? event.stage : 'starting');
        showStatus();
        break;
      case 'article-end':
        done++;
        running.delete(event.file);
        if (perArticle) {
          const notes = event.notes ? ` · ${event.notes} note${event.notes === 1 ? '' : 's'}` : '';
          printLine(stderr, `✓ ${event.file} → ${event.output} (${event.words} words, ${formatDuration(event.milliseconds)}${notes})`);
        } else showStatus();
        break;
      case 'article-skipped':
        done++;
        if (event.status === 'edited') {
          const why = event.recorded === false ? 'is not in bitext\'s record of what it wrote (another tool\'s, or the record was lost)' : 'was edited since bitext wrote it';
          printLine(stderr, `≠ ${event.file}: ${event.output} ${why}; kept (delete it, or use --force, to redo it)`);
        }
        else if (verbosity === 'verbose') printLine(stderr, `= ${event.file}: unchanged since ${event.output} was written; skipped (--force redoes it)`);
        else showStatus();
        break;
      case 'article-failed':
        done++;
        running.delete(event.file);
        printLine(stderr, `✗ ${event.file}: ${event.stage}: ${event.message}`);
        // A bug: its stack is what a report of it needs.
        if (event.stack) printLine(stderr, `  this is a bug in bitext; please report it with this stack:\n${event.stack}`);
        break;
      case 'warning':
        if (verbosity !== 'quiet') printLine(stderr, `warning: ${event.message}`);
        break;
      case 'run-end': {
        clearStatus();
        if (event.stopped) stderr.write(`bitext: the run stopped: ${event.stopped}\n`);
        if ('error' in event.report) stderr.write(`bitext: the run's report ${event.report.error}; this closing line is the only account of the run\n`);
        if (verbosity === 'quiet' && !event.interrupted && !event.stopped) break;
        stdout.write(`${closingLine(event)}\n`);
        if (event.flagged?.sentences) stdout.write(`${flaggedLine(event.flagged)}\n`);
        break;
      }
    }
  };
}

/** The run's last line: how it ended, what became of its articles, and where they went. */
export function closingLine(event: Extract<RunEvent, { type: 'run-end' }>): string {
  const { counts } = event;
  const articles = Object.values(counts).reduce((total, count) => total + count, 0);
  const parts = [`${counts.written} written`];
  if (counts.unchanged) parts.push(`${counts.unchanged} unchanged (skipped)`);
  if (counts.edited) parts.push(`${counts.edited} edited by hand (kept)`);
  parts.push(`${counts.failed} failed`);
  if (counts['not-run']) parts.push(`${counts['not-run']} not run`);
  const seconds = event.milliseconds / 1000;
  const rate = seconds > 0 && event.words > 0 ? ` · ${Math.round(event.words / seconds).toLocaleString('en')} words/s` : '';
  const how = event.interrupted ? `Interrupted (${event.interrupted}): ` : event.stopped ? 'Stopped: ' : '';
  return `${how}${articles} article${articles === 1 ? '' : 's'}: ${parts.join(', ')} · ${event.words.toLocaleString('en')} words · ${formatDuration(event.milliseconds)}${rate} → ${event.output}`;
}

/** `12 sentences flagged in 4 articles: 7 number, 3 omission, 2 name` (see the outputs). */
export function flaggedLine(flagged: NonNullable<Extract<RunEvent, { type: 'run-end' }>['flagged']>): string {
  const kinds = Object.entries(flagged.kinds).sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${count} ${kind}`).join(', ');
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(flagged.sentences, 'sentence')} flagged in ${plural(flagged.articles, 'article')}: ${kinds} (marked ⚠ in the outputs, listed in the report)`;
}

/** `850 ms`, `3.2 s`, `4 min 05 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}
