import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolve.js';
import { shippedModelFile } from '../language/model.js';
import { modelFolder } from '../models/files.js';
import { requiredModels } from '../models/requirements.js';
import { tool } from '../version.js';

/**
 * What an output depends on besides its input file, as one hash: the tool's version, every stage and its options,
 * the model files the stages load (name, size, modification time) and the shipped language model. Computed once
 * per run; an article's fingerprint adds its input's SHA-256.
 */
export async function runFingerprint(config: ResolvedConfig): Promise<string> {
  const models = await Promise.all(
    requiredModels(config).map(async ({ model, dtype, files }) => {
      const folder = modelFolder(config.models, model);
      const found = await Promise.all(files.map(async (file) => {
        const info = await stat(path.join(folder, file)).catch(() => undefined);
        return [file, info?.size ?? null, info?.mtimeMs ?? null];
      }));
      return { model, dtype, files: found };
    }),
  );
  const detects = config.stages.some((stage) => stage.name === 'detect-language');
  const language = detects ? sha256(await readFile(shippedModelFile)) : null;
  return sha256(JSON.stringify({ tool: `${tool.name} ${tool.version}`, stages: config.stages, models, language }));
}

/** An article's fingerprint: its input's SHA-256 under the run's fingerprint. */
export function articleFingerprint(run: string, sourceSha256: string): string {
  return sha256(`${run}\n${sourceSha256}`);
}

/** SHA-256 of a file, streamed; undefined when it cannot be read (the read stage then says why). */
export async function fileSha256(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** The fingerprint recorded in an output file's front matter, if the file exists and has one. */
export async function recordedFingerprint(output: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(output, 'r');
    // The fingerprint is near the top of the front matter; 4 KB holds it whatever the path lengths.
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(4096) });
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    if (!head.startsWith('---\n')) return undefined;
    const end = head.indexOf('\n---', 3);
    return /^fingerprint: ([0-9a-f]{64})$/m.exec(end < 0 ? head : head.slice(0, end))?.[1];
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
