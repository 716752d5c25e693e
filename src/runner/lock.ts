import { readFileSync, readlinkSync } from 'node:fs';
import { link, lstat, mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { OutputError, UsageError } from '../errors.js';
import { readOwnFile } from '../files/regular-file.js';

/** Who holds an output folder: enough to tell a live run from one that is gone, even from another container. */
export interface Holder {
  /** Random, per run: names the run's temporary files too, so they are told apart whatever the process ids. */
  token: string;
  host: string;
  /** The process-id namespace and boot: a process id means something only within both. */
  namespace: string;
  pid: number;
  started: string;
}

/** What holds an output folder for a run: checked before every write, released at the end. */
export interface FolderLock {
  /** Throws an OutputError once the folder is no longer the run's to write. */
  check(): void;
  /** Why the folder was lost, once it has been. */
  readonly lost: string | undefined;
  release(): Promise<void>;
}

/** The lock refreshes its time this often; one not refreshed for `staleAfter` belongs to a run that is gone. */
const heartbeat = 10_000;
const staleAfter = 60_000;

/**
 * One run per output folder: `.bitext/lock` names its holder, is refreshed while the run lives and is removed on
 * every ending. A lock whose process is gone (same host, same process namespace) or that has not been refreshed for a
 * minute (a run on another machine or container that died) is stale and taken over.
 */
export class OutputLock implements FolderLock {
  #timer: NodeJS.Timeout | undefined;
  #lost: string | undefined;

  private constructor(
    readonly file: string,
    readonly holder: Holder,
  ) {}

  /** Takes the lock of `folder` (created if need be), or says who holds it. */
  static async acquire(folder: string, token: string): Promise<OutputLock> {
    const directory = path.join(folder, '.bitext');
    await mkdir(directory, { recursive: true });
    const file = path.join(directory, 'lock');
    const holder: Holder = { token, host: hostname(), namespace: processNamespace(), pid: process.pid, started: new Date().toISOString() };
    const mine = `${file}.${token}`;
    await writeFile(mine, `${JSON.stringify(holder)}\n`);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          // link() fails if the lock exists: of two runs, exactly one gets it.
          await link(mine, file);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
        }
        const reading = await readLock(file);
        const other = typeof reading === 'object' ? reading : undefined;
        if (other && !(await isStale(file, other))) {
          throw new UsageError(
            `The output folder ${folder} is in use by another bitext run (process ${other.pid} on ${other.host}, started ${other.started}); ` +
              `wait for it to end or choose another --output DIR. If that run is gone, its lock goes stale within a minute; or remove ${file}`,
          );
        }
        // A lock that cannot be read may be a live run's: it is taken over only once it is a minute old.
        if (reading === 'unknown' && !(await isOld(file))) {
          throw new UsageError(`The output folder ${folder} holds a lock bitext cannot read (${file}), maybe another run's; wait a minute, or remove it if no run uses the folder`);
        }
        // Stale: set it aside, unless another run took it over in between (then the next attempt sees that one).
        const aside = `${file}.stale.${token}`;
        await rename(file, aside).catch(() => undefined);
        const moved = await readHolder(aside);
        if (moved && other && moved.token !== other.token) await link(aside, file).catch(() => undefined);
        await rm(aside, { force: true });
      }
    } finally {
      await rm(mine, { force: true });
    }
    const lock = new OutputLock(file, holder);
    lock.#timer = setInterval(() => void lock.#refresh(), heartbeat).unref();
    return lock;
  }

  /** Why the lock was lost (removed, or taken by another run), once it has been; checked at every heartbeat. */
  get lost(): string | undefined {
    return this.#lost;
  }

  /** Throws an OutputError once the lock is lost: the folder is no longer this run's to write. */
  check(): void {
    if (this.#lost) throw new OutputError(this.#lost);
  }

  async #refresh(): Promise<void> {
    const current = await readHolder(this.file);
    if (current?.token !== this.holder.token) {
      this.#lost = current
        ? `the output folder was taken by another run (process ${current.pid} on ${current.host}) after this one's lock was removed`
        : `the output folder's lock ${this.file} was removed during the run (was the output folder deleted?)`;
      return;
    }
    const now = new Date();
    await utimes(this.file, now, now).catch(() => undefined);
  }

  /** Removes the lock if it is still this run's. */
  async release(): Promise<void> {
    clearInterval(this.#timer);
    if ((await readHolder(this.file))?.token === this.holder.token) await rm(this.file, { force: true });
  }
}

/** What a lock file says: its holder, `none` when there is no lock, or `unknown` when it cannot be read or parsed. */
type Reading = Holder | 'none' | 'unknown';

async function readLock(file: string): Promise<Reading> {
  let content: Buffer | undefined;
  try {
    content = await readOwnFile(file);
  } catch {
    return 'unknown';
  }
  if (!content) return 'none';
  try {
    const holder = JSON.parse(content.toString('utf8')) as Holder;
    return typeof holder?.token === 'string' ? holder : 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function readHolder(file: string): Promise<Holder | undefined> {
  const reading = await readLock(file);
  return typeof reading === 'object' ? reading : undefined;
}

/** Whether a lock's run is gone: its process is dead here, or it stopped refreshing the lock. */
async function isStale(file: string, holder: Holder): Promise<boolean> {
  if (holder.host === hostname() && holder.namespace === processNamespace() && !isRunning(holder.pid)) return true;
  return isOld(file);
}

async function isOld(file: string): Promise<boolean> {
  const info = await lstat(file).catch(() => undefined);
  return !info || Date.now() - info.mtimeMs > staleAfter;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let namespace: string | undefined;

/** This process's process-id namespace and the machine's boot, where the system tells them (Linux). */
export function processNamespace(): string {
  namespace ??= [read(() => readlinkSync('/proc/self/ns/pid')), read(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim())].join(' ');
  return namespace;
}

function read(get: () => string): string {
  try {
    return get();
  } catch {
    return '';
  }
}
