/**
 * One side of the translation benchmark, in its own process so that its peak RSS is its own:
 * `tsx scripts/bench/worker.ts naive|bitext DTYPE MODELS DATA [BEAMS]`. Prints one JSON line with what it measured.
 */
import { readFileSync } from 'node:fs';
import PQueue from 'p-queue';
import { countWords, type Article } from '../../src/article.js';
import { articleFromText } from '../../src/commands/input.js';
import { autoConcurrency } from '../../src/config/resolve.js';
import { createModelProvider, type ModelProvider, type Translator } from '../../src/models/provider.js';
import translate from '../../src/stages/translate.js';
import type { BenchData } from './data.js';
import { benchModel } from './data.js';

const [side, dtype, directory, dataFile, beams = '1'] = process.argv.slice(2) as [string, string, string, string, string?];
const data = JSON.parse(readFileSync(dataFile, 'utf8')) as BenchData;
const paragraphs = data.articles.flat();
const words = paragraphs.reduce((total, paragraph) => total + countWords(paragraph.text), 0);

const result = side === 'naive' ? await naive() : await bitext();
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
async function bitext() {
  // Each sentence's share of its paragraph's forced length, in proportion to its source tokens.
  const lengths = new Map<string, number>();
  let tokens = 0;
  const real = createModelProvider({ directory });
  const models: ModelProvider = {
    ...real,
    async translator(request) {
      const translator = await real.translator(request);
      const forced: Translator = {
        ...translator,
        translate: (texts, settings) => {
          const targets = texts.map((text) => lengths.get(text) ?? 1);
          tokens += targets.reduce((sum, target) => sum + target, 0);
          return translator.translate(texts, settings, targets);
        },
      };
      return forced;
    },
  };
  let started = performance.now();
  const run = await translate.create(translate.options.parse({ model: benchModel, dtype, beams: Number(beams) }), { models, stages: [] });
  const loadSeconds = (performance.now() - started) / 1000;
  const translator = await models.translator({ model: benchModel, dtype });
  const articles: Article[] = [];
  for (const article of data.articles) {
    const made = articleFromText(article.map((paragraph) => paragraph.text).join('\n\n'), 'bench');
    made.language = { code: 'fra', confidence: 1 };
    made.blocks = made.blocks.map((block) => ({ ...block, kind: 'paragraph', language: { code: 'fra', confidence: 1 } }));
    if (made.blocks.length !== article.length) throw new Error(`expected ${article.length} paragraphs, read ${made.blocks.length}`);
    for (const [index, block] of made.blocks.entries()) {
      const counts = await translator.countTokens(block.sentences.map((sentence) => sentence.text));
      const total = counts.reduce((sum, count) => sum + count, 0);
      block.sentences.forEach((sentence, position) => lengths.set(sentence.text, Math.max(1, Math.round((article[index]!.target * counts[position]!) / total))));
    }
    articles.push(made);
  }
  started = performance.now();
  const queue = new PQueue({ concurrency: autoConcurrency() });
  await Promise.all(articles.map((article) => queue.add(() => run(article, {}))));
  const seconds = (performance.now() - started) / 1000;
  await models.dispose();
  return { loadSeconds, seconds, tokens };
}
