/**
 * `npm run eval:segmentation [-- --json] [-- --verbose]`: how well bitext finds sentence ends in paragraphs of five
 * consecutive lines of ../shared's newstest2014 (French, then English), and Tatoeba's short sentences as a check that
 * the rules were not fitted to the news. What is scored is what the model is given: the `segments` of
 * `bitext translate --jsonl` (the generated marian-tiny stands in for the model: the pieces depend on the splitter and
 * on the model's token limit, not on its weights); then the splitter's own speed on every newstest line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { splitSentences } from '../../src/text/sentences.js';
import { writeMarianTiny } from '../test-models/models.js';
import { paragraphsOf, scoreSegmentation, type SegmentationScore } from './segmentation-score.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = path.resolve(root, '../shared/eval/mt');
const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, runs: { type: 'string', default: '10' } } });
if (!existsSync(folder)) {
  console.error(`${folder} is not there: this evaluation needs ../shared beside the project`);
  process.exit(2);
}
const read = (name: string) => readFileSync(path.join(folder, name), 'utf8').replace(/\n$/, '').split('\n');
const sets = {
  'newstest2014 fra': read('newstest2014.fra-eng.fra'),
  'newstest2014 eng': read('newstest2014.fra-eng.eng'),
  'tatoeba fra (short sentences)': read('tatoeba-test-v2021-08-07.fra-eng.fra'),
  'tatoeba eng (short sentences)': read('tatoeba-test-v2021-08-07.fra-eng.eng'),
};

// The command as a user runs it, with a config naming the tiny model.
const work = mkdtempSync(path.join(tmpdir(), 'bitext-segmentation-'));
await writeMarianTiny(path.join(work, 'models'));
const tinyConfig = path.join(work, 'models/bitext-test/marian-tiny/config.json');
writeFileSync(tinyConfig, JSON.stringify({ ...JSON.parse(readFileSync(tinyConfig, 'utf8')), max_position_embeddings: 512 }));
writeFileSync(path.join(work, 'pipeline.yaml'), 'models: models\nstages:\n  - read\n  - translate: {model: bitext-test/marian-tiny}\n  - write-markdown\n');
const segmentsOf = (lines: string[]): string[][] => {
  const paragraphs = paragraphsOf(lines);
  const input = paragraphs.map((text, id) => JSON.stringify({ id, text })).join('\n');
  const output = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'translate', '--jsonl'], { cwd: work, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  const answers = output.trim().split('\n').map((line) => JSON.parse(line) as { id: number; segments: { source: string }[] });
  if (answers.length !== paragraphs.length) throw new Error(`bitext translate --jsonl answered ${answers.length} lines for ${paragraphs.length}`);
  return answers.map((answer) => answer.segments.map((segment) => segment.source));
};
const scores = Object.fromEntries(Object.entries(sets).map(([name, lines]) => {
  const segments = segmentsOf(lines);
  return [name, scoreSegmentation(lines, (_, index) => segments[index]!)];
}));

// Speed: every French newstest line split alone, as the pipeline splits paragraphs, `runs` times after a warm-up.
const news = sets['newstest2014 fra'];
const pass = () => {
  let sentences = 0;
  for (const line of news) sentences += splitSentences(line).length;
  return sentences;
};
pass();
const runs = Number(values.runs);
const started = performance.now();
for (let run = 0; run < runs; run++) pass();
const milliseconds = performance.now() - started;
const speed = { lines: news.length, runs, milliseconds, microsecondsPerLine: (1000 * milliseconds) / (runs * news.length) };

const percent = (part: number, whole: number) => (100 * part) / whole;
if (values.json) {
  const summary = (score: SegmentationScore) => ({
    ends: score.ends, found: score.found, foundPercent: percent(score.found, score.ends),
    lines: score.lines, linesCutInside: score.linesCutInside, cutInsidePercent: percent(score.linesCutInside, score.lines),
    ...(values.verbose ? { misses: score.misses, insideCuts: score.insideCuts } : {}),
  });
  console.log(JSON.stringify({ scores: Object.fromEntries(Object.entries(scores).map(([name, score]) => [name, summary(score)])), speed }, null, 2));
} else {
  console.log('Paragraphs of 5 consecutive lines (../shared/eval/mt) joined by spaces; a line ending in . ! ? … (closing quotes or brackets after it allowed) ends a sentence.\n');
  console.log('| text | sentence ends found | of | lines cut inside | of |\n|---|---:|---:|---:|---:|');
  for (const [name, score] of Object.entries(scores)) {
    console.log(`| ${name} | ${percent(score.found, score.ends).toFixed(2)}% | ${score.ends} | ${percent(score.linesCutInside, score.lines).toFixed(2)}% | ${score.lines} |`);
  }
  console.log(`\nspeed: ${speed.lines} newstest2014 fra lines × ${runs} in ${milliseconds.toFixed(0)} ms (${speed.microsecondsPerLine.toFixed(1)} µs a line)`);
  if (values.verbose) {
    for (const [name, score] of Object.entries(scores)) {
      console.log(`\n## ${name}: ${score.misses.length} missed ends, ${score.insideCuts.length} lines cut inside\n`);
      for (const miss of score.misses) console.log(`- miss after line ${miss.line}: …${miss.before} ‖ ${miss.after}…`);
      for (const cut of score.insideCuts) console.log(`- cut inside line ${cut.line}: ${cut.pieces.join(' ‖ ')}`);
    }
  }
}
