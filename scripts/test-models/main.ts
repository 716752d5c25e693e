/** `npm run test-models -- <dir> [--full]`: writes the generated test models under `<dir>/bitext-test/`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeBartTiny, writeMarianFull, writeMarianTiny } from './models.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { full: { type: 'boolean', default: false } } });
const directory = path.resolve(positionals[0] ?? 'models');
const started = performance.now();
const written = [await writeMarianTiny(directory), await writeBartTiny(directory)];
if (values.full) {
  const reference = path.resolve(import.meta.dirname, '../../../shared/reference-models/Xenova/opus-mt-fr-en');
  written.push(await writeMarianFull(directory, reference));
}
for (const folder of written) console.log(`wrote ${folder}`);
console.log(`in ${((performance.now() - started) / 1000).toFixed(1)} s`);
