import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OutputError, StageError, UsageError } from '../errors.js';
import { temporaryToken, writeFileAtomic } from '../files/atomic.js';
import { contentSha256, Ledger, type Standing } from './ledger.js';
import { OutputLock } from './lock.js';
import { isInside, realPath, type RealPath } from './real-paths.js';

/** Errors of the file system that mean the folder, not one article, is the problem: the run stops. */
const folderErrors = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EFBIG', 'EMFILE', 'ENFILE']);

/**
 * The output folder of a run, held for the run: its lock, its ledger of written files, and the only way articles are
 * written into it. Every write lands inside the folder's real path and outside every input, whatever links say.
 */
export class OutputFolder {
  private constructor(
    readonly root: string,
    readonly real: RealPath,
    readonly token: string,
    readonly lock: OutputLock,
    readonly ledger: Ledger,
    private readonly inputs: readonly RealPath[],
  ) {}

  /**
   * Makes sure the folder can be written before any article is read (a clear error, exit 2, rather than a batch of
   * failures), takes its lock, and removes the temporary files that runs no longer alive left behind.
   */
  static async open(root: string, inputs: readonly RealPath[]): Promise<OutputFolder> {
    const token = randomBytes(8).toString('hex');
    const probe = path.join(root, `.bitext-probe-${token}`);
    try {
      await mkdir(root, { recursive: true });
      await writeFile(probe, '');
      await rm(probe);
    } catch (error) {
      throw new UsageError(`The output folder ${root} ${unwritable(error)}`, { cause: error });
    }
    const lock = await OutputLock.acquire(root, token);
    try {
      await removeStaleTemporaries(root, token);
      const ledger = await Ledger.open(root);
      return new OutputFolder(root, await realPath(root), token, lock, ledger, inputs);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** The files an article writes, by extension: `sub/article` and `.md` → `sub/article.md`. */
  files(name: string, extensions: readonly string[]): string[] {
    return extensions.map((extension) => `${name}${extension}`);
  }

  /** Whether an article's outputs are what bitext last wrote under this fingerprint, were edited, or are due. */
  async standing(files: readonly string[], fingerprint: string): Promise<Standing> {
    const hashes = await Promise.all(files.map(async (file) => {
      const content = await readFile(path.join(this.root, file)).catch(() => undefined);
      return { file, sha256: content && contentSha256(content) };
    }));
    return this.ledger.standing(hashes, fingerprint);
  }

  /**
   * Writes one output file atomically under the run's token, after recording it in the ledger. `stage` names the
   * stage that writes, for an article's failure.
   */
  async write(file: string, content: string, fingerprint: string, stage: string): Promise<void> {
    this.lock.check();
    const target = path.join(this.root, file);
    const folder = path.dirname(target);
    try {
      await stat(this.root);
      if (folder !== this.root) await mkdir(folder, { recursive: true });
    } catch (error) {
      throw this.#failure(error);
    }
    // The rename replaces a link at the target itself, not what it points to: only the folder's links matter.
    const real = await realPath(folder);
    const landing = { key: `${real.key}${path.sep}${Buffer.from(path.basename(target)).toString('latin1')}`, text: path.join(real.text, path.basename(target)) };
    if (!isInside(real, this.real) || this.inputs.some((input) => isInside(landing, input))) {
      throw new StageError(stage, `its output ${file} would land at ${landing.text}, outside the output folder (a symbolic link in it points elsewhere); it was not written`);
    }
    const sha256 = contentSha256(content);
    try {
      await writeFileAtomic(target, content, { token: this.token, createFolder: false, beforeRename: () => this.ledger.record({ file, sha256, fingerprint }) });
    } catch (error) {
      throw this.#failure(error);
    }
  }

  /** Compacts the ledger and releases the lock: the end of every run that gets to end. */
  async close(): Promise<void> {
    try {
      await this.ledger.compact();
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
function unwritable(error: unknown): string {
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
      return `was removed, or a folder above it was (${code}); run again to recreate it and resume`;
    case 'EACCES':
    case 'EPERM':
      return `cannot be written (${code}); fix its permissions or choose another with --output DIR`;
    default:
      return `cannot be written (${code}); check it, or choose another with --output DIR`;
  }
}

/** Temporary files of runs that are gone: under the lock, every temporary file but this run's is one. */
async function removeStaleTemporaries(root: string, token: string): Promise<void> {
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    const owner = temporaryToken(entry.name);
    if (entry.isFile() && owner !== undefined && owner !== token) await rm(path.join(entry.parentPath, entry.name), { force: true });
  }
}
