import { describe, expect, it } from 'vitest';
import { createReporter, formatDuration } from '../../src/report/reporter.js';
import { capture } from '../support/output.js';

function replay(isTTY: boolean, verbosity: 'quiet' | 'normal' | 'verbose' = 'normal') {
  const stdout = capture();
  const stderr = capture(isTTY);
  const emit = createReporter(stdout, stderr, verbosity);
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
    expect(stderr).toContain('[0/2] ETA … · translate a.txt');
    expect(stderr).toMatch(/\[1\/2\] ETA [\d.]+ (ms|s)/);
    expect(stderr).toContain('✓ a.txt → out/a.md (120 words, 1.5 s · 1 note)');
    expect(stderr).toContain('✗ b.txt: read: is empty');
    expect(stdout).toBe('2 articles: 1 written, 1 failed · 120 words · 2.0 s · 60 words/s → out\n');
  });

  it('on a terminal that reports no width, assumes 80 columns rather than cutting the line short', () => {
    const stderr = { ...capture(true), columns: 0 };
    const chunks: string[] = [];
    stderr.write = (chunk: string) => chunks.push(chunk);
    const emit = createReporter(capture(), stderr, 'normal');
    emit({ type: 'run-start', total: 3, concurrency: 1 });
    emit({ type: 'stage-start', file: 'articles/a-rather-long-name.txt', stage: 'detect-language' });
    expect(chunks.join('')).toContain('[0/3] ETA … · detect-language articles/a-rather-long-name.txt');
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
