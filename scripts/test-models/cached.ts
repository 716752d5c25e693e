import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeMarianFull } from './models.js';
import { generatorStamp } from './stamp.js';

/**
 * A models folder holding `bitext-test/marian-full` (the shapes, vocabulary and segmentation of opus-mt-fr-en, seeded
 * weights; 830 MB), generated into `cache` on first use and kept there until the generator changes. `shared` is
 * `../shared`, whose reference model files it is made from.
 */
export async function cachedMarianFull(cache: string, shared: string): Promise<string> {
  const stamp = generatorStamp();
  const stampFile = path.join(cache, 'stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return cache;
  mkdirSync(path.dirname(cache), { recursive: true });
  // Written aside, then moved in whole: a run stopped halfway, or another one at work, never leaves half a model.
  const fresh = mkdtempSync(`${cache}-`);
  await writeMarianFull(fresh, path.join(shared, 'reference-models/Xenova/opus-mt-fr-en'));
  writeFileSync(path.join(fresh, 'stamp'), stamp);
  rmSync(cache, { recursive: true, force: true });
  try {
    renameSync(fresh, cache);
  } catch (error) {
    // Another run moved its own in first.
    rmSync(fresh, { recursive: true, force: true });
    if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) throw error;
  }
  return cache;
}
