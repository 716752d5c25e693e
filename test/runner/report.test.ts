import { describe, expect, it } from 'vitest';
import { buildReport, type ArticleRecord } from '../../src/runner/report.js';

const record = (status: ArticleRecord['status'], words?: number): ArticleRecord => ({ source: `${status}.txt`, output: `${status}.md`, status, words, warnings: [], timings_ms: {} });
const records = [record('written', 100), record('written', 50), record('unchanged', 70), record('edited'), record('failed'), record('not-run')];

describe('run report', () => {
  it('counts the articles by status, and words of the written ones only', () => {
    const report = buildReport({ config: 'pipeline.yaml', started: new Date('2026-11-24T10:00:00Z'), records, warnings: ['a warning'], milliseconds: 1500.4, ending: { exitCode: 1 }, checked: true });
    expect(report.summary).toEqual({ articles: 6, written: 2, unchanged: 1, edited: 1, failed: 1, 'not-run': 1, words: 150, milliseconds: 1500, flagged: { sentences: 0, articles: 0, kinds: {} } });
    expect(report.finished).toBe('2026-11-24T10:00:01.500Z');
    expect(report.exit_code).toBe(1);
    expect(report.warnings).toEqual(['a warning']);
    expect(report.tool).toMatch(/^bitext \d+\.\d+\.\d+$/);
  });

  it('counts no flags when the pipeline has no check: none found is not none there', () => {
    const report = buildReport({ config: 'pipeline.yaml', started: new Date(), records, warnings: [], milliseconds: 10, ending: { exitCode: 0 } });
    expect(report.summary).not.toHaveProperty('flagged');
  });

  it('while the run is under way, says it has not finished: a report left so belongs to a run that was killed', () => {
    const report = buildReport({ config: 'pipeline.yaml', started: new Date(), records, warnings: [], milliseconds: 10 });
    expect(report).toMatchObject({ finished: null, exit_code: null });
    expect(report).not.toHaveProperty('interrupted');
  });

  it('keeps how the run ended: the signal, the reason it stopped, the stack of a bug', () => {
    const report = buildReport({ config: 'p.yaml', started: new Date(), records, warnings: [], milliseconds: 10, ending: { exitCode: 3, interrupted: 'SIGTERM', stopped: 'disk full', stack: 'Error: x\n    at y' } });
    expect(report).toMatchObject({ exit_code: 3, interrupted: 'SIGTERM', stopped: 'disk full', stack: 'Error: x\n    at y' });
  });
});
