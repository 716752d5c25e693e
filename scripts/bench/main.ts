/**
 * `npm run bench [-- --json] [-- --runs N] [-- --lines N] [-- --dtypes q8,fp32] [-- --beams N] [-- --glossary FILE]`: the translate stage
 * end to end on the full-size generated Marian (`bitext-test/marian-full`), beside the naive way (Transformers.js
 * `pipeline('translation')` once per paragraph), in the same run, each side in its own process, alternating. With
 * `--beams N` above 1, the stage also runs with that beam width, so that beam search is measured against greedy
 * decoding and the naive way on the same machine at the same time. With `--glossary FILE`, the stage also runs
 * with that glossary's terms held in decoding (greedy, and at the beam width if above 1), compared with the stage
 * without it by the clock and per CPU second.
 * Output lengths are forced to the reference translation's token count, so every side generates the same tokens.
 * Reports medians of source words/s, generated tokens/s, model load time and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generatorStamp } from '../test-models/stamp.js';
import { benchData, benchModel } from './data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '../shared');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    lines: { type: 'string', default: '60' },
    dtypes: { type: 'string', default: 'q8,fp32' },
    // A beam width to measure beside greedy decoding (the naive side keeps its defaults).
    beams: { type: 'string', default: '1' },
    // A glossary whose terms the stage is held to, measured beside the stage without it.
    glossary: { type: 'string' },
  },
});
const glossary = values.glossary && path.resolve(values.glossary);
if (glossary && !existsSync(glossary)) {
  console.error(`${values.glossary}: no such glossary file`);
  process.exit(2);
}
if (!existsSync(path.join(shared, 'eval/mt'))) {
  console.error(`${shared}/eval/mt is not there: the benchmark needs ../shared beside the project`);
  process.exit(2);
}
const log = (message: string) => process.stderr.write(`${message}\n`);

// The generated model is kept between runs, and made again when the generator changes.
const cache = path.join(root, '.cache/bench-models');
const generator = path.join(root, 'scripts/test-models');
const stamp = generatorStamp();
if (!existsSync(path.join(cache, 'stamp')) || readFileSync(path.join(cache, 'stamp'), 'utf8') !== stamp) {
  log('generating bitext-test/marian-full (about 10 s)…');
  rmSync(cache, { recursive: true, force: true });
  execFileSync(process.execPath, ['--import', 'tsx', path.join(generator, 'main.ts'), cache, '--full'], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(path.join(cache, 'stamp'), stamp);
}

const { AutoTokenizer, env } = await import('@huggingface/transformers');
env.allowRemoteModels = false;
env.localModelPath = `${cache}/`;
const tokenizer = await AutoTokenizer.from_pretrained(benchModel);
// Without the end-of-sequence token the tokenizer appends.
const data = await benchData(shared, Number(values.lines), (text) => tokenizer.encode(text).length - 1);
const dataFile = path.join(cache, 'data.json');
mkdirSync(cache, { recursive: true });
writeFileSync(dataFile, JSON.stringify(data));

interface Measure { side: string; dtype: string; words: number; tokens: number; seconds: number; cpuSeconds: number; loadSeconds: number; peakRssMb: number; terms?: number }
const measures: Measure[] = [];
const runs = Number(values.runs);
const dtypes = values.dtypes.split(',');
const width = Number(values.beams);
// Each side: what the worker runs and with how many beams. `beams` is the stage at the asked width.
// `glossary` is the stage, greedy, held to the glossary's terms.
const sides: [side: string, worker: string, beams: number][] = [
  ['naive', 'naive', 1], ['bitext', 'bitext', 1],
  ...(width > 1 ? [['beams', 'bitext', width] as [string, string, number]] : []),
  ...(glossary ? [['glossary', 'glossary', 1] as [string, string, number]] : []),
  ...(glossary && width > 1 ? [['glossary beams', 'glossary', width] as [string, string, number]] : []),
];
for (let run = 1; run <= runs; run++) {
  for (const dtype of dtypes) {
    for (const [side, worker, beams] of sides) {
      const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/bench/worker.ts'), worker, dtype, cache, dataFile, String(beams), ...(worker === 'glossary' ? [glossary!] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const measure = { ...(JSON.parse(output.trim().split('\n').at(-1)!) as Measure), side };
      measures.push(measure);
      log(`run ${run}/${runs} ${dtype} ${side}: ${(measure.words / measure.seconds).toFixed(1)} words/s, ${(measure.tokens / measure.seconds).toFixed(1)} tokens/s, load ${measure.loadSeconds.toFixed(2)} s, peak ${measure.peakRssMb.toFixed(0)} MB`);
    }
  }
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const summary = (side: string, dtype: string) => {
  const mine = measures.filter((measure) => measure.side === side && measure.dtype === dtype);
  return {
    wordsPerSecond: median(mine.map((measure) => measure.words / measure.seconds)),
    tokensPerSecond: median(mine.map((measure) => measure.tokens / measure.seconds)),
    loadSeconds: median(mine.map((measure) => measure.loadSeconds)),
    peakRssMb: median(mine.map((measure) => measure.peakRssMb)),
  };
};
/** The median over runs of `side`'s speed (source words or generated tokens a second) over `other`'s in the same run. */
const ratio = (side: string, other: string, dtype: string, unit: 'words' | 'tokens', time: 'seconds' | 'cpuSeconds' = 'seconds') => {
  const theirs = measures.filter((item) => item.side === other && item.dtype === dtype);
  return median(measures.filter((measure) => measure.side === side && measure.dtype === dtype).map((measure, index) => measure[unit] / measure[time] / (theirs[index]![unit] / theirs[index]![time])));
};
const byDtype = Object.fromEntries(dtypes.map((dtype) => {
  const bitext = summary('bitext', dtype);
  const beams = width > 1 ? { beams: { width, ...summary('beams', dtype), ofGreedy: ratio('beams', 'bitext', dtype, 'tokens'), ofNaive: ratio('beams', 'naive', dtype, 'tokens') } } : {};
  const held = glossary ? { glossary: { ...summary('glossary', dtype), ofBitext: ratio('glossary', 'bitext', dtype, 'words'), ofBitextPerCpuSecond: ratio('glossary', 'bitext', dtype, 'words', 'cpuSeconds') } } : {};
  const heldBeams = glossary && width > 1 ? { glossaryBeams: { ...summary('glossary beams', dtype), ofBeams: ratio('glossary beams', 'beams', dtype, 'words'), ofBeamsPerCpuSecond: ratio('glossary beams', 'beams', dtype, 'words', 'cpuSeconds') } } : {};
  return [dtype, { naive: summary('naive', dtype), bitext: { ...bitext, tokensPerSecondPerCore: bitext.tokensPerSecond / availableParallelism() }, speedup: ratio('bitext', 'naive', dtype, 'words'), ...beams, ...held, ...heldBeams }];
}));
const first = byDtype[dtypes[0]!]!;
const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
// Each piece's terms, counted once per piece.
const termOccurrences = measures.find((measure) => measure.side === 'glossary')?.terms;
const workload = {
  beams: width, paragraphs: data.articles.flat().length, articles: data.articles.length, newstestLines: data.newstest, corpusParagraphs: data.corpus,
  words: measures[0]!.words, tokens: measures[0]!.tokens, runs, ...(glossary ? { glossary: path.relative(root, glossary), termOccurrences } : {}),
};

