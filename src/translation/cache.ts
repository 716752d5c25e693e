import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Translation } from '../models/provider.js';

type Warn = (message: string) => void;

/** What a line keeps of a translation besides its text: only what is not the default. */
interface Details {
  restored?: string[];
  missing?: number;
}

/**
 * Translations by content: the key hashes the model's identity, the decoding settings and the source text, so a
 * repeated sentence, a re-run or an edited article pays only for sentences it has not translated before. With a
 * folder, entries persist as JSON lines appended as they are made (a line cut short by a crash is ignored). The
 * cache only saves time: a folder that cannot be read or written is said once, and the cache goes on in memory.
 *
 * A line is `[key, text, details]`, details saying what became of unknown words (`{}` when there were none), so a
 * translation comes back from the cache as the model gave it. An older bitext reads such a line as its own
 * `[key, text]`; a line of an older bitext, which kept no details, is not trusted (a word it dropped cannot be told),
 * and the sentence is translated again.
 */
export class TranslationCache {
  #entries = new Map<string, Translation>();
  #unsaved: string[] = [];
  #file: string | undefined;

  private constructor(
    private readonly scope: string,
    file: string | undefined,
    private readonly warn: Warn,
  ) {
    this.#file = file;
  }

  /** A cache for one model and settings; `folder` keeps it across runs. */
  static async open(scope: string, folder?: string, warn: Warn = () => undefined): Promise<TranslationCache> {
    const file = folder ? path.join(folder, `translations-${hash(scope).slice(0, 16)}.jsonl`) : undefined;
    const cache = new TranslationCache(scope, file, warn);
    if (file) {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') cache.#giveUp('read', error);
        return '';
      });
      for (const line of text.split('\n')) {
        try {
          const entry = readLine(JSON.parse(line));
          if (entry) cache.#entries.set(entry.key, entry.translation);
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

  get(text: string): Translation | undefined {
    return this.#entries.get(this.#key(text));
  }

  set(text: string, translation: Translation): void {
    const key = this.#key(text);
    if (this.#entries.has(key)) return;
    this.#entries.set(key, translation);
    const { restored, missing } = translation.unknown;
    const details: Details = { ...(restored.length ? { restored } : {}), ...(missing ? { missing } : {}) };
    if (this.#file) this.#unsaved.push(`${JSON.stringify([key, translation.text, details])}\n`);
  }

  /** Appends the entries made since the last save; never fails (a folder that cannot be written is said once). */
  async save(): Promise<void> {
    const file = this.#file;
    if (!file || !this.#unsaved.length) return;
    const lines = this.#unsaved.join('');
    this.#unsaved = [];
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, lines);
    } catch (error) {
      this.#giveUp('written', error as NodeJS.ErrnoException);
    }
  }

  // From now on, the cache lives in memory only.
  #giveUp(action: 'read' | 'written', error: NodeJS.ErrnoException): void {
    if (!this.#file) return;
    const reason = error.code === 'ENOTDIR' || error.code === 'EEXIST' ? `${error.code}: something in its path is a file, not a folder` : (error.code ?? error.message);
    this.warn(`the translation cache ${this.#file} cannot be ${action} (${reason}); translations are kept in memory for this run only (set \`cache\` in the config to another folder, or \`cache: false\`)`);
    this.#file = undefined;
    this.#unsaved = [];
  }

  #key(text: string): string {
    return hash(`${this.scope}\u0000${text}`);
  }
}

/** A line's entry, if it is one this bitext wrote (see `TranslationCache`). */
function readLine(line: unknown): { key: string; translation: Translation } | undefined {
  if (!Array.isArray(line) || line.length < 3) return undefined;
  const [key, text, details] = line as [unknown, unknown, Details | null];
  if (typeof key !== 'string' || typeof text !== 'string' || typeof details !== 'object' || details === null) return undefined;
  const { restored = [], missing = 0 } = details;
  if (!Array.isArray(restored) || !restored.every((item) => typeof item === 'string') || !Number.isInteger(missing) || missing < 0) return undefined;
  return { key, translation: { text, empty: text === '', unknown: { restored, missing } } };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
