import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { OutputError } from '../errors.js';
import type { FolderLock } from './lock.js';

/**
 * A worker's hold on an output folder that a queued run holds: it takes no lock of its own, and writes only while the
 * folder's lock still names that run, read again before every write (a few hundred bytes), so that a run that ended,
 * or a folder taken by another run, stops its workers' writes at once.
 */
export class AttachedLock implements FolderLock {
  #lost: string | undefined;

  constructor(
    readonly file: string,
    /** The token of the run that holds the folder. */
    readonly token: string,
  ) {}

  get lost(): string | undefined {
    return this.#lost;
  }

  check(): void {
    if (!this.#lost) {
      const holder = readHolderNow(this.file);
      if (holder?.token !== this.token) {
        this.#lost = holder
          ? `the output folder is now held by another run (process ${holder.pid} on ${holder.host}): the run that queued this article has ended`
          : `the output folder's lock ${this.file} is gone: the run that queued this article has ended`;
      }
    }
    if (this.#lost) throw new OutputError(this.#lost);
  }

  async release(): Promise<void> {}
}

/** The lock's holder as it is now, read without waiting on a pipe or following a link; undefined when unreadable. */
function readHolderNow(file: string): { token?: string; pid?: number; host?: string } | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    if (!fstatSync(descriptor).isFile()) return undefined;
    return JSON.parse(readFileSync(descriptor, 'utf8')) as { token?: string };
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
