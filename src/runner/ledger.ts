import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic.js';

/** What bitext wrote to one output file: the content's SHA-256 and the article fingerprint it was made under. */
export interface Entry {
  /** Path of the file in the output folder: `sub/article.md`. */
  file: string;
  sha256: string;
  fingerprint: string;
}

/** What an article's outputs say about whether to make them again. */
export type Standing = 'unchanged' | 'edited' | 'due';

/**
 * The output folder's ledger, `.bitext/written.jsonl`: one line per file bitext wrote, appended before the file takes
 * its place. An output counts as unchanged only if it is, byte for byte, what bitext last wrote under the same
 * fingerprint; a file whose bytes bitext never wrote there (edited by hand, or another tool's) is `edited`. Every
 * hash a file had is kept until the run ends cleanly, so a run killed between the ledger line and the rename still
 * recognises the old bytes as its own.
 */
export class Ledger {
  #latest = new Map<string, Entry>();
  #known = new Map<string, Set<string>>();

  private constructor(readonly file: string) {}

  /** Reads the ledger of an output folder; a line cut short by a crash is ignored. */
  static async open(folder: string): Promise<Ledger> {
    const ledger = new Ledger(path.join(folder, '.bitext', 'written.jsonl'));
    const text = await readFile(ledger.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    for (const line of text.split('\n')) {
      try {
        const entry = JSON.parse(line) as Entry;
        if (typeof entry.file === 'string' && typeof entry.sha256 === 'string' && typeof entry.fingerprint === 'string') ledger.#remember(entry);
      } catch {
        // A blank line, or one cut short.
      }
    }
    return ledger;
  }

  /** How an article's planned files stand against what was written for them, given the hash of each (none: absent). */
  standing(files: readonly { file: string; sha256: string | undefined }[], fingerprint: string): Standing {
    if (files.some(({ file, sha256 }) => sha256 !== undefined && !this.#known.get(file)?.has(sha256))) return 'edited';
    const current = files.every(({ file, sha256 }) => {
      const latest = this.#latest.get(file);
      return sha256 !== undefined && latest?.sha256 === sha256 && latest.fingerprint === fingerprint;
    });
    return current ? 'unchanged' : 'due';
  }

  /** Records a file about to be written; call before it replaces the old one. */
  async record(entry: Entry): Promise<void> {
    this.#remember(entry);
    await appendFile(this.file, `${JSON.stringify(entry)}\n`);
  }

  /** Rewrites the ledger with the latest entry of each file, once no write is under way. */
  async compact(): Promise<void> {
    const lines = [...this.#latest.values()].map((entry) => JSON.stringify(entry)).join('\n');
    await writeFileAtomic(this.file, lines ? `${lines}\n` : '');
  }

  #remember(entry: Entry): void {
    this.#latest.set(entry.file, entry);
    let known = this.#known.get(entry.file);
    if (!known) this.#known.set(entry.file, (known = new Set()));
    known.add(entry.sha256);
  }
}

/** SHA-256 of a text as written (UTF-8). */
export function contentSha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
