/**
 * `npm run eval:integrity [-- --json] [-- --verbose] [-- --seed N]`: how the integrity check does on ../shared's
 * human translations of newstest2014 and Tatoeba (fra→eng): false flags on the references as they are, and the share
 * of corrupted references it flags (corruptions defined in `integrity-corruptions.ts`), on the part the rules were
 * tuned on (newstest lines 1–2000, Tatoeba's odd lines) and on the part held out (newstest 2001–3003, Tatoeba's even
 * lines); then its speed on every newstest pair. `-- --calibrate` prints how the omission rule was chosen; `-- --learn`
 * learns the French lexicon of `src/integrity/french-lexicon.ts` anew from the tuning part.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkTranslation, flagKinds } from '../../src/integrity/index.js';
import { corruptions as basic, writeAnotherLanguage } from './integrity-corruptions.js';
import { scoreIntegrity, type Finding, type IntegrityScore } from './integrity-score.js';
import { foreignSentences, integrityParts, readPairs } from './integrity-data.js';
import { learnLanguageWords, writeLanguageWords } from './integrity-learn-languages.js';
import { learnLexicon, writeLexicon } from './integrity-learn.js';
import { calibrateOmission, tryOmission } from './integrity-calibrate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = path.resolve(root, '../shared/eval/mt');
const langid = path.resolve(root, '../shared/eval/langid/tatoeba');
const { values } = parseArgs({ options: {
  json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' },
  runs: { type: 'string', default: '20' }, learn: { type: 'boolean', default: false }, least: { type: 'string', default: '1' },
  calibrate: { type: 'boolean', default: false },
} });
if (!existsSync(folder)) {
  console.error(`${folder} is not there: this evaluation needs ../shared beside the project`);
  process.exit(2);
}
const parts = integrityParts(folder);
const corruptions = existsSync(langid) ? [...basic, writeAnotherLanguage(foreignSentences(langid, 'even'))] : basic;
if (values.learn) {
  const tune = [...parts['newstest tune (1–2000)'], ...parts['tatoeba tune (odd lines)']].map((pair) => pair.source);
  const lexicon = learnLexicon(tune, Number(values.least));
  writeLexicon(path.join(root, 'src/integrity/french-lexicon.ts'), lexicon, `the French of the tuning part (newstest2014 lines 1–2000, Tatoeba's odd lines), words seen ${values.least === '1' ? 'once' : `${values.least} times`} or more`);
  console.log(`src/integrity/french-lexicon.ts: ${lexicon.words.length} words, ${lexicon.names.length} names`);
  const english = [...parts['newstest tune (1–2000)'], ...parts['tatoeba tune (odd lines)']].map((pair) => pair.reference);
  const learned = learnLanguageWords(lexicon.words, english, foreignSentences(langid, 'odd'), 150);
  writeLanguageWords(path.join(root, 'src/integrity/language-words.ts'), learned, `the English of the tuning part and the odd lines of ../shared/eval/langid/tatoeba (${Object.keys(learned.foreign).join(', ')}), 150 words a language`);
  console.log(`src/integrity/language-words.ts: ${learned.shared.length} words shared with English, ${Object.values(learned.foreign).flat().length} of other languages`);
  process.exit(0);
}
if (values.calibrate) {
  const trials = calibrateOmission(parts['newstest tune (1–2000)'], 0.0035, parts['tatoeba tune (odd lines)'], 0.015);
  console.log('Omission rules that flag at most 0.35% of the references of newstest lines 1–2000 and 1.5% of Tatoeba\'s odd lines, the best five:\n');
  console.log('| share | slack | clauses | headline | news tune: references flagged | halves flagged | news held out: references | halves | Tatoeba tune: references | halves |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const trial of trials.slice(0, 5)) {
    const held = tryOmission(parts['newstest held out (2001–3003)'], trial.options);
    const short = tryOmission(parts['tatoeba tune (odd lines)'], trial.options);
    const cells = [trial.falseFlags, trial.halvesFlagged, held.falseFlags, held.halvesFlagged, short.falseFlags, short.halvesFlagged].map((value) => `${(100 * value).toFixed(2)}%`);
    console.log(`| ${trial.options.share} | ${trial.options.slack} | ${trial.options.clauses} | ${trial.options.headline} | ${cells.join(' | ')} |`);
  }
  process.exit(0);
}
const seed = Number(values.seed);
const scores = Object.fromEntries(Object.entries(parts).map(([name, pairs]) => [name, scoreIntegrity(pairs, seed, corruptions)]));

// Speed: every newstest pair checked as it is, `runs` times after a warm-up.
const news = readPairs(folder, 'newstest2014.fra-eng');
const pass = () => {
  let flags = 0;
  for (const pair of news) flags += checkTranslation(pair.source, pair.reference).length;
  return flags;
};
pass();
const runs = Number(values.runs);
const started = performance.now();
for (let run = 0; run < runs; run++) pass();
const milliseconds = performance.now() - started;
const speed = { pairs: news.length, runs, milliseconds, pairsPerSecond: Math.round((1000 * news.length * runs) / milliseconds) };

const percent = (part: number, whole: number) => (whole ? (100 * part) / whole : 0);
const show = (part: number, whole: number) => `${percent(part, whole).toFixed(1)}%`;
if (values.json) {
  const summary = (score: IntegrityScore) => ({
    sentences: score.sentences, falseFlagged: score.falseFlagged, falseFlaggedPercent: percent(score.falseFlagged, score.sentences), falseByKind: score.falseByKind,
    corruptions: Object.fromEntries(Object.entries(score.corruptions).map(([name, result]) => [name, result && {
      applied: result.applied, expectedPercent: percent(result.expected, result.applied), anyPercent: percent(result.any, result.applied),
      ...(values.verbose ? { misses: result.misses } : {}),
    }])),
    ...(values.verbose ? { falseFlags: score.falseFlags } : {}),
  });
  console.log(JSON.stringify({ seed, scores: Object.fromEntries(Object.entries(scores).map(([name, score]) => [name, summary(score)])), speed }, null, 2));
} else {
  console.log(`Corruptions of the human English (seed ${seed}):`);
  for (const corruption of corruptions) console.log(`- ${corruption.name} (caught by \`${corruption.expected}\`): ${corruption.description}`);
  const names = Object.keys(scores);
  console.log(`\n| | ${names.join(' | ')} |\n|---|${names.map(() => '---:').join('|')}|`);
  const row = (label: string, cell: (score: IntegrityScore) => string) => console.log(`| ${label} | ${names.map((name) => cell(scores[name]!)).join(' | ')} |`);
  row('references (sentences)', (score) => String(score.sentences));
  row('**false flags, any kind**', (score) => `**${show(score.falseFlagged, score.sentences)}**`);
  for (const kind of flagKinds) row(`false flags: ${kind}`, (score) => show(score.falseByKind[kind], score.sentences));
  for (const corruption of corruptions) {
    row(`${corruption.name}: applied to`, (score) => String(score.corruptions[corruption.name]!.applied));
    row(`**${corruption.name}: flagged \`${corruption.expected}\`**`, (score) => { const result = score.corruptions[corruption.name]!; return `**${show(result.expected, result.applied)}**`; });
    row(`${corruption.name}: flagged, any kind`, (score) => { const result = score.corruptions[corruption.name]!; return show(result.any, result.applied); });
  }
  console.log(`\nspeed: ${speed.pairs} newstest2014 pairs × ${runs} in ${milliseconds.toFixed(0)} ms: ${speed.pairsPerSecond} pairs a second`);
  if (values.verbose) {
    const list = (finding: Finding) => `- line ${finding.line}: ${finding.flags.map((flag) => `[${flag.kind}: ${flag.detail}]`).join(' ') || '(no flag)'}\n    ${finding.source}\n    ${finding.translation}`;
    for (const [name, score] of Object.entries(scores)) {
      console.log(`\n## ${name}: ${score.falseFlags.length} references flagged\n`);
      for (const finding of score.falseFlags) console.log(list(finding));
      for (const [corruption, result] of Object.entries(score.corruptions)) {
        console.log(`\n## ${name}: ${corruption}, ${result!.misses.length} missed\n`);
        for (const finding of result!.misses) console.log(list(finding));
      }
    }
  }
}
