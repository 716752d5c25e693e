import path from 'node:path';
import type { RunEvent } from '../runner/events.js';
import { Progress } from './progress.js';
import { statusLine } from './status-line.js';
import { fitWidth } from './width.js';

/** The least time between two drawings of the status line. */
const redrawMilliseconds = 250;

/** Somewhere to print: process.stdout in the CLI, a buffer in tests. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** For tests: the clock, and whether timers redraw the status line (every second, and after a redraw held back). */
export interface ReporterOptions {
  now?: () => number;
  tick?: boolean;
}

/**
 * Prints a run's events. On a terminal: a live status line, redrawn every second and as things happen, at most four
 * times a second, cut to the terminal's width (articles done, source words done and left, words/s, an ETA that
 * counts down, the articles in flight) and one line per finished article. Piped: only
 * failures (on stderr) and the closing summary. `verbose` prints every article whatever the output; `quiet` prints
 * failures only.
 */
export function createReporter(stdout: Output, stderr: Output, verbosity: Verbosity, options: ReporterOptions = {}) {
  const now = options.now ?? (() => performance.now());
  const live = Boolean(stderr.isTTY) && verbosity !== 'quiet';
  const perArticle = verbosity === 'verbose' || live;
  let total = 0;
  let done = 0;
  let loadingSince: number | undefined;
  const running = new Map<string, string>();
  const progress = new Progress(now);
  let statusShown = false;
  /** A queued run's workers, once counted; none yet is said once. */
  let workers: number | undefined;
  let noWorkerSaid = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  let drawnAt: number | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const clearStatus = () => {
    if (statusShown) stderr.write('\r\x1b[K');
    statusShown = false;
  };
  const currentLine = (width: number): string | undefined => {
    if (loadingSince !== undefined) return fitWidth(`loading models… ${Math.floor((now() - loadingSince) / 1000)} s`, width);
    if (done >= total) return undefined;
    return statusLine({ done, total, running, progress, formatSeconds, ...(workers === undefined ? {} : { workers }) }, width);
  };
  const draw = () => {
    if (pending) clearTimeout(pending);
    pending = undefined;
    const width = Math.max(1, (stderr.columns || 80) - 1); // 0 when the terminal reports no size
    const line = currentLine(width);
    if (line === undefined) return clearStatus();
    stderr.write(`\r\x1b[K${line}`);
    statusShown = true;
    drawnAt = now();
  };
  // Drawn at most every quarter of a second: events come much faster than a reader reads, and each redraw costs a
  // terminal a repaint. What is asked for meanwhile is drawn when the quarter is over.
  const showStatus = () => {
    if (!live) return;
    const wait = drawnAt === undefined ? 0 : drawnAt + redrawMilliseconds - now();
    if (wait <= 0) return draw();
    if (!pending && options.tick !== false) {
      pending = setTimeout(draw, wait);
      pending.unref?.();
    }
  };
  const startTimer = () => {
    if (!live || timer || options.tick === false) return;
    timer = setInterval(showStatus, 1000);
    // The status line never keeps the process alive.
    timer.unref?.();
  };
  const printLine = (output: Output, text: string) => {
    clearStatus();
    output.write(`${text}\n`);
    showStatus();
  };

  return (event: RunEvent): void => {
    switch (event.type) {
      case 'loading':
        loadingSince = now();
        startTimer();
        showStatus();
        break;
      case 'run-start':
        loadingSince = undefined;
        total = event.total;
        progress.start(event.bytes ?? {});
        startTimer();
        showStatus();
        break;
      case 'article-start':
        progress.begin(event.file);
        running.set(event.file, 'starting');
        showStatus();
        break;
      case 'stage-start':
        running.set(event.file, event.stage);
        showStatus();
        break;
      case 'article-progress':
        progress.advance(event.file, event.words, event.of);
        break;
      case 'article-end':
        done++;
        progress.finish(event.file, event.words);
        running.delete(event.file);
        if (perArticle) {
          const notes = event.notes ? ` · ${event.notes} note${event.notes === 1 ? '' : 's'}` : '';
          printLine(stderr, `✓ ${event.file} → ${event.output} (${event.words} words, ${formatDuration(event.milliseconds)}${notes})`);
        } else showStatus();
        break;
      case 'article-skipped':
        done++;
        progress.drop(event.file);
        if (event.status === 'edited') {
          const kept = event.kept ?? [event.output];
          const one = kept.length === 1;
          const why = event.recorded === false ? `${one ? 'is' : 'are'} not in bitext's record of what it wrote (another tool's, or the record was lost)` : `${one ? 'was' : 'were'} edited since bitext wrote ${one ? 'it' : 'them'}`;
          printLine(stderr, `≠ ${event.file}: ${kept.join(' and ')} ${why}; kept (delete ${one ? 'it' : 'them'}, or use --force, to redo the article)`);
        }
        else if (verbosity === 'verbose') printLine(stderr, `= ${event.file}: unchanged since ${event.output} was written; skipped (--force redoes it)`);
        else showStatus();
        break;
      case 'article-failed':
        done++;
        progress.drop(event.file);
        running.delete(event.file);
        printLine(stderr, `✗ ${event.file}: ${event.stage}: ${event.message}`);
        // A bug: its stack is what a report of it needs.
        if (event.stack) printLine(stderr, `  this is a bug in bitext; please report it with this stack:\n${event.stack}`);
        break;
      case 'article-requeued':
        running.delete(event.file);
        progress.requeue(event.file);
        if (verbosity !== 'quiet') printLine(stderr, `↺ ${event.file}: ${event.reason}`);
        break;
      case 'workers':
        workers = event.count;
        if (event.count === 0 && !noWorkerSaid && done < total && verbosity !== 'quiet') {
          noWorkerSaid = true;
          printLine(stderr, `no worker is taking articles from ${event.queue} yet: start \`bitext worker --queue ${event.queue}\` where the inputs, the models and the output folder are shared`);
        } else showStatus();
        break;
      case 'warning':
        if (verbosity !== 'quiet') printLine(stderr, `warning: ${event.message}`);
        break;
      case 'run-end': {
        if (timer) clearInterval(timer);
        if (pending) clearTimeout(pending);
        timer = pending = undefined;
        loadingSince = undefined;
        clearStatus();
        if (event.stopped) stderr.write(`bitext: the run stopped: ${event.stopped}\n`);
        if ('error' in event.report) stderr.write(`bitext: the run's report ${event.report.error}; this closing line is the only account of the run\n`);
        if (verbosity === 'quiet' && !event.interrupted && !event.stopped) break;
        stdout.write(`${closingLine(event)}\n`);
        if (event.flagged?.sentences) stdout.write(`${flaggedLine(event.flagged)}\n`);
        if (event.inconsistentNames?.length) stdout.write(`${namesLine(event.inconsistentNames)}\n`);
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

/** A time left in whole seconds, rounded up: `9 s`, `4 min 05 s`. */
function formatSeconds(milliseconds: number): string {
  const seconds = Math.ceil(milliseconds / 1000);
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
}

/** `2 names rendered two ways: Ayrault (Ayrault, Airault), … (see names in _report.json)`. */
export function namesLine(names: NonNullable<Extract<RunEvent, { type: 'run-end' }>['inconsistentNames']>): string {
  const shown = names.slice(0, 3).map((name) => `${name.name} (${name.renderings.map((rendering) => rendering.text ?? 'missing').join(', ')})`);
  const more = names.length > shown.length ? `, and ${names.length - shown.length} more` : '';
  return `${names.length} name${names.length === 1 ? '' : 's'} rendered two ways across the articles: ${shown.join('; ')}${more} (see names in _report.json)`;
}

/** `850 ms`, `3.2 s`, `4 min 05 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}
