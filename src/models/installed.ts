import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { dtypes, seq2seqSessionFiles, type Dtype } from './files.js';

export interface InstalledModel {
  model: string;
  bytes: number;
  /** Dtypes whose encoder and decoder files are both present. */
  dtypes: Dtype[];
}

/** Models in the folder: every `<owner>/<name>/` holding a `config.json`. */
export async function listInstalled(directory: string): Promise<InstalledModel[]> {
  const owners = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const found: InstalledModel[] = [];
  for (const owner of owners.filter((entry) => entry.isDirectory())) {
    for (const name of await readdir(path.join(directory, owner.name), { withFileTypes: true })) {
      const folder = path.join(directory, owner.name, name.name);
      if (!name.isDirectory() || !(await exists(path.join(folder, 'config.json')))) continue;
      const available: Dtype[] = [];
      for (const dtype of dtypes) {
        const sessions = seq2seqSessionFiles(dtype);
        if ((await exists(path.join(folder, sessions.encoder))) && (await exists(path.join(folder, sessions.decoder)))) available.push(dtype);
      }
      found.push({ model: `${owner.name}/${name.name}`, bytes: await folderSize(folder), dtypes: available });
    }
  }
  return found.sort((a, b) => a.model.localeCompare(b.model));
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function folderSize(folder: string): Promise<number> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  let total = 0;
  for (const entry of entries) if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  return total;
}
