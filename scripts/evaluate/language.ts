/**
 * `npm run eval:language [-- --json]`: accuracy of bitext's language detection beside plain franc, on the texts of
 * `../shared/eval` the shipped model never saw (bucket 0 of scripts/language-model/data.ts), each judged alone with
 * the default configuration; then the corpus paragraphs in context, and the throughput of `bitext detect --jsonl`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { franc } from 'franc';
import { noModels } from '../../src/models/provider.js';
import { chooseStages, optionsOf } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { goalLanguages, loadNews, loadSamples, sharedFolder, singleWords, wordPairs, type Sample } from '../language-model/data.js';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } } });
if (!existsSync(path.join(sharedFolder, 'eval'))) {
  console.error(`${sharedFolder}/eval is not there: this evaluation needs ../shared beside the project`);
  process.exit(2);
}

// bitext judges as `bitext detect --jsonl` does: the read and detect-language stages, defaults, each text alone.
const stages = chooseStages(['read', 'detect-language']);
const { candidates } = optionsOf(stages, 'detect-language')!;
const pipeline = await createPipeline(stages, { models: noModels });
const judged = new Map<string, string>();
const judge = async (texts: string[]) => {
  for (const text of texts) {
    if (!judged.has(text)) judged.set(text, text.trim() ? (await pipeline.process({ kind: 'text', text, display: 'sample', form: 'paragraphs' })).language!.code : 'und');
  }
};
const systems: Record<string, (text: string) => string> = {
  bitext: (text) => judged.get(text)!,
  franc: (text) => franc(text),
  'franc, 7 languages': (text) => franc(text, { only: goalLanguages }),
};

const held = loadSamples().filter((sample) => sample.bucket === 0);
const sentences = held.filter((sample) => sample.source === 'tatoeba');
const inGoal = (samples: Sample[]) => samples.filter((sample) => goalLanguages.includes(sample.language));
// News: newstest2014 (French and English) and OrangeSum (French), never used in training or calibration. Their
// words and pairs are the out-of-distribution check: picked as Lingua's test words are (5 letters or more; pairs
// of 10 characters or more), from news, whose names and long words the model's Tatoeba sentences seldom have.
const { newstest: news, orangeSum } = loadNews();
const lingua = { minLetters: 5, minCharacters: 10 };
const sets = {
  sentences,
  news,
  tweets: held.filter((sample) => sample.source === 'tweets'),
  pairs: wordPairs(inGoal(sentences)),
  words: singleWords(inGoal(sentences)),
  longWords: singleWords(inGoal(sentences), lingua.minLetters),
  newsWords: [...singleWords(news, lingua.minLetters), ...singleWords(orangeSum, lingua.minLetters)],
  newsPairs: [...wordPairs(news, lingua.minCharacters), ...wordPairs(orangeSum, lingua.minCharacters)],
};

interface Score { n: number; correct: number; wrong: number; undetermined: number }
const score = (samples: Sample[], detect: (text: string) => string): Score => {
  const result = { n: samples.length, correct: 0, wrong: 0, undetermined: 0 };
  for (const sample of samples) {
    const code = detect(sample.text);
    if (code === sample.language) result.correct++;
    else if (code === 'und') result.undetermined++;
    else result.wrong++;
  }
  return result;
};
const byLanguage = (samples: Sample[], detect: (text: string) => string) =>
  Object.fromEntries([...new Set(samples.map((sample) => sample.language))].map((language) => [language, score(samples.filter((sample) => sample.language === language), detect)]));
/** Scores by source and language: `newstest2014 fra`, `newstest2014 eng`, `orangesum fra`. */
const bySource = (samples: Sample[], detect: (text: string) => string) =>
  Object.fromEntries([...new Set(samples.map((sample) => `${sample.source} ${sample.language}`))].map((key) => [key, score(samples.filter((sample) => `${sample.source} ${sample.language}` === key), detect)]));
const percent = (part: number, whole: number) => (whole ? (100 * part) / whole : Number.NaN);
const average = (scores: Record<string, Score>, languages: string[]) =>
  languages.reduce((sum, language) => sum + percent(scores[language]!.correct, scores[language]!.n), 0) / languages.length;

await judge(Object.values(sets).flatMap((set) => set.map((sample) => sample.text)));
const results = Object.fromEntries(
  Object.entries(systems).map(([name, detect]) => {
    const sentenceScores = byLanguage(sets.sentences, detect);
    const tweetScores = byLanguage(sets.tweets, detect);
    const tweetLanguages = Object.keys(tweetScores);
    return [name, {
      sentences: sentenceScores,
      sentencesAverage: average(sentenceScores, goalLanguages),
      news: byLanguage(sets.news, detect),
      tweets: tweetScores,
      tweetsAverage: average(tweetScores, tweetLanguages),
      pairs: score(sets.pairs, detect),
      words: score(sets.words, detect),
      longWords: score(sets.longWords, detect),
      longWordsByLanguage: byLanguage(sets.longWords, detect),
      newsWords: bySource(sets.newsWords, detect),
      newsPairs: bySource(sets.newsPairs, detect),
    }];
  }),
);

