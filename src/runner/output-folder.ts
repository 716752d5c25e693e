import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, StageError, UsageError } from '../errors.js';
import { temporaryToken, writeFileAtomic } from '../files/atomic.js';
import { readOwnFile, unreadable } from '../files/regular-file.js';
import { contentSha256, Ledger, type Standing } from './ledger.js';
import { AttachedLock } from './attached-lock.js';
import { OutputLock, readHolder, type FolderLock, type Holder } from './lock.js';
import { identitiesUp, isInside, realPath, type RealPath } from './real-paths.js';

/** Errors of the file system that mean the folder, not one article, is the problem: the run stops. */
const folderErrors = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EFBIG', 'EMFILE', 'ENFILE']);

/** An input, as the output folder must stay clear of it: its real path and its identity (`dev:ino`). */
export interface InputPlace {
  real: RealPath;
  identity: string;
}

/**
 * The output folder of a run, held for the run: its lock, its ledger of written files, and the only way articles are
 * written into it. Every write lands inside the folder's real path and outside every input, whatever links or bind
 * mounts say.
 */
export class OutputFolder {
  private constructor(
    readonly root: string,
    readonly real: RealPath,
    readonly token: string,
    readonly lock: FolderLock,
    readonly ledger: Ledger,
    private readonly inputs: readonly InputPlace[],
  ) {}

  /**
   * Makes sure the folder can be written before any article is read (a clear error, exit 2, rather than a batch of
   * failures), takes its lock, and removes the temporary files that runs no longer alive left behind.
   */
  static async open(root: string, inputs: readonly InputPlace[]): Promise<OutputFolder> {
    const token = randomBytes(8).toString('hex');
    const probe = path.join(root, `.bitext-probe-${token}`);
    try {
      await mkdir(root, { recursive: true });
      await writeFile(probe, '');
      await rm(probe);
    } catch (error) {
      throw new UsageError(`The output folder ${root} ${unwritable(error)}`, { cause: error });
    }
    // bitext's own folder in it must be a folder of the output's, not a link that leads elsewhere.
    const own = await lstat(path.join(root, '.bitext')).catch(() => undefined);
    if (own && !own.isDirectory()) {
      throw new UsageError(`${path.join(root, '.bitext')} is ${own.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; bitext keeps its lock and record there and never writes through a link: remove it`);
    }
    const lock = await OutputLock.acquire(root, token).catch((error: unknown) => {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`The output folder ${root} ${unwritable(error)}`, { cause: error });
    });
    try {
      await removeStaleTemporaries(root, token);
      const ledger = await Ledger.open(root, token);
      return new OutputFolder(root, await realPath(root), token, lock, ledger, inputs);
    } catch (error) {
      await lock.release();
      throw new UsageError(`The output folder ${root} ${unwritable(error)}`, { cause: error });
    }
  }

  /**
   * The folder a queued run holds, as a worker writes into it: no lock of its own, only while the folder's lock names
   * that run (`runToken`); its ledger lines go to a part of its own, named by `token` as its temporary files are.
   * `unseen`: this machine does not see the run's folder there (no folder, no lock: not shared, or mounted elsewhere);
   * `taken`: the folder is held by another run now.
   */
  static async attach(root: string, runToken: string, token: string): Promise<OutputFolder | { unseen: string } | { taken: Holder }> {
    const own = path.join(root, '.bitext');
    const info = await lstat(own).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error || !info.isDirectory()) {
      const found = info instanceof Error ? `it has no .bitext folder (${info.code ?? info.message})` : `${own} is not a folder`;
      return { unseen: `the output folder ${root} is not the run's on this machine: ${found}` };
    }
    const holder = await readHolder(path.join(own, 'lock'));
    if (!holder) return { unseen: `the output folder ${root} is not the run's on this machine: it holds no lock (${path.join(own, 'lock')})` };
    if (holder.token !== runToken) return { taken: holder };
    const lock = new AttachedLock(path.join(own, 'lock'), runToken);
    return new OutputFolder(root, await realPath(root), token, lock, Ledger.part(root, token), []);
  }

  /** The files an article writes, by extension: `sub/article` and `.md` → `sub/article.md`. */
  files(name: string, extensions: readonly string[]): string[] {
    return extensions.map((extension) => `${name}${extension}`);
  }

  /**
   * Whether an article's outputs are what bitext last wrote under this fingerprint, were edited, are another's, or
   * are due — with the outputs that were edited or are another's; an output that cannot be read to tell is reported
   * so, never replaced.
   */
  async standing(files: readonly string[], fingerprint: string): Promise<{ standing: Standing; notWritten: string[] } | { unreadable: string }> {
    const hashes: { file: string; sha256: string | undefined }[] = [];
    for (const file of files) {
      let content: Buffer | undefined;
      try {
        content = await readOwnFile(path.join(this.root, file));
      } catch (error) {
        return { unreadable: `its output ${file} ${unreadable(error)}; it cannot be checked for edits, so it was left as it is` };
      }
      hashes.push({ file, sha256: content && contentSha256(content) });
    }
    return { standing: this.ledger.standing(hashes, fingerprint), notWritten: this.ledger.notWritten(hashes) };
  }

  /**
   * Writes one output file atomically under the run's token, after recording it in the ledger. `stage` names the
   * stage that writes, for an article's failure.
   */
  async write(file: string, content: string, fingerprint: string, stage: string): Promise<void> {
    const sha256 = contentSha256(content);
    await this.#land(file, content, (landing) => new StageError(stage, `its output ${file} would land at ${landing}, outside the output folder (a symbolic link in it points elsewhere); it was not written`),
      () => this.ledger.record({ file, sha256, fingerprint }));
  }

  /**
   * Writes one of the run's own files (the digest, what bitext keeps of each article in `.bitext/`) as articles are
   * written: atomically, inside the folder and outside every input; not recorded in the ledger, since no article's
   * resume depends on it. A file that would land elsewhere is refused with an `OutputError`.
   */
  async writeOwn(file: string, content: string): Promise<void> {
    await this.#land(file, content, (landing) => new OutputError(`${path.join(this.root, file)} would land at ${landing}, outside the output folder (a symbolic link in it points elsewhere); it was not written`));
  }

  async #land(file: string, content: string, refuse: (landing: string) => Error, beforeRename?: () => Promise<void>): Promise<void> {
    this.lock.check();
    const target = path.join(this.root, file);
    const folder = path.dirname(target);
    // Where the file would land is checked before any folder is made for it: links and bind mounts included.
    const real = await realPath(folder);
    const landing = { key: `${real.key}${path.sep}${Buffer.from(path.basename(target)).toString('latin1')}`, text: path.join(real.text, path.basename(target)) };
    const above = await identitiesUp(real);
    if (!isInside(real, this.real) || this.inputs.some((input) => isInside(landing, input.real) || above.has(input.identity))) throw refuse(landing.text);
    try {
      await lstat(this.root);
      if (folder !== this.root) await mkdir(folder, { recursive: true });
    } catch (error) {
      throw this.#failure(error);
    }
    try {
      await writeFileAtomic(target, content, { token: this.token, createFolder: false, ...(beforeRename ? { beforeRename } : {}) });
    } catch (error) {
      throw this.#failure(error);
    }
  }

  /**
   * Compacts the ledger and releases the lock: the end of every run that gets to end. Not `settled`: workers may still
   * be writing an article of the run, so their parts of the ledger are merged but kept.
   */
  async close(options: { settled?: boolean } = {}): Promise<void> {
    try {
      await this.ledger.compact(this.root, options);
    } finally {
      await this.lock.release();
    }
  }

  #failure(error: unknown): unknown {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code || !folderErrors.has(code)) return error;
    return new OutputError(`The output folder ${this.root} ${unwritable(error)}`, { cause: error });
  }
}

