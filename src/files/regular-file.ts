import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** A path that is not a regular file: a folder, a named pipe, a device, a socket. Reading one could block forever. */
export class SpecialFileError extends Error {
  override name = 'SpecialFileError';
  constructor(readonly kind: string) {
    super(`is ${kind}, not a regular file`);
  }
}

/** What a non-regular file is, in words: `a named pipe (FIFO)`, `a character device`, …; undefined for a regular file. */
export function specialKind(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * Opens a file for reading only if it is a regular file. The open itself does not wait (a named pipe with no writer
 * would block it), and the type is checked on the opened file, so a file swapped for a pipe in between is caught too.
 */
async function openRegular(file: string | Buffer): Promise<{ handle: FileHandle; info: Stats }> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    const kind = specialKind(info);
    if (kind) throw new SpecialFileError(kind);
    return { handle, info };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Throws a SpecialFileError (or the system's error) unless `file` is a regular file; reads nothing. */
export async function checkRegularFile(file: string | Buffer): Promise<void> {
  const { handle } = await openRegular(file);
  await handle.close();
}

/** Reads a regular file whole; `tooLarge` is called (and must throw) when it holds more than `maxBytes`. */
export async function readRegularFile(file: string | Buffer, maxBytes: number, tooLarge: (bytes: number) => never): Promise<Buffer> {
  const { handle, info } = await openRegular(file);
  try {
    if (info.size > maxBytes) tooLarge(info.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read({ buffer: Buffer.allocUnsafe(1 << 20) });
      if (!bytesRead) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      // A file that grew since it was measured is caught as well.
      if (total > maxBytes) tooLarge(total);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/**
 * SHA-256 of a regular file, read in chunks; undefined once more than `maxBytes` have been read (a file too large, or
 * growing), so that no time goes to hashing what will not be read. `signal` stops it between chunks.
 */
export async function hashRegularFile(file: string | Buffer, options: { maxBytes?: number; signal?: AbortSignal } = {}): Promise<string | undefined> {
  const { handle, info } = await openRegular(file);
  try {
    if (options.maxBytes !== undefined && info.size > options.maxBytes) return undefined;
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read({ buffer });
      if (!bytesRead) break;
      total += bytesRead;
      if (options.maxBytes !== undefined && total > options.maxBytes) return undefined;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/** Why a file could not be read, and what to do, for a message that follows its name: `cannot be read (EACCES); …`. */
export function unreadable(error: unknown): string {
  if (error instanceof SpecialFileError) return `${error.message}; only regular files (.txt, .md, .html) can be read`;
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  if (code === 'ENOENT') return 'cannot be read (ENOENT): it no longer exists';
  if (code === 'EACCES' || code === 'EPERM') return `cannot be read (${code}); check that you may read it`;
  return `cannot be read (${code}); check that it exists and you may read it`;
}

/**
 * A file bitext keeps for itself (a ledger, a lock, a cache), read whole, or undefined when it does not exist. A pipe
 * or device put in its place is refused (SpecialFileError) rather than waited on.
 */
export async function readOwnFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readRegularFile(file, Number.MAX_SAFE_INTEGER, () => {
      throw new RangeError('unreachable');
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A file's identity on its device (`dev:ino`): the same folder reached through a bind mount has the same one. */
export function identityOf(info: Pick<Stats, 'dev' | 'ino'>): string {
  return `${info.dev}:${info.ino}`;
}
