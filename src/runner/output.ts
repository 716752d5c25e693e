import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { temporaryOwner } from '../files/atomic.js';

/**
 * Makes sure the output folder can be written before any article is read (a clear error, exit 2, rather than a
 * batch of failures), and removes the temporary files that a killed run left behind (their process is gone).
 */
export async function prepareOutput(output: string): Promise<void> {
  const probe = path.join(output, `.bitext-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(output, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`The output folder ${output} cannot be written (${code}); fix its permissions or choose another with --output DIR`, { cause: error });
  }
  for (const entry of await readdir(output, { withFileTypes: true, recursive: true })) {
    const pid = temporaryOwner(entry.name);
    if (entry.isFile() && pid !== undefined && !isRunning(pid)) await rm(path.join(entry.parentPath ?? entry.path, entry.name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
