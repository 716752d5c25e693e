import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseStages } from '../../src/pipeline/choose.js';
import type { RunEvent } from '../../src/runner/events.js';
import { runBatch } from '../../src/runner/run-batch.js';
import { fakeModels } from '../support/fake-models.js';
import { articles } from '../support/long-run.js';
import { workspace } from '../support/workspace.js';

async function run(input: string, output: string) {
  const events: RunEvent[] = [];
  const stages = chooseStages(['read', 'detect-language', 'translate', 'write-markdown']);
  const code = await runBatch(
    { inputs: [input], output, models: workspace(), stages, concurrency: 2, config: 'test' },
    { models: fakeModels().provider(), emit: (event) => events.push(event), display: (file) => path.relative(path.dirname(input), file) },
  );
  return { code, events };
}

describe('what the runner tells the status line', () => {
  it('models loading first, then each article\'s size, then its translation word by word, skipped articles apart', async () => {
    const input = articles(3);
    const output = path.join(workspace(), 'out');
    const { code, events } = await run(input, output);
    expect(code).toBe(0);
    const types = events.map((event) => event.type);
    expect(types.indexOf('loading')).toBeLessThan(types.indexOf('run-start'));
    const start = events.find((event) => event.type === 'run-start')!;
    expect(start).toMatchObject({ total: 3, bytes: { 'in/article-00.txt': statSync(path.join(input, 'article-00.txt')).size } });
    const progress = events.filter((event) => event.type === 'article-progress' && event.file === 'in/article-01.txt');
    expect(progress[0]).toMatchObject({ words: 0 });
    expect(progress.at(-1)).toMatchObject({ words: (progress.at(-1) as { of: number }).of });
    // Once written, the same articles are skipped: no progress, no start.
    const again = await run(input, output);
    expect(again.events.filter((event) => event.type === 'article-progress' || event.type === 'article-start')).toEqual([]);
    expect(again.events.filter((event) => event.type === 'article-skipped')).toHaveLength(3);
  });
});
