import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers only ever see the old content or the whole new one: the text goes to a temporary
 * file beside the target, is flushed to disk, and is renamed over the target.
 */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const folder = path.dirname(target);
  await mkdir(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // temporaryOwner() below reads this name back.
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The process that wrote a temporary file of `writeFileAtomic` (`.<name>.<pid>.<random>.tmp`); undefined for other files. */
export function temporaryOwner(name: string): number | undefined {
  const pid = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name)?.[1];
  return pid === undefined ? undefined : Number(pid);
}
