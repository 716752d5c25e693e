/**
 * One side of the translation benchmark, in its own process so that its peak RSS is its own:
 * `tsx scripts/bench/worker.ts naive|bitext|glossary DTYPE MODELS DATA [BEAMS [GLOSSARY]]`. Prints one JSON line with
 * what it measured (`glossary`: bitext's stage with the glossary's terms held in decoding).
 */
import { readFileSync } from 'node:fs';
import PQueue from 'p-queue';
import { countWords, type Source } from '../../src/article.js';
import { autoConcurrency } from '../../src/config/resolve.js';
import { createModelProvider, noModels, type ModelProvider, type Translator } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import type { Glossary } from '../../src/glossary/glossary.js';
import { readGlossaryFile } from '../evaluate/glossary-file.js';
import type { BenchData } from './data.js';
import { benchModel } from './data.js';

const [side, dtype, directory, dataFile, beams = '1', glossaryFile] = process.argv.slice(2) as [string, string, string, string, string?, string?];
const data = JSON.parse(readFileSync(dataFile, 'utf8')) as BenchData;
const paragraphs = data.articles.flat();
const words = paragraphs.reduce((total, paragraph) => total + countWords(paragraph.text), 0);

const result = side === 'naive' ? await naive() : await bitext(side === 'glossary' ? readGlossaryFile(glossaryFile!) : undefined);
console.log(JSON.stringify({ side, dtype, words, ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

/** Transformers.js as its README shows it: a translation pipeline, called once per paragraph, with its defaults. */
async function naive() {
  const { pipeline, env, LogLevel } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = `${directory}/`;
  env.logLevel = LogLevel.ERROR;
  let started = performance.now();
  const translator = await pipeline('translation', benchModel, { dtype: dtype as 'q8' });
  const loadSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  let tokens = 0;
  for (const paragraph of paragraphs) {
    // Random weights: the output length is forced to the reference's, the only change from the defaults.
    await translator(paragraph.text, { max_new_tokens: paragraph.target, min_new_tokens: paragraph.target } as never);
    tokens += paragraph.target;
  }
  return { loadSeconds, seconds: (performance.now() - started) / 1000, tokens };
}

/** bitext's translate stage, as `bitext run` drives it: created once, then every article at `concurrency: auto`. */
async function bitext(glossary?: Glossary) {
  // Each sentence's share of its paragraph's forced length, in proportion to its source tokens.
  const lengths = new Map<string, number>();
  let tokens = 0;
  // The terms held: each piece's, once each.
  let held = 0;
  const real = createModelProvider({ directory });
  const models: ModelProvider = {
    ...real,
    async translator(request) {
      const translator = await real.translator(request);
      const forced: Translator = {
        ...translator,
        translate: (texts, settings, _lengths, terms) => {
          const targets = texts.map((text) => lengths.get(text) ?? 1);
          tokens += targets.reduce((sum, target) => sum + target, 0);
          held += terms?.reduce((sum, list) => sum + list.length, 0) ?? 0;
          return translator.translate(texts, settings, targets, terms);
        },
      };
      return forced;
    },
  };
  let started = performance.now();
  const translate = await createPipeline(chooseStages(['read', 'translate'], [], { translate: { model: benchModel, dtype: dtype as 'q8', beams: Number(beams) } }), { models, ...(glossary ? { glossary } : {}) });
  const loadSeconds = (performance.now() - started) / 1000;
  // The sentences as the read stage splits them, to share out each paragraph's forced length.
  const read = await createPipeline(chooseStages(['read']), { models: noModels });
  const translator = await models.translator({ model: benchModel, dtype });
  const sources: Source[] = [];
  for (const [number, article] of data.articles.entries()) {
    const source: Source = { kind: 'text', text: article.map((paragraph) => paragraph.text).join('\n\n'), display: `bench ${number}`, form: 'paragraphs' };
    const { blocks } = await read.process(source);
    if (blocks.length !== article.length) throw new Error(`expected ${article.length} paragraphs, read ${blocks.length}`);
    for (const [index, block] of blocks.entries()) {
      const counts = await translator.countTokens(block.sentences.map((sentence) => sentence.text));
      const total = counts.reduce((sum, count) => sum + count, 0);
      block.sentences.forEach((sentence, position) => lengths.set(sentence.text, Math.max(1, Math.round((article[index]!.target * counts[position]!) / total))));
    }
    sources.push(source);
  }
  started = performance.now();
  // Every thread of the process (the decoding thread and onnxruntime's too): on a busy machine, steadier than the clock.
  const cpu = process.cpuUsage();
  const queue = new PQueue({ concurrency: autoConcurrency() });
  await Promise.all(sources.map((source) => queue.add(() => translate.process(source))));
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  await models.dispose();
  return { loadSeconds, seconds, cpuSeconds: (user + system) / 1e6, tokens, ...(glossary ? { terms: held } : {}) };
}
