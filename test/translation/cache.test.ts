import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranslationCache } from '../../src/translation/cache.js';
import { translated } from '../support/fake-models.js';
import { workspace } from '../support/workspace.js';

describe('TranslationCache', () => {
  it('keeps translations across runs, by model and settings, and ignores a line cut short by a crash', async () => {
    const folder = path.join(workspace(), 'cache');
    const first = await TranslationCache.open('model A\u0000{"beams":1}', folder);
    first.set('Le chat mange.', translated('The cat eats.'));
    first.set('Le chien dort.', translated('The dog sleeps.'));
    await first.save();
    const [file] = readdirSync(folder);
    appendFileSync(path.join(folder, file!), '["abc", "cut sh');

    const again = await TranslationCache.open('model A\u0000{"beams":1}', folder);
    expect(again.size).toBe(2);
    expect(again.get('Le chat mange.')).toEqual(translated('The cat eats.'));
    expect(again.get('Le chat dort.')).toBeUndefined();
    const otherSettings = await TranslationCache.open('model A\u0000{"beams":4}', folder);
    expect(otherSettings.get('Le chat mange.')).toBeUndefined();
    // Source texts are not written in clear, only their hashes.
    expect(readFileSync(path.join(folder, file!), 'utf8')).not.toContain('Le chat');
  });

  it('without a folder, keeps translations in memory only', async () => {
    const cache = await TranslationCache.open('model');
    cache.set('Un.', translated('One.'));
    await cache.save();
    expect(cache.get('Un.')).toEqual(translated('One.'));
  });

  it('keeps what became of unknown words and empty outputs, in lines an older bitext reads as its own', async () => {
    const folder = path.join(workspace(), 'cache');
    const first = await TranslationCache.open('model', folder);
    const restored = { text: 'The 😀 ⟨?⟩ eats.', empty: false, unknown: { restored: ['😀'], missing: 1 } };
    first.set('Le 😀 mange.', restored);
    first.set('Le.', translated(''));
    await first.save();
    const again = await TranslationCache.open('model', folder);
    expect(again.get('Le 😀 mange.')).toEqual(restored);
    expect(again.get('Le.')).toEqual({ text: '', empty: true, unknown: { restored: [], missing: 0 } });
    // What an older bitext reads of each line: `[key, translation]`, both strings.
    const lines = readFileSync(path.join(folder, readdirSync(folder)[0]!), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown[]);
    expect(lines.map(([key, text]) => [typeof key, text])).toEqual([['string', 'The 😀 ⟨?⟩ eats.'], ['string', '']]);
  });

  it('translates again a sentence an older bitext cached, whose line does not say what became of unknown words', async () => {
    const folder = path.join(workspace(), 'cache');
    const first = await TranslationCache.open('model', folder);
    first.set('Le chat mange.', translated('The cat eats.'));
    await first.save();
    const file = path.join(folder, readdirSync(folder)[0]!);
    const [key] = JSON.parse(readFileSync(file, 'utf8')) as [string];
    writeFileSync(file, `${JSON.stringify([key, 'The eats.'])}\n`);
    expect((await TranslationCache.open('model', folder)).get('Le chat mange.')).toBeUndefined();
    // Once translated again, the new line is the one read, whichever bitext reads the file.
    const again = await TranslationCache.open('model', folder);
    again.set('Le chat mange.', translated('The cat eats.'));
    await again.save();
    expect((await TranslationCache.open('model', folder)).get('Le chat mange.')).toEqual(translated('The cat eats.'));
  });
});
