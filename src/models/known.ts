import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** What a file is known to be: its git blob SHA-1 (`git hash-object`) and, when known, its size in bytes. */
export interface Identity {
  gitSha1: string;
  bytes?: number;
}

/**
 * Published identities of the real models' files (../shared/README.md: as committed to a public repository), so
 * a download can be checked even where the server gives no hash.
 */
export const knownFiles: Record<string, Record<string, Identity>> = {
  'Xenova/opus-mt-fr-en': {
    'onnx/encoder_model_quantized.onnx': { gitSha1: 'd2cf3674949ba5d70382fa32b227018322536266' },
    'onnx/decoder_model_merged_quantized.onnx': { gitSha1: 'fbbe8d8d791b0d54bc0d753c8bd33c502587c90a' },
    'tokenizer.json': { gitSha1: '75a7ff0cd7f07b02bf1bada7aaebb78a3df6ab0c', bytes: 5_637_839 },
  },
};

/** SHA-256 and git blob SHA-1 of a file, read once. */
export async function fileHashes(file: string): Promise<{ sha256: string; gitSha1: string; bytes: number }> {
  const { size } = await stat(file);
  const sha256 = createHash('sha256');
  const gitSha1 = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) {
    sha256.update(chunk as Buffer);
    gitSha1.update(chunk as Buffer);
  }
  return { sha256: sha256.digest('hex'), gitSha1: gitSha1.digest('hex'), bytes: size };
}
