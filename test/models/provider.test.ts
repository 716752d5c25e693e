import { describe, expect, it } from 'vitest';
import { ModelCache } from '../../src/models/provider.js';

describe('ModelCache', () => {
  it('loads each (task, model, dtype) once, even when asked concurrently, and disposes it at the end', async () => {
    const cache = new ModelCache();
    const loads: string[] = [];
    const disposed: string[] = [];
    const load = async ({ model, dtype }: { model: string; dtype: string }) => {
      loads.push(`${model}/${dtype}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { model: { id: `${model}/${dtype}` }, dispose: async () => void disposed.push(`${model}/${dtype}`) };
    };
    const request = { model: 'a/b', dtype: 'q8' };
    const [first, second] = await Promise.all([cache.get('translation', request, load), cache.get('translation', request, load)]);
    expect(first).toBe(second);
    await cache.get('translation', { model: 'a/b', dtype: 'fp32' }, load);
    expect(loads).toEqual(['a/b/q8', 'a/b/fp32']);
    await cache.dispose();
    expect(disposed.sort()).toEqual(['a/b/fp32', 'a/b/q8']);
  });

  it('forgets a failed load so that the next request tries again', async () => {
    const cache = new ModelCache();
    let attempts = 0;
    const load = async () => {
      attempts++;
      if (attempts === 1) throw new Error('corrupt');
      return { model: 'loaded', dispose: async () => undefined };
    };
    await expect(cache.get('translation', { model: 'a/b', dtype: 'q8' }, load)).rejects.toThrow('corrupt');
    await expect(cache.get('translation', { model: 'a/b', dtype: 'q8' }, load)).resolves.toBe('loaded');
    expect(attempts).toBe(2);
  });
});
