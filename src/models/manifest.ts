import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic.js';

/** What `models pull` installed, kept beside the model so `verify` can tell a damaged file later. */
export interface Manifest {
  model: string;
  source: string;
  files: Record<string, { bytes: number; sha256: string }>;
  /** Optional files the source did not have: not asked for again. */
  absent?: string[];
}

export const manifestName = '.bitext-manifest.json';

export async function readManifest(folder: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(folder, manifestName), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(path.join(folder, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
}
