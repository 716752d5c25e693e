import { describe, expect, it } from 'vitest';
import { buildReport, type ArticleRecord } from '../../src/report/run-report.js';

describe('run report', () => {
  it('counts the articles by status, and words of the written ones only', () => {
    const record = (status: ArticleRecord['status'], words?: number): ArticleRecord => ({ source: `${status}.txt`, output: `${status}.md`, status, words, warnings: [], timings_ms: {} });
    const report = buildReport({
      config: 'pipeline.yaml',
      started: new Date('2026-11-24T10:00:00Z'),
      records: [record('written', 100), record('written', 50), record('unchanged', 70), record('failed'), record('not-run')],
      exitCode: 1,
      milliseconds: 1500.4,
    });
    expect(report.summary).toEqual({ articles: 5, written: 2, unchanged: 1, failed: 1, 'not-run': 1, words: 150, milliseconds: 1500 });
    expect(report.finished).toBe('2026-11-24T10:00:01.500Z');
    expect(report.exit_code).toBe(1);
    expect(report.tool).toMatch(/^bitext \d+\.\d+\.\d+$/);
  });
});
