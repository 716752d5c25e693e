/** `npm run language-model`: trains the language model from `../shared/eval` and writes `src/language/model.tsv.gz`. */
import { writeFileSync } from 'node:fs';
import { parseModel, shippedModelFile } from '../../src/language/model.js';
import { loadSamples } from './data.js';
import { trainModel } from './train.js';

const started = performance.now();
const bytes = trainModel(loadSamples());
writeFileSync(shippedModelFile, bytes);
const model = parseModel(bytes);
console.log(`wrote ${shippedModelFile}: ${(bytes.length / 1024).toFixed(0)} KiB, temperatures ${model.temperatures[0]}·known^${model.oneWordExponent ?? 0} / ${model.temperatures.slice(1).join(' / ')} (1 word / 2 words / more), in ${((performance.now() - started) / 1000).toFixed(1)} s`);
