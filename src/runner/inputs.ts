import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** An article file to process and the Markdown file it becomes. */
export interface PlannedArticle {
  path: string;
  output: string;
  /** Why the entry cannot be read at all (a symbolic link loop, a broken link): it fails without running. */
  problem?: string;
}

const articleExtensions = new Set(['.txt', '.md']);

/**
 * Finds every `.txt`/`.md` file under the inputs (files given by name are taken whatever their extension) and
 * plans its output: `<output>/<path relative to its input folder, with .md>`. Refuses, before anything is
 * written, an output folder inside an input folder and two inputs that would write the same file.
 */
export async function planArticles(inputs: readonly string[], output: string): Promise<PlannedArticle[]> {
  const planned: PlannedArticle[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new UsageError(`Input ${input} does not exist; pass files or folders with --input, or set \`input\` in the config`);
    if (info.isDirectory()) {
      if (isInside(output, input)) {
        throw new UsageError(`The output folder ${output} is inside the input folder ${input}; choose an output folder outside it (--output DIR)`);
      }
      for (const found of await listArticles(input)) {
        planned.push({ ...found, output: outputPath(output, path.relative(input, found.path)) });
      }
    } else {
      if (isInside(input, output)) throw new UsageError(`Input ${input} is inside the output folder ${output}; bitext never reads its own output`);
      planned.push({ path: input, output: outputPath(output, path.basename(input)) });
    }
  }
  const byOutput = new Map<string, string>();
  for (const article of planned) {
    if (article.problem) continue;
    const other = byOutput.get(article.output);
    if (other) throw new UsageError(`${other} and ${article.path} would both be written to ${article.output}; rename one or run them separately`);
    byOutput.set(article.output, article.path);
  }
  return planned;
}

/**
 * The articles under a folder, sorted, hidden entries left out. Symbolic links are followed, to files and to
 * folders; a link that loops or leads back to a folder already read, and a broken link, are returned with the
 * problem so that the run names them.
 */
async function listArticles(root: string): Promise<{ path: string; problem?: string }[]> {
  const found: { path: string; problem?: string }[] = [];
  const visited = new Set([await realpath(root)]);
  const walk = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      let [isDirectory, isFile] = [entry.isDirectory(), entry.isFile()];
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch((error: NodeJS.ErrnoException) => error);
        if (target instanceof Error) {
          found.push({ path: full, problem: target.code === 'ELOOP' ? 'is a symbolic link loop; remove it or point it at a file' : `is a broken symbolic link (${target.code ?? target.message}); remove it or restore what it points to` });
          continue;
        }
        [isDirectory, isFile] = [target.isDirectory(), target.isFile()];
      }
      if (isDirectory) {
        const real = await realpath(full);
        if (visited.has(real)) {
          found.push({ path: full, problem: `is a symbolic link to a folder already read (${real}), a loop; it was not followed` });
          continue;
        }
        visited.add(real);
        await walk(full);
      } else if (isFile && articleExtensions.has(path.extname(entry.name).toLowerCase())) {
        found.push({ path: full });
      }
    }
  };
  await walk(root);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function outputPath(output: string, relative: string): string {
  const parsed = path.parse(relative);
  return path.join(output, parsed.dir, `${parsed.name}.md`);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
