import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileHashes, knownFiles } from './known.js';
import { readManifest } from './manifest.js';
import { disagreements, type Signature } from './compatibility.js';
import { modelFolder } from './files.js';
import { readModelConfig } from './model-config.js';

export interface Problem {
  file: string;
  reason: string;
}

/** A model and the files of it to check. */
export interface ModelFiles {
  model: string;
  dtype: string;
  files: readonly string[];
}

export interface Verification {
  folder: string;
  missing: string[];
  /** Files that are not what was pulled or published, or cannot be read: pulling them again mends them. */
  corrupt: Problem[];
  /** A sound config that describes a model bitext cannot run (no end token, a model type it does not know). */
  unusable: Problem[];
  bytes: number;
}

/**
 * Checks every file a model needs: present and non-empty, JSON that parses, the size and hash recorded when it was
 * pulled or published for it, a config bitext can run (`model-config.ts`, as the loader checks it), and ONNX files
 * that onnxruntime can open (a truncated download cannot be).
 */
export async function verifyModel(directory: string, requirement: ModelFiles): Promise<Verification> {
  const folder = modelFolder(directory, requirement.model);
  const manifest = await readManifest(folder);
  const known = knownFiles[requirement.model] ?? {};
  const result: Verification = { folder, missing: [], corrupt: [], unusable: [], bytes: 0 };
  const signatures = new Map<string, Signature>();
  for (const file of requirement.files) {
    const target = path.join(folder, file);
    const info = await stat(target).catch(() => undefined);
    if (!info?.isFile()) {
      result.missing.push(file);
      continue;
    }
    result.bytes += info.size;
    const problem = await checkFile(target, file, info.size, manifest?.files[file], known[file], signatures);
    if (problem) result.corrupt.push({ file, reason: problem });
    else if (file === 'config.json') result.unusable.push(...((await readModelConfig(folder)).problems ?? []).map(({ file, reason }) => ({ file, reason })));
  }
  if (!result.missing.length && !result.corrupt.length && requirement.files.includes('config.json')) {
    const config = JSON.parse(await readFile(path.join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
    result.unusable.push(...disagreements(config, signatures));
  }
  return result;
}

async function checkFile(
  target: string,
  file: string,
  size: number,
  recorded: { bytes: number; sha256: string } | undefined,
  published: { gitSha1: string; bytes?: number } | undefined,
  signatures: Map<string, Signature>,
): Promise<string | undefined> {
  if (size === 0) return 'empty';
  const expectedBytes = recorded?.bytes ?? published?.bytes;
  if (expectedBytes !== undefined && expectedBytes !== size) return `${size} bytes, expected ${expectedBytes}`;
  if (recorded || published) {
    const hashes = await fileHashes(target);
    if (recorded && hashes.sha256 !== recorded.sha256) return `SHA-256 ${hashes.sha256.slice(0, 12)}…, expected ${recorded.sha256.slice(0, 12)}… as pulled`;
    if (published && hashes.gitSha1 !== published.gitSha1) return `git SHA-1 ${hashes.gitSha1.slice(0, 12)}…, expected the published ${published.gitSha1.slice(0, 12)}…`;
  }
  if (file.endsWith('.json')) {
    try {
      JSON.parse(await readFile(target, 'utf8'));
    } catch (error) {
      return `not valid JSON (${(error as Error).message})`;
    }
  }
  if (file.endsWith('.onnx')) {
    const { InferenceSession } = await import('onnxruntime-node');
    try {
      const session = await InferenceSession.create(target);
      signatures.set(file, { inputs: session.inputMetadata, outputs: session.outputMetadata } as Signature);
      await session.release();
    } catch (error) {
      return `onnxruntime cannot read it (${firstLine((error as Error).message)})`;
    }
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 160);
}
