import { loadTranslator } from './src/models/transformers.ts';
const { model: t } = await loadTranslator('/work/main/.cache/bench-models', { model: 'bitext-test/marian-full', dtype: process.argv[2] ?? 'q8' }, Number(process.argv[3] ?? 2));
const s = { beams: 1, lengthRatio: 2, repetitionPenalty: 1, noRepeatNgram: 0 };
const text = 'Le gouvernement a présenté hier sa réforme des retraites devant les députés.';
for (const b of [1, 4, 16, 32]) {
  const texts = Array(b).fill(text);
  await t.translate(texts, s, Array(b).fill(30));
  const t0 = performance.now();
  await t.translate(texts, s, Array(b).fill(30));
  const ms = performance.now() - t0;
  console.log(`batch ${b}: ${ms.toFixed(0)} ms, ${(b*30/(ms/1000)).toFixed(0)} tokens/s`);
}