if (values.json) {
  console.log(JSON.stringify({ naive: first.naive, bitext: first.bitext, ...(first.beams ? { beams: first.beams } : {}), ...(first.glossary ? { glossary: first.glossary } : {}), ...(first.glossaryBeams ? { glossaryBeams: first.glossaryBeams } : {}), speedup: first.speedup, dtype: dtypes[0], dtypes: byDtype, machine, workload }));
} else {
  console.log(`translate stage (greedy${width > 1 ? ` and ${width} beams` : ''}) vs naive pipeline('translation') per paragraph; ${benchModel}; ${workload.paragraphs} paragraphs (${workload.words} words, ${workload.tokens} tokens forced), median of ${runs} runs`);
  console.log(`machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}\n`);
  console.log('| dtype | way | source words/s | generated tokens/s | tokens/s per core | load s | peak RSS MB |\n|---|---|---:|---:|---:|---:|---:|');
  for (const [dtype, result] of Object.entries(byDtype)) {
    const ways = [
      ['naive', result.naive], ['bitext', result.bitext], ...(result.beams ? [[`bitext, ${width} beams`, result.beams]] : []),
      ...(result.glossary ? [[`bitext, ${termOccurrences} glossary terms held`, result.glossary]] : []),
      ...(result.glossaryBeams ? [[`bitext, ${width} beams, ${termOccurrences} glossary terms held`, result.glossaryBeams]] : []),
    ] as [string, ReturnType<typeof summary>][];
    for (const [way, side] of ways) {
      console.log(`| ${dtype} | ${way} | ${side.wordsPerSecond.toFixed(1)} | ${side.tokensPerSecond.toFixed(1)} | ${(side.tokensPerSecond / machine.cores).toFixed(1)} | ${side.loadSeconds.toFixed(2)} | ${side.peakRssMb.toFixed(0)} |`);
    }
    console.log(`| ${dtype} | **bitext ÷ naive** | **${result.speedup.toFixed(2)}×** | | | | |`);
    if (result.beams) console.log(`| ${dtype} | **${width} beams ÷ greedy**, **÷ naive** | | **${result.beams.ofGreedy.toFixed(2)}×**, **${result.beams.ofNaive.toFixed(2)}×** | | | |`);
    if (result.glossary) console.log(`| ${dtype} | **with glossary ÷ without** | **${result.glossary.ofBitext.toFixed(2)}×** (per CPU second ${result.glossary.ofBitextPerCpuSecond.toFixed(2)}×) | | | | |`);
    if (result.glossaryBeams) console.log(`| ${dtype} | **${width} beams, with glossary ÷ without** | **${result.glossaryBeams.ofBeams.toFixed(2)}×** (per CPU second ${result.glossaryBeams.ofBeamsPerCpuSecond.toFixed(2)}×) | | | | |`);
  }
}
