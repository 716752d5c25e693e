/**
 * `npm run eval:summary [-- --json] [-- --tune]`: ROUGE F1 of `bitext summarize --jsonl` (extractive, default budget)
 * against the gold abstracts of ../shared's OrangeSum documents, beside Lead-1/2/3 and the published BARThez and
 * mBARThez outputs scored the same way; the longest summary at `--words 15` and `40`, on these documents and on
 * newstest2014's French lines joined ten at a time; how well a cut sentence's English matches its French cut; then
 * the extractive method's speed on one core. `--tune` searches the extractive weights on a grid, two-fold
 * cross-validated, and prints what each fold would have chosen.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { countWords, type Article } from '../../src/article.js';
import { noModels } from '../../src/models/provider.js';
import { chooseStages, optionsOf } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { cutSentence, cutTranslation } from '../../src/summary/cut.js';
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
  summarizeExtractive(article, article.language!.code, budget, weights).map(({ block, sentence, text }) => text ?? article.blocks[block]!.sentences[sentence]!.text).join(' ');

if (values.tune) {
  tune();
  process.exit(0);
}

// The command itself, as a user runs it: start-up, reading, language detection and summarizing included. It runs
// in an empty folder, so that the built-in defaults apply rather than a project's pipeline.yaml.
const summarizeCommand = (texts: string[], flags: string[] = []): string[] => {
  const input = texts.map((text, id) => JSON.stringify({ id, text })).join('\n');
  const command = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'summarize', '--jsonl', ...flags], { input, encoding: 'utf8', maxBuffer: 1 << 28, cwd: mkdtempSync(path.join(tmpdir(), 'bitext-eval-')) });
  if (command.status !== 0) {
    console.error(`bitext summarize --jsonl ${flags.join(' ')} exited ${command.status}: ${command.stderr}`);
    process.exit(1);
  }
  return command.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { summary: string }).summary);
};
const started = performance.now();
const bitext = summarizeCommand(documents);
const commandSeconds = (performance.now() - started) / 1000;

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
// The budget, as the command keeps it: the longest summary in words (counted as the README counts them) at two
// aims, on these documents and on other French news, newstest2014's French lines joined ten at a time.
const newstest = path.resolve(root, '../shared/eval/mt/newstest2014.fra-eng.fra');
const pseudoArticles = existsSync(newstest)
  ? readFileSync(newstest, 'utf8').split('\n').filter(Boolean).reduce<string[][]>((groups, line, index) => (index % 10 ? groups.at(-1)!.push(line) : groups.push([line]), groups), []).map((lines) => lines.join('\n\n'))
  : [];
const budget = [15, 40].flatMap((aim) => [['OrangeSum', documents], ['newstest2014, 10 lines an article', pseudoArticles]].flatMap(([corpus, texts]) => {
  if (!texts!.length) return [];
  const lengths = summarizeCommand(texts as string[], ['--words', `${aim}`]).map(countWords);
  return [{ corpus: corpus as string, documents: lengths.length, words: aim, longest: Math.max(...lengths), over: lengths.filter((length) => length > 2 * aim).length, mean: lengths.reduce((a, b) => a + b, 0) / lengths.length }];
}));

// How well an English cut matches a French one, on newstest2014's human translations: the French is cut at 30, 50
// and 70% of its words, the English by `cutTranslation`; a pair agrees when every name and number found once on
// each side falls on the same side of both cuts (pairs with one on each side of the French cut only).
const alignment = (() => {
  const english = path.resolve(root, '../shared/eval/mt/newstest2014.fra-eng.eng');
  if (!existsSync(newstest) || !existsSync(english)) return undefined;
  const [frenchLines, englishLines] = [newstest, english].map((file) => readFileSync(file, 'utf8').split('\n'));
  const anchors = (text: string) => text.match(/(?<=\s)\p{Lu}\p{L}+|\p{N}+(?:[.,]\p{N}+)*/gu) ?? [];
  const once = (text: string) => new Set(anchors(text).filter((anchor, index, all) => all.indexOf(anchor) === all.lastIndexOf(anchor)));
  let pairs = 0;
  let agree = 0;
  for (const [index, text] of frenchLines!.entries()) {
    const total = countWords(text);
    if (total < 20) continue;
    const shared = [...once(text)].filter((anchor) => once(englishLines![index]!).has(anchor));
    for (const share of [0.3, 0.5, 0.7]) {
      const shown = cutSentence(text, Math.round(share * total), Math.round(share * total / 2), 'fra').text;
      const kept = new Set(anchors(shown.slice(0, -1)));
      const before = shared.filter((anchor) => kept.has(anchor));
      if (!before.length || before.length === shared.length) continue;
      const cut = new Set(anchors(cutTranslation({ text, translation: englishLines![index]! }, shown)!.slice(0, -1)));
      pairs++;
      if (shared.every((anchor) => cut.has(anchor) === kept.has(anchor))) agree++;
    }
  }
  return { pairs, agree: agree / pairs };
})();

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const speed = { articlesPerSecond: median(rates), commandArticlesPerSecond: documents.length / commandSeconds, runs };

if (values.json) {
  console.log(JSON.stringify({ documents: documents.length, table, budget, alignment, speed }));
} else {
  console.log(`OrangeSum abstract, first ${documents.length} test documents (../shared), ROUGE F1 x100; tokens: lower-cased Unicode words, no stemming\n`);
  console.log('| system | ROUGE-1 | ROUGE-2 | ROUGE-L | words |\n|---|---:|---:|---:|---:|');
  for (const row of table) console.log(`| ${row.system} | ${row.rouge1.toFixed(2)} | ${row.rouge2.toFixed(2)} | ${row.rougeL.toFixed(2)} | ${row.words.toFixed(1)} |`);
  console.log('\n| budget: `--words` | documents | longest summary, words | over twice the aim | mean words |\n|---|---:|---:|---:|---:|');
  for (const row of budget) console.log(`| ${row.words}, ${row.corpus} | ${row.documents} | ${row.longest} | ${row.over} | ${row.mean.toFixed(1)} |`);
  if (alignment) console.log(`\nEnglish cut beside a French cut (newstest2014 references): names and numbers on the same side in ${(100 * alignment.agree).toFixed(1)}% of ${alignment.pairs} cuts`);
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
