import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noModels } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { workspace } from '../support/workspace.js';

describe('pipeline.process', () => {
  it('stops before a stage once interrupted, but finishes an article\'s writers once the first has written', async () => {
    const file = path.join(workspace(), 'article.txt');
    writeFileSync(file, 'Titre\n-\n\nLe conseil municipal a voté le budget.\n');
    const pipeline = await createPipeline(chooseStages(['read', 'write-markdown', 'write-html']), { models: noModels });
    const stop = new AbortController();
    const written: string[] = [];
    await pipeline.process({ kind: 'file', path: file, display: file }, {
      signal: stop.signal,
      write: async (extension) => {
        written.push(extension);
        stop.abort('SIGTERM');
      },
    });
    expect(written).toEqual(['.md', '.html']);

    const before = new AbortController();
    before.abort('SIGTERM');
    await expect(pipeline.process({ kind: 'file', path: file, display: file }, { signal: before.signal, write: async (extension) => void written.push(extension) })).rejects.toBe('SIGTERM');
    expect(written).toEqual(['.md', '.html']);
  });
});
