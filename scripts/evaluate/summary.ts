/**
 * `npm run eval:summary [-- --json] [-- --tune]`: ROUGE F1 of `bitext summarize --jsonl` (extractive, default budget)
 * against the gold abstracts of ../shared's OrangeSum documents, beside Lead-1/2/3 and the published BARThez and
 * mBARThez outputs scored the same way; then the extractive method's speed on one core. `--tune` searches the
 * extractive weights on a grid, two-fold cross-validated, and prints what each fold would have chosen.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Article } from '../../src/article.js';
import { noModels } from '../../src/models/provider.js';
import { chooseStages, optionsOf } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { extractiveWeights, summarizeExtractive, type ExtractiveWeights } from '../../src/summary/extractive.js';
import { splitSentences } from '../../src/text/sentences.js';
import { averageRouge, scoreRouge, type Rouge } from './rouge.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = path.resolve(root, '../shared/eval/summarization/orangesum-dev');
const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, tune: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' } } });
if (!existsSync(folder)) {
  console.error(`${folder} is not there: this evaluation needs ../shared beside the project`);
  process.exit(2);
}
const lines = (name: string) => readFileSync(path.join(folder, name), 'utf8').split('\n').slice(0, -1);
const documents = lines('abstract.source_documents.txt');
const gold = lines('abstract.gold.txt');
const score = (summaries: string[], which = (_: number) => true): Rouge =>
  averageRouge(summaries.flatMap((summary, index) => (which(index) ? [scoreRouge(summary, gold[index]!)] : [])));
const words = (summaries: string[]) => summaries.reduce((total, summary) => total + (summary.match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0) / summaries.length;

// The documents read and their languages judged as `bitext summarize --jsonl` does, for tuning and timing the method.
const options = optionsOf(chooseStages(['read', 'detect-language', 'summarize']), 'summarize')!;
const reader = await createPipeline(chooseStages(['read', 'detect-language']), { models: noModels });
const articles: Article[] = [];
for (const [index, text] of documents.entries()) articles.push(await reader.process({ kind: 'text', text, display: `line ${index + 1}`, form: 'article' }));
const extract = (article: Article, weights: ExtractiveWeights = extractiveWeights, budget = options) =>
  summarizeExtractive(article, article.language!.code, budget, weights).map(({ block, sentence }) => article.blocks[block]!.sentences[sentence]!.text).join(' ');

if (values.tune) {
  tune();
  process.exit(0);
}

// The command itself, as a user runs it: start-up, reading, language detection and summarizing included. It runs
// in an empty folder, so that the built-in defaults apply rather than a project's pipeline.yaml.
const input = documents.map((text, id) => JSON.stringify({ id, text })).join('\n');
const started = performance.now();
const command = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'summarize', '--jsonl'], { input, encoding: 'utf8', maxBuffer: 1 << 28, cwd: mkdtempSync(path.join(tmpdir(), 'bitext-eval-')) });
const commandSeconds = (performance.now() - started) / 1000;
if (command.status !== 0) {
  console.error(`bitext summarize --jsonl exited ${command.status}: ${command.stderr}`);
  process.exit(1);
}
const bitext = command.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { summary: string }).summary);

const systems: Record<string, string[]> = {
  'bitext summarize (extractive)': bitext,
  'Lead-1': documents.map((text) => splitSentences(text).slice(0, 1).join(' ')),
  'Lead-2': documents.map((text) => splitSentences(text).slice(0, 2).join(' ')),
  'Lead-3': documents.map((text) => splitSentences(text).slice(0, 3).join(' ')),
  'BARThez (published outputs)': lines('abstract.barthez.txt'),
  'mBARThez (published outputs)': lines('abstract.mbarthez.txt'),
  'oracle: best single sentence, gold in hand': documents.map((text, index) =>
    splitSentences(text).reduce((best, sentence) => (scoreRouge(sentence, gold[index]!).rouge1 > scoreRouge(best, gold[index]!).rouge1 ? sentence : best), '')),
};
const table = Object.entries(systems).map(([system, summaries]) => ({ system, ...score(summaries), words: words(summaries) }));

// Speed of the extractive method alone, on one core: articles already read and their languages judged.
const runs = Number(values.runs);
const rates: number[] = [];
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  for (const article of articles) summarizeExtractive(article, article.language!.code, options);
  rates.push(articles.length / ((performance.now() - start) / 1000));
}
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const speed = { articlesPerSecond: median(rates), commandArticlesPerSecond: documents.length / commandSeconds, runs };

if (values.json) {
  console.log(JSON.stringify({ documents: documents.length, table, speed }));
} else {
  console.log(`OrangeSum abstract, first ${documents.length} test documents (../shared), ROUGE F1 x100; tokens: lower-cased Unicode words, no stemming\n`);
  console.log('| system | ROUGE-1 | ROUGE-2 | ROUGE-L | words |\n|---|---:|---:|---:|---:|');
  for (const row of table) console.log(`| ${row.system} | ${row.rouge1.toFixed(2)} | ${row.rouge2.toFixed(2)} | ${row.rougeL.toFixed(2)} | ${row.words.toFixed(1)} |`);
  console.log(`\nextractive method alone, one core: ${speed.articlesPerSecond.toFixed(0)} articles/s (median of ${runs} runs over ${articles.length})`);
  console.log(`bitext summarize --jsonl end to end (start-up, detection included): ${speed.commandArticlesPerSecond.toFixed(0)} articles/s`);
}

/** Grid search of the extractive weights; each fold picks on one half of the documents and is scored on the other. */
function tune(): void {
  const grid = {
    position: [1, 2], positionDecay: [0.5, 1], centrality: [1, 2, 3, 4], length: [0, 0.2, 0.5], redundancy: [0.3, 0.6],
  };
  const keys = Object.keys(grid) as (keyof typeof grid)[];
  const combinations: ExtractiveWeights[] = keys.reduce<ExtractiveWeights[]>(
    (partial, key) => partial.flatMap((weights) => grid[key].map((value) => ({ ...weights, [key]: value }))),
    [{} as ExtractiveWeights],
  );
  // The word budget is tuned with the weights: ROUGE F1 rewards a summary as long as the gold ones.
  const budgets = [35, 40, 45, 55].map((aim) => ({ ...options, words: aim }));
  const best = (which: (index: number) => boolean) => {
    let chosen = { weights: combinations[0]!, budget: options };
    let top = -1;
    for (const budget of budgets) {
      for (const weights of combinations) {
        const rouge1 = score(articles.map((article, index) => (which(index) ? extract(article, weights, budget) : '')), which).rouge1;
        if (rouge1 > top) [top, chosen] = [rouge1, { weights, budget }];
      }
    }
    return { ...chosen, rouge1: top };
  };
  for (const fold of [0, 1]) {
    const picked = best((index) => index % 2 !== fold);
    const held = score(articles.map((article) => extract(article, picked.weights, picked.budget)), (index) => index % 2 === fold).rouge1;
    console.log(`fold ${fold}: tuned ${picked.rouge1.toFixed(2)} on the other half, held-out ROUGE-1 ${held.toFixed(2)} with words ${picked.budget.words}, ${JSON.stringify(picked.weights)}`);
  }
  const all = best(() => true);
  console.log(`all ${documents.length}: ROUGE-1 ${all.rouge1.toFixed(2)} with words ${all.budget.words}, ${JSON.stringify(all.weights)}; shipped ${JSON.stringify(extractiveWeights)} gives ${score(articles.map((article) => extract(article))).rouge1.toFixed(2)}`);
}
