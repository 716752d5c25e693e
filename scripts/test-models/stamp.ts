import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
/** What the generated models are made from: the generator, and the SentencePiece code of src that it shares. */
const sources = [
  ...readdirSync(path.join(root, 'scripts/test-models')).sort().map((file) => path.join('scripts/test-models', file)),
  'src/models/sentencepiece.ts',
];

/** A hash of the generator's files: generated models kept on disk are made again when it changes. */
export function generatorStamp(): string {
  return createHash('sha256').update(sources.map((file) => readFileSync(path.join(root, file))).join('\n')).digest('hex');
}