// In context: every paragraph of the corpus articles, judged as `bitext run` judges them.
const corpusFolder = path.join(sharedFolder, 'corpus');
let paragraphs = 0;
let french = 0;
for (const name of readdirSync(corpusFolder).sort()) {
  const article = await pipeline.process({ kind: 'file', path: path.join(corpusFolder, name), display: name });
  for (const block of article.blocks) {
    paragraphs++;
    if (block.language?.code === 'fra' && block.sentences.every((sentence) => (sentence.language?.code ?? 'fra') === 'fra')) french++;
  }
}

// Throughput through the command line, start-up included: every Tatoeba sentence of ../shared in the seven languages.
const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');
const lines = inGoal(loadSamples().filter((sample) => sample.source === 'tatoeba'));
const input = lines.map((sample, index) => JSON.stringify({ id: index, text: sample.text })).join('\n') + '\n';
const times: number[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [cli, 'detect', '--jsonl'], { input, maxBuffer: 1 << 28, cwd: path.resolve(import.meta.dirname, '../..') });
  const seconds = (performance.now() - started) / 1000;
  const answers = child.stdout.toString().trim().split('\n').length;
  if (child.status !== 0 || answers !== lines.length) throw new Error(`bitext detect --jsonl failed (exit ${child.status}, ${answers} answers for ${lines.length} lines): ${child.stderr}`);
  times.push(seconds);
}
const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
const throughput = { lines: lines.length, runs: times.length, medianSeconds: median, sentencesPerSecond: lines.length / median };

if (values.json) {
  console.log(JSON.stringify({ heldOut: Object.fromEntries(Object.entries(sets).map(([name, set]) => [name, set.length])), results, corpus: { paragraphs, french }, throughput }, null, 2));
} else {
  const names = Object.keys(systems);
  const row = (label: string, cells: string[]) => `| ${label} | ${cells.join(' | ')} |`;
  const cell = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)}%`);
  const out = [
    `Held-out texts (never seen in training), each judged alone, default configuration (candidates: ${candidates.join(' ')}):`,
    '',
    row('', names),
    `|---|${names.map(() => '---:').join('|')}|`,
  ];
  for (const language of [...goalLanguages, 'cat', 'ron']) {
    const n = results.bitext!.sentences[language]?.n ?? 0;
    out.push(row(`sentences, ${language} (${n})`, names.map((name) => { const s = results[name]!.sentences[language]; return cell(s ? percent(s.correct, s.n) : Number.NaN); })));
  }
  out.push(row('**sentences, average of the 7**', names.map((name) => `**${cell(results[name]!.sentencesAverage)}**`)));
  for (const language of ['fra', 'eng']) {
    out.push(row(`news sentences (newstest2014), ${language} (${results.bitext!.news[language]!.n})`, names.map((name) => { const s = results[name]!.news[language]!; return cell(percent(s.correct, s.n)); })));
  }
  out.push(row(`tweets, average of 6 (${sets.tweets.length})`, names.map((name) => cell(results[name]!.tweetsAverage))));
  out.push(row(`two words, correct (${sets.pairs.length})`, names.map((name) => cell(percent(results[name]!.pairs.correct, results[name]!.pairs.n)))));
  out.push(row(`single words, correct (${sets.words.length})`, names.map((name) => cell(percent(results[name]!.words.correct, results[name]!.words.n)))));
  out.push(row('single words, **wrong**', names.map((name) => cell(percent(results[name]!.words.wrong, results[name]!.words.n)))));
  out.push(row('single words, und', names.map((name) => cell(percent(results[name]!.words.undetermined, results[name]!.words.n)))));
  // Correct / wrong / und in one cell, the way the README shows them.
  const three = (s: Score) => `${cell(percent(s.correct, s.n))} / **${cell(percent(s.wrong, s.n))}** / ${cell(percent(s.undetermined, s.n))}`;
  out.push(row(`single words of 5 letters or more, correct / **wrong** / und (${sets.longWords.length})`, names.map((name) => three(results[name]!.longWords))));
  for (const language of goalLanguages) {
    out.push(row(`  ${language} (${results.bitext!.longWordsByLanguage[language]!.n})`, names.map((name) => three(results[name]!.longWordsByLanguage[language]!))));
  }
  for (const key of Object.keys(results.bitext!.newsWords)) {
    out.push(row(`news single words of 5 letters or more, ${key} (${results.bitext!.newsWords[key]!.n})`, names.map((name) => three(results[name]!.newsWords[key]!))));
  }
  for (const key of Object.keys(results.bitext!.newsPairs)) {
    out.push(row(`news word pairs of 10 characters or more, ${key} (${results.bitext!.newsPairs[key]!.n})`, names.map((name) => three(results[name]!.newsPairs[key]!))));
  }
  out.push('', `In context: ${french} of ${paragraphs} blocks of the ${readdirSync(corpusFolder).length} corpus articles judged French, sentences included.`);
  out.push(`Throughput: \`bitext detect --jsonl\` on ${lines.length} sentences, start-up included: ${Math.round(throughput.sentencesPerSecond)} sentences/s (median of ${times.length} runs, ${median.toFixed(2)} s).`);
  console.log(out.join('\n'));
}
