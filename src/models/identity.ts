import { stat } from 'node:fs/promises';
import path from 'node:path';
import { modelFolder } from './files.js';

/** A model and its weights, as a request names them. */
export interface ModelName {
  model: string;
  dtype: string;
}

/** `owner/name (dtype)`, as messages and front matter name a model. */
export function modelLabel(request: ModelName): string {
  return `${request.model} (${request.dtype})`;
}

/**
 * What identifies a model as installed: its label, then one line per file of `files` (in that order) with its size
 * and modification time, `file:size:mtimeMs`, or `file:missing`. Reading sizes and times, not contents, keeps it
 * cheap for a run's fingerprint and a translation cache key alike; a file copied or pulled again changes it.
 */
export async function modelIdentity(directory: string, request: ModelName, files: readonly string[]): Promise<string> {
  const folder = modelFolder(directory, request.model);
  const lines = await Promise.all(files.map(async (file) => {
    const info = await stat(path.join(folder, file)).catch(() => undefined);
    return info?.isFile() ? `${file}:${info.size}:${info.mtimeMs}` : `${file}:missing`;
  }));
  return [modelLabel(request), ...lines].join('\n');
}
