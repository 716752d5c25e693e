import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { identityOf, specialKind } from '../files/regular-file.js';
import { identitiesUp, identityAt, isInside, realPath, type RealPath } from './real-paths.js';

/** A path as the file system takes it: a Buffer when a name in it is not valid UTF-8. */
export type FilePath = string | Buffer;

/** An article file to process and the name its outputs take. */
export interface PlannedArticle {
  path: FilePath;
  /** The path as a user reads it (a name that is not UTF-8 is shown as Windows-1252). */
  text: string;
  /** Its outputs' path in the output folder, without extension: `sub/article`. */
  name: string;
  /** Why it cannot be read at all (a link loop, a broken link, a named pipe): it fails without running. */
  problem?: string;
  /** Its size when it was listed: what the progress line estimates the work left from. */
  bytes?: number;
}

/** What the inputs hold: the articles, the entries left out with the reason, and the inputs' real paths. */
export interface Plan {
  articles: PlannedArticle[];
  skipped: { text: string; reason: string }[];
  /** Every input file and folder, by real path and identity (`dev:ino`): nothing is ever written there. */
  inputs: { real: RealPath; identity: string }[];
}

/** What bitext reads: plain text, Markdown and saved web pages. */
const articleExtensions = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);

/**
 * Finds every article file (`.txt`, `.md`, `.html`) under the inputs, and every file named on the command line, and names
 * its outputs after its path in its input folder. Containment is decided on real paths, links resolved, in both
 * directions: an output folder inside an input folder, or an input inside the output folder, is refused before
 * anything is written, and a link met inside an input folder that leads into the output folder is skipped. A file
 * reached twice (a folder and a file in it, two links) is read once; two inputs that would write the same file are
 * refused.
 */
export async function planArticles(inputs: readonly string[], output: string): Promise<Plan> {
  const outputReal = await realPath(output);
  // The same folder reached another way (a bind mount, a container's volume) has another path but the same identity.
  const outputIdentity = await identityAt(output);
  const aboveOutput = await identitiesUp(outputReal);
  const plan: Plan = { articles: [], skipped: [], inputs: [] };
  // A file reached twice is read once, under the name that reaches it without a link when there is one.
  const seen = new Map<string, number>();
  const take = (article: PlannedArticle, real: RealPath | undefined) => {
    const index = real === undefined ? undefined : seen.get(real.key);
    if (index === undefined) {
      if (real !== undefined) seen.set(real.key, plan.articles.length);
      plan.articles.push(article);
      return;
    }
    const first = plan.articles[index]!;
    const [kept, dropped] = real!.text === path.resolve(article.text) && real!.text !== path.resolve(first.text) ? [article, first] : [first, article];
    plan.articles[index] = kept;
    plan.skipped.push({ text: dropped.text, reason: dropped.text === kept.text ? 'is given twice; it is read once' : `is the same file as ${kept.text}, which is read once` });
  };

  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new UsageError(`Input ${input} does not exist; pass files or folders with --input, or set \`input\` in the config`);
    const real = await realPath(input);
    const identity = identityOf(info);
    plan.inputs.push({ real, identity });
    if (real.key === outputReal.key || identity === outputIdentity) {
      throw new UsageError(`The output folder ${output} is the input folder ${input}${shown(outputReal, output)}; bitext never writes over its inputs: choose another --output DIR`);
    }
    if (isInside(real, outputReal) || (outputIdentity !== undefined && (await identitiesUp(real)).has(outputIdentity))) {
      throw new UsageError(`Input ${input} is inside the output folder ${output}${shown(real, input)}; bitext never reads its own output: choose another --output DIR`);
    }
    if (info.isDirectory()) {
      if (isInside(outputReal, real) || aboveOutput.has(identity)) {
        throw new UsageError(`The output folder ${output} is inside the input folder ${input}${shown(outputReal, output)}; choose an output folder outside it (--output DIR)`);
      }
      const found = await listArticles(input, { real: outputReal, identity: outputIdentity, files: await fileIdentities(output) }, plan);
      for (const { article, real: articleReal } of found) take(article, articleReal);
      // An empty folder is most often the wrong one: said, not silently a run of nothing.
      if (!found.length) plan.skipped.push({ text: input, reason: 'holds no article (no .txt, .md or .html file, in it or its sub-folders); is it the folder you meant?' });
    } else {
      // A file named on the command line is the read stage's to take or refuse, by its extension.
      const kind = specialKind(info);
      take({ path: input, text: input, name: stem(path.basename(input)), ...(kind ? { problem: `is ${kind}, not a regular file; only regular files (.txt, .md, .html) can be read` } : { bytes: info.size }) }, real);
    }
  }

  checkCollisions(plan.articles);
  return plan;
}

/**
 * Refuses, before anything is written, two inputs that would write the same file, and an output that would need a
 * folder where another output is a file (`x.txt` writes `x.md`; `x.md/y.txt` needs a folder `x.md`).
 */
