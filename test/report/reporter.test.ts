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
  emit({ type: 'article-failed', file: 'b.txt', stage: 'read', message: 'is empty', error: new Error('is empty') });
  emit({ type: 'run-end', written: 1, unchanged: 0, failed: 1, words: 120, milliseconds: 2000, output: 'out' });
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

  it.each([[850, '850 ms'], [3200, '3.2 s'], [245_000, '4 min 05 s']])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
