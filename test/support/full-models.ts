import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeMarianFull } from '../../scripts/test-models/models.js';
import { projectRoot, shared } from './paths.js';

/**
 * A models folder holding `bitext-test/marian-full` (the shapes, vocabulary and segmentation of opus-mt-fr-en, seeded
 * weights; 830 MB), generated on first use and kept in `.cache/test-models` until the generator changes, as
 * `npm run bench` keeps its own. Needs `../shared`.
 */
export async function fullTestModels(): Promise<string> {
  const cache = path.join(projectRoot, '.cache/test-models');
  const generator = path.join(projectRoot, 'scripts/test-models');
  const stamp = createHash('sha256').update(readdirSync(generator).sort().map((file) => readFileSync(path.join(generator, file))).join('\n')).digest('hex');
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
