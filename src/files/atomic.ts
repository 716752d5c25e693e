import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Names this process's temporary files, unless a caller gives its own (a run's token, shared with its lock). */
const processToken = randomBytes(8).toString('hex');

/**
 * Writes a file so that readers only ever see the old content or the whole new one: the text goes to a temporary
 * file beside the target (`.<name>.bitext-<token>.<random>.tmp`), is flushed to disk, and is renamed over the target.
 * `beforeRename` runs once the content is safely on disk, before it takes the target's place.
 */
export async function writeFileAtomic(
  target: string,
  content: string | Buffer,
  options: { token?: string; createFolder?: boolean; beforeRename?: () => Promise<void> } = {},
): Promise<void> {
  const folder = path.dirname(target);
  if (options.createFolder !== false) await mkdir(folder, { recursive: true });
  const temporary = path.join(folder, `.${path.basename(target)}.bitext-${options.token ?? processToken}.${randomBytes(4).toString('hex')}.tmp`);
  // temporaryToken() below reads this name back.
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The token in the name of a temporary file of `writeFileAtomic`; undefined for any other file. */
export function temporaryToken(name: string): string | undefined {
  return /^\..+\.bitext-([0-9a-f]{16})\.[0-9a-f]{8}\.tmp$/.exec(name)?.[1];
}
