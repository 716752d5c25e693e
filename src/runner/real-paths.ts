import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { identityOf } from '../files/regular-file.js';

/** A path with every link resolved: `key` compares byte for byte, `text` is for messages. */
export interface RealPath {
  key: string;
  text: string;
}

/**
 * The real path of `file`: links resolved in the part that exists, the rest (an output folder not made yet) added
 * as written. Compared byte for byte, so names that are not UTF-8 compare right too.
 */
export async function realPath(file: string | Buffer): Promise<RealPath> {
  const absolute = typeof file === 'string' ? Buffer.from(path.resolve(file), 'utf8') : file;
  const rest: Buffer[] = [];
  let existing = absolute;
  for (;;) {
    try {
      const real = await realpath(existing, { encoding: 'buffer' });
      const joined = Buffer.concat([real, ...rest.flatMap((name) => [Buffer.from(path.sep), name])]);
      return { key: joined.toString('latin1'), text: joined.toString('utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
      const cut = existing.lastIndexOf(path.sep);
      if (cut <= 0) return { key: absolute.toString('latin1'), text: absolute.toString('utf8') };
      rest.unshift(existing.subarray(cut + 1));
      existing = existing.subarray(0, cut);
    }
  }
}

/** Whether `child` is `parent` or lies under it. */
export function isInside(child: RealPath, parent: RealPath): boolean {
  if (child.key === parent.key) return true;
  const prefix = parent.key.endsWith(path.sep) ? parent.key : `${parent.key}${path.sep}`;
  return child.key.startsWith(prefix);
}

/**
 * The identities (`dev:ino`) of the folders a real path lies in, itself included, as far as they exist. A folder
 * reached through a bind mount has its own path but the same identity: containment compares both.
 */
export async function identitiesUp(real: RealPath): Promise<Set<string>> {
  const identities = new Set<string>();
  let current = Buffer.from(real.key, 'latin1');
  for (;;) {
    const info = await stat(current).catch(() => undefined);
    if (info) identities.add(identityOf(info));
    const cut = current.lastIndexOf(path.sep);
    if (cut < 0 || current.length <= 1) return identities;
    current = cut === 0 ? Buffer.from(path.sep) : current.subarray(0, cut);
  }
}

/** The identity of what a path names, if it exists. */
export async function identityAt(file: string | Buffer): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info && identityOf(info);
}
