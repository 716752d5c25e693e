import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../src/runner/events.js';
import { createReporter, formatDuration } from '../../src/report/reporter.js';
import { displayWidth } from '../../src/report/width.js';
import { capture } from '../support/output.js';

function replay(isTTY: boolean, verbosity: 'quiet' | 'normal' | 'verbose' = 'normal') {
  const stdout = capture();
  const stderr = capture(isTTY);
  // A second between events: each is drawn.
  let clock = 0;
  const report = createReporter(stdout, stderr, verbosity, { tick: false, now: () => clock });
  const emit = (event: RunEvent) => {
    clock += 1000;
    report(event);
  };
  emit({ type: 'run-start', total: 2, concurrency: 1 });
  emit({ type: 'article-start', file: 'a.txt' });
  emit({ type: 'stage-start', file: 'a.txt', stage: 'translate' });
  emit({ type: 'article-end', file: 'a.txt', output: 'out/a.md', words: 120, milliseconds: 1500, notes: 1 });
  emit({ type: 'article-start', file: 'b.txt' });
  emit({ type: 'article-failed', file: 'b.txt', stage: 'read', message: 'is empty' });
  emit({ type: 'run-end', counts: { written: 1, unchanged: 0, edited: 0, failed: 1, 'not-run': 0 }, words: 120, milliseconds: 2000, output: 'out', report: { file: 'out/_report.json' } });
  return { stdout: stdout.text(), stderr: stderr.text() };
}