function checkCollisions(articles: readonly PlannedArticle[]): void {
  const byName = new Map<string, PlannedArticle>();
  const clash = (first: PlannedArticle, second: PlannedArticle, what: string) => {
    const same = first.text === second.text ? ' (their names read the same, but one of them is not UTF-8)' : '';
    throw new UsageError(`${first.text} and ${second.text}${same} ${what}; rename one or run them separately`);
  };
  for (const article of articles) {
    if (article.problem) continue;
    const other = byName.get(article.name);
    if (other) clash(other, article, `would both be written to ${article.name}.md`);
    byName.set(article.name, article);
  }
  for (const article of byName.values()) {
    for (let folder = path.dirname(article.name); folder !== '.' && folder !== path.sep; folder = path.dirname(folder)) {
      const file = byName.get(folder.replace(/\.[^./]+$/, ''));
      if (file && `${file.name}.md` === folder) clash(file, article, `would write ${folder} both as a file and as a folder`);
    }
  }
}

/** The identities of every file in a folder (none when it does not exist): an input that is one of them is an output. */
async function fileIdentities(folder: string): Promise<Set<string>> {
  const identities = new Set<string>();
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const identity = await identityAt(path.join(entry.parentPath, entry.name));
    if (identity) identities.add(identity);
  }
  return identities;
}

/** ` (really /x/y)` when a link made the path say something else. */
function shown(real: RealPath, written: string): string {
  return real.text === path.resolve(written) ? '' : ` (through a link: ${real.text})`;
}

interface Found {
  article: PlannedArticle;
  real?: RealPath;
}

/**
 * The articles under a folder, sorted, hidden entries left out. Symbolic links are followed, to files and to
 * folders; a link that loops or leads back to a folder already read, a broken link and a special file are returned
 * with their problem so that the run names them; a link into the output folder is skipped with a note.
 */
async function listArticles(root: string, output: { real: RealPath; identity: string | undefined; files: Set<string> }, plan: Plan): Promise<Found[]> {
  const found: Found[] = [];
  const visited = new Set([(await realPath(root)).key]);
  const walk = async (folder: FilePath, relative: string): Promise<void> => {
    let entries;
    try {
      entries = (await readdir(folder, { withFileTypes: true, encoding: 'buffer' })).sort((a, b) => Buffer.compare(a.name, b.name));
    } catch (error) {
      // A folder that cannot be listed is named with its reason; the rest of the batch goes on.
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      found.push({ article: { path: folder, text: path.join(root, relative), name: relative || path.basename(root), problem: `is a folder that cannot be read (${code}); its articles were not found` } });
      return;
    }
    for (const entry of entries) {
      if (entry.name[0] === 0x2e) continue; // hidden: `.name`
      const name = decodeName(entry.name);
      const full = joinPath(folder, entry.name, name.exact);
      const text = path.join(root, relative, name.text);
      const problem = (reason: string) => found.push({ article: { path: full, text, name: stem(path.join(relative, name.text)), problem: reason } });
      let info;
      try {
        info = await stat(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (!articleExtensions.has(path.extname(name.text).toLowerCase()) && code !== 'ELOOP') continue;
        problem(code === 'ELOOP' ? 'is a symbolic link loop; remove it or point it at a file' : `is a broken symbolic link (${code ?? (error as Error).message}); remove it or restore what it points to`);
        continue;
      }
      // Folders are walked; files and special files are taken by their extension (a pipe named `.txt` is named).
      if (!info.isDirectory() && !articleExtensions.has(path.extname(name.text).toLowerCase())) continue;
      const real = await realPath(full);
      if (isInside(real, output.real) || identityOf(info) === output.identity) {
        plan.skipped.push({ text, reason: `leads into the output folder (${real.text}); skipped, so that bitext never reads its own output` });
        continue;
      }
      if (info.isFile() && output.files.has(identityOf(info))) {
        plan.skipped.push({ text, reason: 'is one of the output folder\'s own files (a hard link to it); skipped, so that bitext never reads its own output' });
        continue;
      }
      if (info.isDirectory()) {
        if (visited.has(real.key)) {
          problem(`is a symbolic link to a folder already read (${real.text}), a loop; it was not followed`);
          continue;
        }
        visited.add(real.key);
        await walk(full, path.join(relative, name.text));
      } else if (specialKind(info)) {
        problem(`is ${specialKind(info)}, not a regular file; only regular files can be read`);
      } else {
        found.push({ article: { path: full, text, name: stem(path.join(relative, name.text)), bytes: info.size }, real });
      }
    }
  };
  await walk(root, '');
  return found.sort((a, b) => (a.article.text < b.article.text ? -1 : a.article.text > b.article.text ? 1 : 0));
}

/** A file name for people: UTF-8 as it is; a name that is not valid UTF-8 read as Windows-1252, as old tools wrote it. */
function decodeName(bytes: Buffer): { text: string; exact: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), exact: true };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), exact: false };
  }
}

/** `folder/name`, as a string while every name is UTF-8, as bytes once one is not. */
function joinPath(folder: FilePath, name: Buffer, exact: boolean): FilePath {
  if (typeof folder === 'string' && exact) return path.join(folder, name.toString('utf8'));
  const base = typeof folder === 'string' ? Buffer.from(folder, 'utf8') : folder;
  return Buffer.concat([base, Buffer.from(path.sep), name]);
}

/** A path without its extension: `sub/article.txt` → `sub/article`. */
function stem(relative: string): string {
  const parsed = path.parse(relative);
  return path.join(parsed.dir, parsed.name);
}
