import { OutputError } from '../errors.js';
import { readHolder, type FolderLock } from './lock.js';

/** A worker checks that the run still holds the folder this often while it writes into it. */
const recheck = 2_000;

/**
 * A worker's hold on an output folder that a queued run holds: it takes no lock of its own, it writes only while the
 * folder's lock still names that run. Checked at every write; read again every two seconds, so that a run that ended
 * (or a folder taken by another run) stops its workers' writes.
 */
export class AttachedLock implements FolderLock {
  #timer: NodeJS.Timeout;
  #lost: string | undefined;

  constructor(
    readonly file: string,
    /** The token of the run that holds the folder. */
    readonly token: string,
  ) {
    this.#timer = setInterval(() => void this.#refresh(), recheck).unref();
  }

  get lost(): string | undefined {
    return this.#lost;
  }

  check(): void {
    if (this.#lost) throw new OutputError(this.#lost);
  }

  async #refresh(): Promise<void> {
    if (this.#lost) return;
    const current = await readHolder(this.file);
    if (current?.token !== this.token) {
      this.#lost = current
        ? `the output folder is now held by another run (process ${current.pid} on ${current.host}): the run that queued this article has ended`
        : `the output folder's lock ${this.file} is gone: the run that queued this article has ended`;
    }
  }

  async release(): Promise<void> {
    clearInterval(this.#timer);
  }
}
