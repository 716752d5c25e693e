import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** A new folder in the system's temporary folder, removed once the test file's tests are done (see cleanup.ts). */
export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  created.push(folder);
  return folder;
}

/** Removes the folders this test file made; one that cannot be removed (a test left it read-only) is left. */
export function removeTemporaryFolders(): void {
  for (const folder of created.splice(0)) {
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Left for the system's own clean-up: a test's failure matters more than its litter.
    }
  }
}
