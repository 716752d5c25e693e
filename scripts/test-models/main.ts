/** `npm run test-models -- <dir> [--full] [--reference DIR]`: writes the generated test models under `<dir>/bitext-test/`. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBartTiny, writeMarianFull, writeMarianTiny } from './models.js';

const usage = 'npm run test-models -- DIR [--full] [--reference DIR]';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { full: { type: 'boolean', default: false }, reference: { type: 'string' } } });
} catch (error) {
  console.error(`${(error as Error).message}\nusage: ${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const directory = path.resolve(positionals[0] ?? 'models');
// marian-full copies the shapes and vocabulary of Xenova/opus-mt-fr-en from its small files, kept in ../shared.
const reference = path.resolve(values.reference ?? path.join(import.meta.dirname, '../../../shared/reference-models/Xenova/opus-mt-fr-en'));
const needed = ['config.json', 'vocab.json', 'source.spm'];
const missing = needed.filter((file) => !existsSync(path.join(reference, file)));
if (values.full && missing.length) {
  console.error(`--full builds bitext-test/marian-full from the small files of Xenova/opus-mt-fr-en (${needed.join(', ')}), and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in ${reference}.`);
  console.error('Run it where ../shared is beside the project, or point --reference at a folder that holds them; without --full, marian-tiny and bart-tiny need nothing. Nothing was written.');
  process.exit(2);
}
const started = performance.now();
const written = [await writeMarianTiny(directory), await writeBartTiny(directory)];
if (values.full) written.push(await writeMarianFull(directory, reference));
for (const folder of written) console.log(`wrote ${folder}`);
console.log(`in ${((performance.now() - started) / 1000).toFixed(1)} s`);