describe('reporter', () => {
  it('on a terminal: a live status line with ETA, a line per article, then the summary', () => {
    const { stdout, stderr } = replay(true);
    expect(stderr).toContain('[0/2] · ETA … · translate a.txt');
    expect(stderr).toContain('✓ a.txt → out/a.md (120 words, 1.5 s · 1 note)');
    expect(stderr).toContain('✗ b.txt: read: is empty');
    expect(stdout).toBe('2 articles: 1 written, 1 failed · 120 words · 2.0 s · 60 words/s → out\n');
  });

  it('on a terminal that reports no width, assumes 80 columns rather than cutting the line short', () => {
    const stderr = { ...capture(true), columns: 0 };
    const chunks: string[] = [];
    stderr.write = (chunk: string) => chunks.push(chunk);
    let clock = 0;
    const emit = createReporter(capture(), stderr, 'normal', { tick: false, now: () => clock });
    emit({ type: 'run-start', total: 3, concurrency: 1 });
    clock = 1000;
    emit({ type: 'stage-start', file: 'articles/a-rather-long-name.txt', stage: 'detect-language' });
    expect(chunks.join('')).toContain('[0/3] · ETA … · detect-language articles/a-rather-long-name.txt');
  });

  it('a queued run: its workers counted on the status line, an article sent back to the queue said, no worker said once', () => {
    const stderr = capture(true);
    // A second between events: each is drawn.
    let clock = 0;
    const report = createReporter(capture(), stderr, 'normal', { tick: false, now: () => clock });
    const emit = (event: RunEvent) => {
      clock += 1000;
      report(event);
    };
    emit({ type: 'run-start', total: 2, concurrency: 0 });
    emit({ type: 'workers', count: 0, queue: 'redis://q:6379/0' });
    emit({ type: 'workers', count: 0, queue: 'redis://q:6379/0' });
    emit({ type: 'workers', count: 2, queue: 'redis://q:6379/0' });
    emit({ type: 'stage-start', file: 'a.txt', stage: 'translate' });
    expect(stderr.text()).toContain('[0/2] · ETA … · 2 workers · translate a.txt');
    emit({ type: 'article-requeued', file: 'a.txt', reason: 'its worker stopped answering (killed, or cut off from Redis): back in the queue for another worker' });
    const text = stderr.text();
    expect(text.match(/no worker is taking articles from redis:\/\/q:6379\/0 yet: start `bitext worker --queue redis:\/\/q:6379\/0` where the inputs, the models and the output folder are shared\n/g)).toHaveLength(1);
    expect(text).toContain('↺ a.txt: its worker stopped answering (killed, or cut off from Redis): back in the queue for another worker\n');
    expect(text.slice(text.lastIndexOf('\r'))).toBe('\r\x1b[K[0/2] · ETA … · 2 workers');
  });

  it('piped: only failures and the summary, no control characters', () => {
    const { stdout, stderr } = replay(false);
    expect(stderr).toBe('✗ b.txt: read: is empty\n');
    expect(stdout).toBe('2 articles: 1 written, 1 failed · 120 words · 2.0 s · 60 words/s → out\n');
  });

  it('quiet: failures only; verbose: every article even when piped', () => {
    expect(replay(false, 'quiet')).toEqual({ stdout: '', stderr: '✗ b.txt: read: is empty\n' });
    expect(replay(false, 'verbose').stderr).toContain('✓ a.txt → out/a.md');
  });

  it.each([
    ['an interrupted run, with the articles that did not run', { interrupted: 'SIGTERM', counts: { written: 8, unchanged: 36, edited: 0, failed: 0, 'not-run': 16 } }, /^Interrupted \(SIGTERM\): 60 articles: 8 written, 36 unchanged \(skipped\), 0 failed, 16 not run · /],
    ['a run that stopped', { stopped: 'The output folder out cannot be written: the disk is full (ENOSPC)', counts: { written: 18, unchanged: 0, edited: 0, failed: 1, 'not-run': 41 } }, /^Stopped: 60 articles: 18 written, 1 failed, 41 not run · /],
    ['outputs edited by hand', { counts: { written: 1, unchanged: 0, edited: 2, failed: 0, 'not-run': 0 } }, /^3 articles: 1 written, 2 edited by hand \(kept\), 0 failed · /],
  ])('closes %s with a line that says so', (_, ending, line) => {
    const stdout = capture();
    const stderr = capture();
    createReporter(stdout, stderr, 'normal')({ type: 'run-end', words: 0, milliseconds: 10, output: 'out', report: { file: 'out/_report.json' }, ...ending });
    expect(stdout.text()).toMatch(line);
    if ('stopped' in ending) expect(stderr.text()).toContain(`bitext: the run stopped: ${ending.stopped}`);
  });

  it('says when the report could not be written, and prints a bug\'s stack', () => {
    const stdout = capture();
    const stderr = capture();
    const emit = createReporter(stdout, stderr, 'normal');
    emit({ type: 'article-failed', file: 'a.txt', stage: 'translate', message: 'internal error: boom', stack: 'Error: boom\n    at somewhere' });
    emit({ type: 'run-end', counts: { written: 0, unchanged: 0, edited: 0, failed: 1, 'not-run': 0 }, words: 0, milliseconds: 10, output: 'out', report: { error: 'out/_report.json could not be written (ENOSPC)' } });
    expect(stderr.text()).toContain('this is a bug in bitext; please report it with this stack:\nError: boom\n    at somewhere');
    expect(stderr.text()).toContain("bitext: the run's report out/_report.json could not be written (ENOSPC)");
    expect(stdout.text()).toMatch(/^1 article: 0 written, 1 failed/);
  });

  it.each([[850, '850 ms'], [3200, '3.2 s'], [245_000, '4 min 05 s']])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('the status line on a terminal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /**
   * A reporter on a terminal with a clock the test moves; `status()` is the line drawn once what was held back is
   * drawn (a quarter of a second of the timers later, the clock standing still).
   */
  function watch(columns = 200) {
    let clock = 0;
    const stderr = { ...capture(true), columns };
    const emit = createReporter(capture(), stderr, 'normal', { now: () => clock });
    return {
      emit,
      at: (seconds: number) => (clock = seconds * 1000),
      status: () => {
        vi.advanceTimersByTime(250);
        return stderr.text().split('\r\x1b[K').at(-1)!;
      },
      drawings: () => stderr.text().split('\r\x1b[K').length - 1,
    };
  }

  it('says models are loading, with the time spent, before any article is read', () => {
    const run = watch();
    run.emit({ type: 'loading' });
    run.at(4.5);
    run.emit({ type: 'warning', message: 'something' });
    expect(run.status()).toBe('loading models… 4 s');
  });

  it('counts words done and left, the rate, and an ETA that counts down about a second a second', () => {
    const run = watch();
    // Three articles of 650 bytes: about 100 words each until one is read.
    run.emit({ type: 'run-start', total: 3, concurrency: 1, bytes: { 'a.txt': 650, 'b.txt': 650, 'c.txt': 650 } });
    run.emit({ type: 'article-start', file: 'a.txt' });
    run.emit({ type: 'stage-start', file: 'a.txt', stage: 'translate' });
    run.emit({ type: 'article-progress', file: 'a.txt', words: 0, of: 120 });
    run.emit({ type: 'stage-start', file: 'a.txt', stage: 'translate' });
    expect(run.status()).toBe('[0/3] · 0 of ~320 words · ETA … · translate a.txt');
    const etas: number[] = [];
    for (let second = 1; second <= 10; second++) {
      run.at(second);
      // 10 words a second, steadily.
      run.emit({ type: 'article-progress', file: 'a.txt', words: 10 * second, of: 120 });
      run.emit({ type: 'stage-start', file: 'a.txt', stage: 'translate' });
      const match = /ETA (\d+) s/.exec(run.status());
      if (second >= 3) etas.push(Number(match![1]));
    }
    expect(run.status()).toMatch(/^\[0\/3\] · 100 of ~320 words · 10 words\/s · ETA 22 s · translate a\.txt$/);
    for (let index = 1; index < etas.length; index++) expect(etas[index - 1]! - etas[index]!).toBeCloseTo(1, 0);
  });

  it('leaves skipped articles out of the words left and the rate, and names the articles in flight', () => {
    const run = watch();
    run.emit({ type: 'run-start', total: 4, concurrency: 2, bytes: { 'a.txt': 650, 'b.txt': 650, 'c.txt': 65_000, 'd.txt': 65_000 } });
    // Skipped at once: a resume. Their words are not work, nor speed.
    run.emit({ type: 'article-skipped', file: 'c.txt', output: 'c.md', status: 'unchanged' });
    run.emit({ type: 'article-skipped', file: 'd.txt', output: 'd.md', status: 'unchanged' });
    run.emit({ type: 'article-start', file: 'a.txt' });
    run.emit({ type: 'article-start', file: 'b.txt' });
    run.emit({ type: 'stage-start', file: 'a.txt', stage: 'translate' });
    run.emit({ type: 'article-progress', file: 'a.txt', words: 0, of: 100 });
    run.at(5);
    run.emit({ type: 'article-progress', file: 'a.txt', words: 50, of: 100 });
    run.emit({ type: 'stage-start', file: 'b.txt', stage: 'detect-language' });
    // 50 words in 5 s; 50 left of a, about 100 of b: 15 s.
    expect(run.status()).toBe('[2/4] · 50 of ~200 words · 10 words/s · ETA 15 s · 2 in flight (translate 1, detect-language 1): a.txt, b.txt');
  });

  it('learns the words a byte holds from the articles written', () => {
    const run = watch();
    run.emit({ type: 'run-start', total: 2, concurrency: 1, bytes: { 'a.txt': 1000, 'b.txt': 2000 } });
    run.emit({ type: 'article-start', file: 'a.txt' });
    run.at(4);
    // a.txt held 300 words in 1,000 bytes: b.txt's 2,000 bytes are taken to hold 600.
    run.emit({ type: 'article-end', file: 'a.txt', output: 'a.md', words: 300, milliseconds: 4000, notes: 0 });
    run.emit({ type: 'article-start', file: 'b.txt' });
    expect(run.status()).toBe('[1/2] · 300 of ~900 words · 75 words/s · ETA 8 s · starting b.txt');
  });

  it('fits a 40-column terminal: the articles in flight give way first, then the line is cut', () => {
    const run = watch(40);
    run.emit({ type: 'run-start', total: 12, concurrency: 3, bytes: { 'un-article-au-nom-long-1.txt': 650, 'un-article-au-nom-long-2.txt': 650, '東京の記事.txt': 650 } });
    for (const file of ['un-article-au-nom-long-1.txt', 'un-article-au-nom-long-2.txt']) {
      run.emit({ type: 'article-start', file });
      run.emit({ type: 'stage-start', file, stage: 'translate' });
    }
    const line = run.status();
    expect(displayWidth(line)).toBeLessThanOrEqual(39);
    expect(line).toBe('[0/12] · 0 of ~300 words · ETA …');
    // One article in flight whose name is in wide characters: cut by the columns it takes, not by its length.
    const one = watch(60);
    one.emit({ type: 'run-start', total: 1, concurrency: 1, bytes: { '東京の記事についての長い名前.txt': 650 } });
    one.emit({ type: 'article-start', file: '東京の記事についての長い名前.txt' });
    one.emit({ type: 'stage-start', file: '東京の記事についての長い名前.txt', stage: 'translate' });
    expect(one.status()).toMatch(/^\[0\/1\] · 0 of ~100 words · ETA … · translate 東京の.*…$/u);
    expect(displayWidth(one.status())).toBeLessThanOrEqual(59);
    expect(displayWidth(one.status())).toBeGreaterThanOrEqual(57);
    // A terminal narrower than the head: the line itself is cut.
    const narrow = watch(16);
    narrow.emit({ type: 'run-start', total: 1, concurrency: 1, bytes: { 'a.txt': 650 } });
    expect(narrow.status()).toBe('[0/1] · 0 of ~…');
  });

  it('draws at most four times a second however fast events come, and draws the last of them', () => {
    const run = watch();
    run.emit({ type: 'run-start', total: 100, concurrency: 8 });
    const before = run.drawings();
    for (let event = 0; event < 100; event++) {
      // An event every 10 ms, for a second.
      run.at(event / 100);
      run.emit({ type: 'article-start', file: `article-${event}.txt` });
      vi.advanceTimersByTime(10);
    }
    expect(run.drawings() - before).toBeLessThanOrEqual(5);
    expect(run.status()).toContain('100 in flight (starting 100)');
  });

  it('says a tiny batch\'s words as they are: one word, and no ~ once every word is counted', () => {
    const run = watch();
    run.emit({ type: 'run-start', total: 1, concurrency: 1, bytes: { 'a.txt': 6 } });
    expect(run.status()).toBe('[0/1] · 0 of ~1 word · ETA …');
    run.emit({ type: 'article-start', file: 'a.txt' });
    run.emit({ type: 'article-progress', file: 'a.txt', words: 0, of: 2 });
    run.emit({ type: 'stage-start', file: 'a.txt', stage: 'translate' });
    expect(run.status()).toBe('[0/1] · 0 of 2 words · ETA … · translate a.txt');
  });

  it('redraws itself every second, so the ETA counts down while nothing ends, and stops with the run', () => {
    try {
      let clock = 0;
      const stderr = { ...capture(true), columns: 200 };
      const emit = createReporter(capture(), stderr, 'normal', { now: () => clock });
      emit({ type: 'run-start', total: 1, concurrency: 1, bytes: { 'a.txt': 6500 } });
      emit({ type: 'article-start', file: 'a.txt' });
      emit({ type: 'article-progress', file: 'a.txt', words: 0, of: 1000 });
      clock = 10_000;
      emit({ type: 'article-progress', file: 'a.txt', words: 500, of: 1000 });
      const drawn = () => stderr.text().split('\r\x1b[K').filter((line) => line.includes('ETA'));
      const before = drawn().length;
      for (let second = 1; second <= 3; second++) {
        clock += 1000;
        // Progress draws nothing itself: only the timer does.
        emit({ type: 'article-progress', file: 'a.txt', words: 500 + 50 * second, of: 1000 });
        vi.advanceTimersByTime(1000);
      }
      const etas = drawn().slice(before).map((line) => Number(/ETA (\d+) s/.exec(line)![1]));
      // 50 words/s with 450 words left at the first redraw: 9 s, then 8 s, 7 s.
      expect(etas).toEqual([9, 8, 7]);
      emit({ type: 'run-end', counts: { written: 1, unchanged: 0, edited: 0, failed: 0, 'not-run': 0 }, words: 1000, milliseconds: 20_000, output: 'out', report: { file: 'out/_report.json' } });
      const after = stderr.text().length;
      vi.advanceTimersByTime(5000);
      expect(stderr.text().length).toBe(after);
    } finally {
      vi.useRealTimers();
    }
  });
});
