import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Translations by content: the key hashes the model's identity, the decoding settings and the source text, so a
 * repeated sentence, a re-run or an edited article pays only for sentences it has not translated before. With a
 * folder, entries persist as JSON lines appended as they are made (a line cut short by a crash is ignored).
 */
export class TranslationCache {
  #entries = new Map<string, string>();
  #unsaved: string[] = [];

  private constructor(
    private readonly scope: string,
    private readonly file: string | undefined,
  ) {}

  /** A cache for one model and settings; `folder` keeps it across runs. */
  static async open(scope: string, folder?: string): Promise<TranslationCache> {
    const file = folder ? path.join(folder, `translations-${hash(scope).slice(0, 16)}.jsonl`) : undefined;
    const cache = new TranslationCache(scope, file);
    if (file) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      for (const line of text.split('\n')) {
        try {
          const [key, translation] = JSON.parse(line) as [string, string];
          if (typeof key === 'string' && typeof translation === 'string') cache.#entries.set(key, translation);
        } catch {
          // A line cut short by a crash, or a blank one: the sentence is translated again.
        }
      }
    }
    return cache;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(text: string): string | undefined {
    return this.#entries.get(this.#key(text));
  }

  set(text: string, translation: string): void {
    const key = this.#key(text);
    if (this.#entries.has(key)) return;
    this.#entries.set(key, translation);
    if (this.file) this.#unsaved.push(`${JSON.stringify([key, translation])}\n`);
  }

  /** Appends the entries made since the last save. */
  async save(): Promise<void> {
    if (!this.file || !this.#unsaved.length) return;
    const lines = this.#unsaved.join('');
    this.#unsaved = [];
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, lines);
  }

  #key(text: string): string {
    return hash(`${this.scope}\u0000${text}`);
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
