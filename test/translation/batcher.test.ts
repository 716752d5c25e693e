import { describe, expect, it } from 'vitest';
import { SentenceBatcher } from '../../src/translation/batcher.js';

describe('SentenceBatcher', () => {
  it('batches the sentences of callers in flight together, by length, one batch at a time, answering each in its order', async () => {
    const batches: string[][] = [];
    let running = 0;
    let most = 0;
    const batcher = new SentenceBatcher(async (texts) => {
      running++;
      most = Math.max(most, running);
      batches.push(texts);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return texts.map((text) => text.toUpperCase());
    }, 3);
    const translateAll = (texts: string[]) => Promise.all(texts.map((text) => batcher.translate(text)));
    const [first, second] = await Promise.all([translateAll(['ccc', 'a', 'eeeee']), translateAll(['bb', 'dddd', 'ffffff'])]);
    expect(first).toEqual(['CCC', 'A', 'EEEEE']);
    expect(second).toEqual(['BB', 'DDDD', 'FFFFFF']);
    expect(batches).toEqual([['a', 'bb', 'ccc'], ['dddd', 'eeeee', 'ffffff']]);
    expect(most).toBe(1);
  });

  it('fails the callers of a batch that fails, and goes on with the others', async () => {
    const batcher = new SentenceBatcher(async (texts) => {
      if (texts.includes('bad')) throw new Error('model failed');
      return texts;
    }, 1);
    const results = await Promise.allSettled([batcher.translate('bad'), batcher.translate('good')]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { message: 'model failed' } });
    expect(results[1]).toEqual({ status: 'fulfilled', value: 'good' });
  });

  it('refuses a batch whose answer has the wrong length', async () => {
    const batcher = new SentenceBatcher(async (texts) => texts.slice(1), 4);
    await expect(Promise.all([batcher.translate('a'), batcher.translate('b')])).rejects.toThrow('the model returned 1 translations for 2 sentences');
  });

  it('gives each text its own terms, in the batch’s order', async () => {
    const seen: [string, string[]][] = [];
    const batcher = new SentenceBatcher(async (texts, terms) => {
      texts.forEach((text, index) => seen.push([text, terms[index]!]));
      return texts;
    }, 4);
    await Promise.all([batcher.translate('ccc', ['C']), batcher.translate('a'), batcher.translate('bb', ['B', 'b'])]);
    expect(seen).toEqual([['a', []], ['bb', ['B', 'b']], ['ccc', ['C']]]);
  });
});
