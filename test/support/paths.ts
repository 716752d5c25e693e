import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const projectRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const shared = path.resolve(projectRoot, '../shared');
export const corpus = path.join(shared, 'corpus');
/** `../shared` is beside the project in CI and on developers' machines, not in a user's clone. */
export const hasShared = existsSync(corpus);
export const sharedSkipReason = hasShared ? '' : ' (skipped: ../shared/corpus is not beside the project)';
