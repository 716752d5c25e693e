/**
 * `npm run eval:segmentation [-- --json] [-- --verbose]`: how well the sentence splitter finds sentence ends in
 * paragraphs of five consecutive lines of ../shared's newstest2014 (French, then English), and Tatoeba's short
 * sentences as a check that the rules were not fitted to the news; then its speed on every newstest line.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { splitSentences } from '../../src/text/sentences.js';
import { scoreSegmentation, type SegmentationScore } from './segmentation-score.js';

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
const scores = Object.fromEntries(Object.entries(sets).map(([name, lines]) => [name, scoreSegmentation(lines, splitSentences)]));

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
