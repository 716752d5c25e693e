import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ModelError } from '../errors.js';
import { modelFolder } from './files.js';
import { fileHashes, knownFiles } from './known.js';
import { readManifest, writeManifest, type Manifest } from './manifest.js';

// The Hub's address is defined with the other names of models, in files.ts, where the config's schema can read it.
export { defaultSource } from './files.js';

export type PullEvent =
  | { type: 'file-start'; file: string; total?: number; resumedFrom: number }
  | { type: 'file-progress'; file: string; received: number; total?: number }
  | { type: 'file-done'; file: string; bytes: number; skipped: boolean };

/**
 * Downloads a model's files into the models folder. Each file goes to `<file>.part` first, resuming a partial one
 * with an HTTP range request, and becomes the file only once its size matches what the server announced and its
 * hash matches what is known of it (the published git SHA-1, or the server's SHA-256 ETag). A manifest of sizes and
 * SHA-256 is written beside the model for `bitext models verify`.
 */
export async function pullModel(options: {
  directory: string;
  model: string;
  files: readonly string[];
  optional: readonly string[];
  source: string;
  onEvent?: (event: PullEvent) => void;
  fetch?: typeof fetch;
}): Promise<Manifest> {
  const folder = modelFolder(options.directory, options.model);
  const previous = await readManifest(folder);
  const absent = previous?.source === options.source ? previous.absent ?? [] : [];
  const manifest: Manifest = { model: options.model, source: options.source, files: { ...previous?.files }, ...(absent.length ? { absent } : {}) };
  for (const file of [...options.files, ...options.optional]) {
    const target = path.join(folder, file);
    const recorded = manifest.files[file];
    if (recorded && (await stat(target).catch(() => undefined))?.size === recorded.bytes) {
      options.onEvent?.({ type: 'file-done', file, bytes: recorded.bytes, skipped: true });
      continue;
    }
    const optional = options.optional.includes(file);
    if (optional && manifest.absent?.includes(file)) continue;
    const url = `${options.source.replace(/\/+$/, '')}/${options.model}/resolve/main/${file}`;
    const downloaded = await download(url, target, file, optional, options);
    if (!downloaded) {
      manifest.absent = [...(manifest.absent ?? []), file];
      await writeManifest(folder, manifest);
      continue;
    }
    manifest.files[file] = downloaded;
    await writeManifest(folder, manifest);
  }
  return manifest;
}

async function download(
  url: string,
  target: string,
  file: string,
  optional: boolean,
  options: { model: string; onEvent?: (event: PullEvent) => void; fetch?: typeof fetch },
): Promise<{ bytes: number; sha256: string } | undefined> {
  const partial = `${target}.part`;
  await mkdir(path.dirname(target), { recursive: true });
  const have = (await stat(partial).catch(() => undefined))?.size ?? 0;
  const request = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await request(url, { headers: have ? { range: `bytes=${have}-` } : {}, redirect: 'follow' });
  } catch (error) {
    throw new ModelError(`Cannot reach ${url} (${networkReason(error)})`, { cause: error });
  }
  if (response.status === 404 && optional) return undefined;
  if (response.status === 416 && have) {
    // The partial file already holds everything the server has: check it as a finished download.
    return finish(partial, target, file, have, response, options);
  }
  if (response.status !== 200 && response.status !== 206) {
    throw new ModelError(`Downloading ${url} failed: HTTP ${response.status} ${response.statusText}`);
  }
  const resumed = response.status === 206 ? have : 0;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(length) ? resumed + length : undefined;
  options.onEvent?.({ type: 'file-start', file, total, resumedFrom: resumed });
  let received = resumed;
  // Each chunk is written before the next is read, so an interrupted download keeps every byte that arrived.
  const handle = await open(partial, resumed ? 'a' : 'w');
  try {
    for await (const chunk of Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>)) {
      await handle.write(chunk as Uint8Array);
      received += (chunk as Uint8Array).length;
      options.onEvent?.({ type: 'file-progress', file, received, total });
    }
  } catch (error) {
    throw new ModelError(`Download of ${file} was interrupted at ${received} bytes (${(error as Error).message}); run the same command again to resume`, { cause: error });
  } finally {
    await handle.close();
  }
  return finish(partial, target, file, total, response, options);
}

async function finish(
  partial: string,
  target: string,
  file: string,
  expected: number | undefined,
  response: Response,
  options: { model: string; onEvent?: (event: PullEvent) => void },
): Promise<{ bytes: number; sha256: string }> {
  const hashes = await fileHashes(partial);
  if (expected !== undefined && hashes.bytes < expected) {
    // The connection ended early without an error: keep what arrived, as for any interruption.
    throw new ModelError(`Download of ${file} was interrupted at ${hashes.bytes} of ${expected} bytes; run the same command again to resume`);
  }
  const published = knownFiles[options.model]?.[file];
  const etag = (response.headers.get('x-linked-etag') ?? response.headers.get('etag') ?? '').replace(/^W\//, '').replace(/"/g, '');
  const mismatch =
    expected !== undefined && hashes.bytes > expected ? `${hashes.bytes} bytes arrived, the server announced ${expected}`
    : published?.bytes !== undefined && hashes.bytes !== published.bytes ? `${hashes.bytes} bytes, the published size is ${published.bytes}`
    : published && hashes.gitSha1 !== published.gitSha1 ? `git SHA-1 ${hashes.gitSha1}, the published one is ${published.gitSha1}`
    : /^[0-9a-f]{64}$/.test(etag) && etag !== hashes.sha256 ? `SHA-256 ${hashes.sha256}, the server's is ${etag}`
    : undefined;
  if (mismatch) {
    await rm(partial, { force: true });
    throw new ModelError(`Downloaded ${file} of \`${options.model}\` is not the expected file (${mismatch}); it was discarded. Check the source, then run the command again`);
  }
  await rename(partial, target);
  options.onEvent?.({ type: 'file-done', file, bytes: hashes.bytes, skipped: false });
  return { bytes: hashes.bytes, sha256: hashes.sha256 };
}

/**
 * The sizes the source announces for a model's files (a HEAD request each), to say how much a download will be;
 * undefined for a file whose size it does not give.
 */
export async function announcedSizes(options: { source: string; model: string; files: readonly string[]; fetch?: typeof fetch }): Promise<(number | undefined)[]> {
  const request = options.fetch ?? fetch;
  return Promise.all(options.files.map(async (file) => {
    const response = await request(`${options.source.replace(/\/+$/, '')}/${options.model}/resolve/main/${file}`, { method: 'HEAD', redirect: 'follow' });
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    return response.ok && Number.isFinite(length) ? length : undefined;
  }));
}

/** Why a request did not get through, in the words of the system: `ENOTFOUND`, `ECONNREFUSED`, … */
export function networkReason(error: unknown): string {
  const cause = (error as Error)?.cause as NodeJS.ErrnoException | AggregateError | undefined;
  return (cause as NodeJS.ErrnoException)?.code ?? ((cause as AggregateError)?.errors?.[0] as NodeJS.ErrnoException | undefined)?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
