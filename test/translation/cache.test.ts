import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranslationCache } from '../../src/translation/cache.js';
import { workspace } from '../support/workspace.js';

describe('TranslationCache', () => {
  it('keeps translations across runs, by model and settings, and ignores a line cut short by a crash', async () => {
    const folder = path.join(workspace(), 'cache');
    const first = await TranslationCache.open('model A\u0000{"beams":1}', folder);
    first.set('Le chat mange.', 'The cat eats.');
    first.set('Le chien dort.', 'The dog sleeps.');
    await first.save();
    const [file] = readdirSync(folder);
    appendFileSync(path.join(folder, file!), '["abc", "cut sh');

    const again = await TranslationCache.open('model A\u0000{"beams":1}', folder);
    expect(again.size).toBe(2);
    expect(again.get('Le chat mange.')).toBe('The cat eats.');
    expect(again.get('Le chat dort.')).toBeUndefined();
    const otherSettings = await TranslationCache.open('model A\u0000{"beams":4}', folder);
    expect(otherSettings.get('Le chat mange.')).toBeUndefined();
    // Source texts are not written in clear, only their hashes.
    expect(readFileSync(path.join(folder, file!), 'utf8')).not.toContain('Le chat');
  });

  it('without a folder, keeps translations in memory only', async () => {
    const cache = await TranslationCache.open('model');
    cache.set('Un.', 'One.');
    await cache.save();
    expect(cache.get('Un.')).toBe('One.');
  });
});
