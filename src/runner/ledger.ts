import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic.js';
import { readOwnFile } from '../files/regular-file.js';

/** What bitext wrote to one output file: the content's SHA-256 and the article fingerprint it was made under. */
export interface Entry {
  /** Path of the file in the output folder: `sub/article.md`. */
  file: string;
  sha256: string;
  fingerprint: string;
}

/**
 * What an article's outputs say about whether to make them again: as bitext last wrote them (`unchanged`), changed
 * since (`edited`), there but not in the ledger (`unrecorded`: another tool's, or the ledger was lost), or `due`.
 */
export type Standing = 'unchanged' | 'edited' | 'unrecorded' | 'due';

/**
 * The output folder's ledger, `.bitext/written.jsonl`: one line per file bitext wrote, appended before the file takes
 * its place. An output counts as unchanged only if it is, byte for byte, what bitext last wrote under the same
 * fingerprint; a file whose bytes bitext never wrote there (edited by hand, or another tool's) is kept. Every hash a
 * file had is kept while the file still holds it, so a run killed between the ledger line and the rename still
 * recognises the old bytes as its own.
 *
 * The workers of a queued run write into the folder while the run holds it: each appends to a part of its own,
 * `.bitext/written.<token>.jsonl`, never to another process's file (appends from two machines to one file on a network
 * file system can overwrite each other). Parts are read with the ledger, and merged into it when the run that holds
 * the folder compacts it, once no worker writes for it any more.
 */
export class Ledger {
  #latest = new Map<string, Entry>();
  #history = new Map<string, Entry[]>();
  #handle: Promise<FileHandle> | undefined;
  /** The parts read, by name, with the bytes read of each: what compaction reads on from, then removes. */
  #parts = new Map<string, number>();

  private constructor(
    readonly file: string,
    /** What was wrong with the ledger found, if it was set aside: the record of earlier runs is lost. */
    readonly problem: string | undefined,
    /** A worker's part: appended to, never read or compacted. */
    private readonly part = false,
  ) {}

  /**
   * Reads the ledger of an output folder (a line cut short by a crash is ignored). A ledger that is not a plain file
   * of its own (a link, a pipe, a folder, a file with other names) is set aside, never written through, and said.
   */
  static async open(folder: string, token: string): Promise<Ledger> {
    const file = path.join(folder, '.bitext', 'written.jsonl');
    const info = await lstat(file).catch(() => undefined);
    let problem: string | undefined;
    let text = '';
    if (info && (!info.isFile() || info.nlink > 1)) {
      problem = `${file} was ${info.isSymbolicLink() ? 'a symbolic link' : info.isFile() ? 'a file with other names (a hard link)' : 'not a plain file'}; it was set aside, unread`;
      await rename(file, `${file}.set-aside-${token}`);
    } else if (info) {
      text = (await readOwnFile(file))?.toString('utf8') ?? '';
    }
    const ledger = new Ledger(file, problem);
    ledger.#read(text);
    await ledger.#readParts();
    return ledger;
  }

  /** A worker's part of the ledger of `folder`, named by its token: it only records. */
  static part(folder: string, token: string): Ledger {
    return new Ledger(path.join(folder, '.bitext', `written.${token}.jsonl`), undefined, true);
  }

  /** How an article's planned files stand against what was written for them, given the hash of each (none: absent). */
  standing(files: readonly { file: string; sha256: string | undefined }[], fingerprint: string): Standing {
    const present = files.filter(({ sha256 }) => sha256 !== undefined);
    if (present.some(({ file }) => !this.#history.has(file))) return 'unrecorded';
    if (this.notWritten(files).length) return 'edited';
    const current = files.every(({ file, sha256 }) => {
      const latest = this.#latest.get(file);
      return sha256 !== undefined && latest?.sha256 === sha256 && latest.fingerprint === fingerprint;
    });
    return current ? 'unchanged' : 'due';
  }

  /** The files there whose bytes bitext never wrote there: edited by hand, or another tool's. */
  notWritten(files: readonly { file: string; sha256: string | undefined }[]): string[] {
    return files.filter(({ file, sha256 }) => sha256 !== undefined && !this.#history.get(file)?.some((entry) => entry.sha256 === sha256)).map(({ file }) => file);
  }

  /** Records a file about to be written; call before it replaces the old one. */
  async record(entry: Entry): Promise<void> {
    this.#remember(entry);
    // Appended through a handle opened once, never following a link: the ledger is bitext's own file. The opening is
    // shared, so that articles recorded at the same moment do not each open one (and leak all but the last).
    this.#handle ??= open(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW);
    await (await this.#handle).appendFile(`${JSON.stringify(entry)}\n`);
  }

  /**
   * Rewrites the ledger once no write is under way: the latest entry of each file, and the earlier ones whose bytes
   * the file still holds (its new bytes never landed).
   */
  async compact(folder: string, options: { settled?: boolean } = {}): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await (await handle?.catch(() => undefined))?.close();
    if (this.part) return;
    // What workers recorded since the parts were read; a part is removed once merged, unless a worker may still
    // append to it (a queued run that ended with articles under way).
    await this.#readParts();
    const settled = options.settled ?? true;
    const kept: Entry[] = [];
    for (const [file, history] of this.#history) {
      const latest = this.#latest.get(file)!;
      if (history.length > 1) {
        const content = await readOwnFile(path.join(folder, file)).catch(() => undefined);
        const onDisk = content && contentSha256(content);
        if (onDisk !== latest.sha256) kept.push(...history.filter((entry) => entry.sha256 === onDisk));
      }
      kept.push(latest);
    }
    const lines = kept.map((entry) => JSON.stringify(entry)).join('\n');
    await writeFileAtomic(this.file, lines ? `${lines}\n` : '', { createFolder: false });
    if (settled) for (const name of this.#parts.keys()) await rm(path.join(path.dirname(this.file), name), { force: true });
  }

  #read(text: string): void {
    for (const line of text.split('\n')) {
      try {
        const entry = JSON.parse(line) as Entry;
        if (typeof entry.file === 'string' && typeof entry.sha256 === 'string' && typeof entry.fingerprint === 'string') this.#remember(entry);
      } catch {
        // A blank line, or one cut short.
      }
    }
  }

  /** Reads on in every part beside the ledger: plain files of their own only, from where the last reading stopped. */
  async #readParts(): Promise<void> {
    const folder = path.dirname(this.file);
    for (const name of (await readdir(folder).catch(() => [] as string[])).filter((entry) => partName.test(entry)).sort()) {
      const info = await lstat(path.join(folder, name)).catch(() => undefined);
      if (!info?.isFile() || info.nlink > 1) continue;
      const content = (await readOwnFile(path.join(folder, name)).catch(() => undefined)) ?? Buffer.alloc(0);
      // Only whole lines: a line being appended is read with the rest next time.
      const end = content.lastIndexOf(0x0a) + 1;
      const from = this.#parts.get(name) ?? 0;
      if (end > from) this.#read(content.subarray(from, end).toString('utf8'));
      this.#parts.set(name, Math.max(from, end));
    }
  }

  #remember(entry: Entry): void {
    this.#latest.set(entry.file, entry);
    const history = this.#history.get(entry.file) ?? [];
    if (!history.some((known) => known.sha256 === entry.sha256 && known.fingerprint === entry.fingerprint)) history.push(entry);
    this.#history.set(entry.file, history);
  }
}

/** A worker's part of the ledger: `written.<token>.jsonl`. */
const partName = /^written\.[0-9a-f]{16}\.jsonl$/;

/** SHA-256 of a text as written (UTF-8). */
export function contentSha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