/** Why a folder cannot be written, and what to do: `is full (ENOSPC); free some space …`. */
export function unwritable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `is a file, or lies under one, not a folder (${code}); choose a folder with --output DIR`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `cannot be written: the disk is full (${code}); free some space, then run again to resume`;
    case 'EROFS':
      return `is on a read-only file system (${code}); choose another with --output DIR`;
    case 'ENOENT':
      return `does not exist and cannot be made, or was removed (${code}: a folder above it is missing, or it is a broken link); check the path, then run again`;
    case 'EACCES':
    case 'EPERM':
      return `cannot be written (${code}); fix its permissions or choose another with --output DIR`;
    default:
      return `cannot be written (${code}); check it, or choose another with --output DIR`;
  }
}

/**
 * Temporary files of runs that are gone: under the lock, every bitext temporary file but this run's is one. A folder
 * inside that is another run's output folder (it has its own `.bitext`) is left to that run.
 */
async function removeStaleTemporaries(root: string, token: string): Promise<void> {
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (folder !== root && entry.name === '.bitext') continue;
        const nested = folder === root && entry.name === '.bitext' ? false : await lstat(path.join(full, '.bitext')).then(() => true, () => false);
        if (!nested) await walk(full);
        continue;
      }
      const owner = temporaryToken(entry.name);
      if (entry.isFile() && owner !== undefined && owner !== token) await rm(full, { force: true });
    }
  };
  await walk(root);
}
