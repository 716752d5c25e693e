import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** An article file to process and the Markdown file it becomes. */
export interface PlannedArticle {
  path: string;
  output: string;
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
      for (const file of await listArticles(input)) {
        planned.push({ path: file, output: outputPath(output, path.relative(input, file)) });
      }
    } else {
      if (isInside(input, output)) throw new UsageError(`Input ${input} is inside the output folder ${output}; bitext never reads its own output`);
      planned.push({ path: input, output: outputPath(output, path.basename(input)) });
    }
  }
  const byOutput = new Map<string, string>();
  for (const article of planned) {
    const other = byOutput.get(article.output);
    if (other) throw new UsageError(`${other} and ${article.path} would both be written to ${article.output}; rename one or run them separately`);
    byOutput.set(article.output, article.path);
  }
  return planned;
}

async function listArticles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && articleExtensions.has(path.extname(entry.name).toLowerCase()) && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function outputPath(output: string, relative: string): string {
  const parsed = path.parse(relative);
  return path.join(output, parsed.dir, `${parsed.name}.md`);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
