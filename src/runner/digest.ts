import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Article } from '../article.js';
import { digestEntry, type DigestEntry } from '../digest/entry.js';
import { renderDigestHtml } from '../digest/html.js';
import type { DigestItem, DigestRun } from '../digest/items.js';
import { renderDigestMarkdown } from '../digest/markdown.js';
import { OutputError } from '../errors.js';
import { readOwnFile } from '../files/regular-file.js';
import type { OutputFolder } from './output-folder.js';
import { contentRecord } from './record.js';
import type { ArticleRecord } from './report.js';

/**
 * What bitext keeps of an article it wrote, for later runs that skip it — their digest and their report —
 * `.bitext/digest/<hash>.json`.
 */
const kept = z.object({
  name: z.string(),
  fingerprint: z.string(),
  files: z.array(z.string()),
  entry: z.object({
    title: z.string().optional(),
    englishTitle: z.string().optional(),
    date: z.string().optional(),
    language: z.object({ code: z.string(), confidence: z.number() }).optional(),
    languages: z.array(z.object({ code: z.string(), share: z.number() })).optional(),
    summary: z.object({ language: z.string(), sentences: z.array(z.string()) }),
    words: z.number(),
    flagged: z.object({ sentences: z.number(), kinds: z.record(z.string(), z.number()) }).optional(),
  }),
  /** The runner's record of its content (words, notes, flags, names): what a run that skips it reports of it. */
  record: z.object({
    words: z.number(),
    encoding: z.string(),
    warnings: z.array(z.string()),
    flags: z.array(z.object({ paragraph: z.string(), sentence: z.number(), kind: z.string(), detail: z.string() })).optional(),
    flagged: z.object({ sentences: z.number(), kinds: z.record(z.string(), z.number()) }).optional(),
    names: z.record(z.string(), z.array(z.string().nullable())).optional(),
  }),
});

type Kept = z.infer<typeof kept>;

/** An article of the run, as the digest needs it: its name in the output folder and the runner's record of it. */
export interface DigestArticle {
  name: string;
  record: ArticleRecord;
}

/**
 * The digest of a batch, `index.html` and `index.md` in the output folder: every article of the run with its
 * titles, date, language, English summary, flag counts and links. An article written in this run is described from
 * the article itself, and what is described is kept in `.bitext/digest/` under the fingerprint it was written with,
 * so that a later run that skips it (unchanged, or edited by hand) still lists it as it is, without running a stage.
 */
export class Digest {
  readonly #entries = new Map<string, Kept>();
  #warned = false;

  constructor(
    private readonly folder: OutputFolder,
    /** `index`, unless an article of the batch has that name at the top of the output folder. */
    readonly name: string,
    private readonly warn: (message: string) => void,
  ) {
    if (name !== 'index') warn(`an article of the batch writes ${path.join(folder.root, 'index')}.*: the digest is ${path.join(folder.root, name)}.html and .md instead`);
  }

  /** Keeps what the digest shows of an article just written. A folder that cannot take it stops the run; else a warning. */
  async remember(name: string, fingerprint: string, files: readonly string[], article: Article): Promise<void> {
    const entry: Kept = { name, fingerprint, files: [...files], entry: digestEntry(article), record: contentRecord(article) };
    this.#entries.set(name, entry);
    try {
      await this.folder.writeOwn(keptFile(name), `${JSON.stringify(entry)}\n`);
    } catch (error) {
      // The folder failing (a full disk: an OutputError with its cause) stops the run as an output would; a link
      // in the way is only this file's problem.
      if (error instanceof OutputError && error.cause) throw error;
      this.#warnOnce(`what the digest shows of ${name} could not be kept in .bitext/digest (${(error as Error).message}); a later run that skips it will redo it to list it`);
    }
  }

  /**
   * What the digest shows of an article written earlier; with `fingerprint`, only if it was written under it.
   * Undefined when nothing usable is kept (removed, edited, another run's): a skipped article is then redone.
   */
  async recall(name: string, fingerprint?: string): Promise<Kept | undefined> {
    const known = this.#entries.get(name);
    if (known) return !fingerprint || known.fingerprint === fingerprint ? known : undefined;
    try {
      const file = path.join(this.folder.root, keptFile(name));
      const info = await lstat(file).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      const parsed = kept.safeParse(JSON.parse((await readOwnFile(file))?.toString('utf8') ?? ''));
      if (!parsed.success || parsed.data.name !== name || (fingerprint && parsed.data.fingerprint !== fingerprint)) return undefined;
      this.#entries.set(name, parsed.data);
      return parsed.data;
    } catch {
      return undefined;
    }
  }

  /**
   * Writes `index.html` and `index.md` for the articles of the run, in their order: each with its outputs that are
   * there and what is known of it. Atomically, through the output folder (never through a link, never into an input).
   */
  async write(articles: readonly DigestArticle[], run: DigestRun, writes: readonly string[] | undefined): Promise<void> {
    const items: DigestItem[] = [];
    for (const { name, record } of articles) {
      // An article a worker wrote is known from what the worker kept of it.
      const known = await this.recall(name);
      const files = await present(this.folder.root, order(writes ? writes.map((extension) => `${name}${extension}`) : [...(known?.files ?? [])]));
      items.push({
        source: record.source,
        status: record.status,
        ...(record.reason ? { reason: record.stage ? `${record.stage}: ${record.reason}` : record.reason } : {}),
        files,
        ...(known ? { entry: known.entry as DigestEntry } : {}),
      });
    }
    await this.folder.writeOwn(`${this.name}.md`, renderDigestMarkdown(items, run));
    await this.folder.writeOwn(`${this.name}.html`, renderDigestHtml(items, run));
  }

  #warnOnce(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.warn(message);
  }
}

/**
 * The digest's name: `index`, or `_index` (`__index`, …) when an article of the batch would write `index.md` or
 * `index.html` at the top of the output folder (an input `index.txt`), or has a folder of that name.
 */
export function digestName(names: readonly string[]): string {
  const taken = (candidate: string) => names.some((name) => {
    const top = name.split(path.sep)[0]!.toLowerCase();
    return top === candidate || top === `${candidate}.md` || top === `${candidate}.html`;
  });
  let candidate = 'index';
  while (taken(candidate)) candidate = `_${candidate}`;
  return candidate;
}

/** Where what the digest shows of an article is kept: one flat file per article name, whatever folders the name has. */
function keptFile(name: string): string {
  return path.join('.bitext', 'digest', `${createHash('sha256').update(name).digest('hex').slice(0, 32)}.json`);
}

/** The reader's page first, then the Markdown, then the exports. */
function order(files: string[]): string[] {
  const rank = (file: string) => ['.html', '.md'].indexOf(path.extname(file)) >>> 0;
  return files.sort((a, b) => rank(a) - rank(b));
}

/** The files that are there, as regular files (a link or a folder in an output's place is not linked to). */
async function present(root: string, files: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) if ((await lstat(path.join(root, file)).catch(() => undefined))?.isFile()) found.push(file);
  return found;
}
