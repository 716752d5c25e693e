import path from 'node:path';
import { cachedMarianFull } from '../../scripts/test-models/cached.js';
import { projectRoot, shared } from './paths.js';

/**
 * A models folder holding `bitext-test/marian-full` (the shapes, vocabulary and segmentation of opus-mt-fr-en, seeded
 * weights; 830 MB), generated on first use and kept in `.cache/test-models` until the generator changes, as
 * `npm run bench` keeps its own. Needs `../shared`.
 */
export function fullTestModels(): Promise<string> {
  return cachedMarianFull(path.join(projectRoot, '.cache/test-models'), shared);
}
