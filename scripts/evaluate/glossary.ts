/**
 * `npm run eval:glossary [-- --json] [-- --models tiny,full] [-- --beams 1,4] [-- --dtype q8] [-- --lines 2001-2200]`:
 * how many of a glossary's occurrences the translation renders as the glossary says, with the terms held in decoding
 * and without (then only the check sees them), through `read → translate → check` as `bitext run` runs them. On the
 * generated Marians: `marian-tiny` with test/fixtures/glossary/tiny.tsv (English of its small vocabulary), `marian-full`
 * with test/fixtures/glossary/news.tsv (the names and institutions of the texts); over ../shared/corpus and newstest2014
 * lines 2001–2200, held out from every tuning (the integrity rules were tuned on lines 1–2000).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import PQueue from 'p-queue';
import type { Article, Source } from '../../src/article.js';
import { autoConcurrency } from '../../src/config/resolve.js';
import type { Glossary } from '../../src/glossary/glossary.js';
import { createTermMatcher, distinctTerms, holdsTerm } from '../../src/glossary/match.js';
import { createModelProvider } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { cachedMarianFull } from '../test-models/cached.js';
import { testModelIds, writeMarianTiny } from '../test-models/models.js';
import { readGlossaryFile } from './glossary-file.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '../shared');
const { values } = parseArgs({ options: {
  json: { type: 'boolean', default: false }, models: { type: 'string', default: 'tiny,full' }, beams: { type: 'string', default: '1,4' },
  dtype: { type: 'string', default: 'q8' }, lines: { type: 'string', default: '2001-2200' },
} });
if (!existsSync(path.join(shared, 'corpus'))) {
  console.error(`${shared}/corpus is not there: this evaluation needs ../shared beside the project`);
  process.exit(2);
}
const log = (message: string) => process.stderr.write(`${message}\n`);

const models = {
  // Written again at each evaluation, in the project's cache rather than left in the temporary folder.
  tiny: { id: testModelIds.marianTiny, glossary: 'tiny.tsv', directory: () => writeMarianTiny(freshFolder(path.join(root, '.cache/eval-models'))).then((folder) => path.dirname(path.dirname(folder))) },
  full: { id: testModelIds.marianFull, glossary: 'news.tsv', directory: () => cachedMarianFull(path.join(root, '.cache/test-models'), shared) },
};
/** `folder`, emptied. */
function freshFolder(folder: string): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}
const [first, last] = values.lines.split('-').map(Number) as [number, number];
const news = readFileSync(path.join(shared, 'eval/mt/newstest2014.fra-eng.fra'), 'utf8').split('\n').slice(first - 1, last);
const texts: Record<string, Source[]> = {
  corpus: readdirSync(path.join(shared, 'corpus')).sort().map((file) => ({ kind: 'file', path: path.join(shared, 'corpus', file), display: file })),
  [`newstest2014 ${first}–${last}`]: Array.from({ length: Math.ceil(news.length / 10) }, (_, index) => ({
    kind: 'text', text: news.slice(index * 10, index * 10 + 10).join('\n'), display: `newstest2014 ${first + index * 10}`, form: 'lines',
  })),
};

interface Tally { sentences: number; occurrences: number; rendered: number; termFlags: number }

/** Translates `sources` with `glossary` held in decoding (or not at all), and counts its occurrences in the outputs. */
async function tally(directory: string, model: string, beams: number, sources: readonly Source[], glossary: Glossary, held: boolean): Promise<Tally> {
  const provider = createModelProvider({ directory });
  const stages = chooseStages(['read', 'translate', 'check'], [], { translate: { model, dtype: values.dtype as 'q8', beams } });
  const pipeline = await createPipeline(stages, { models: provider, ...(held ? { glossary } : {}) });
  const queue = new PQueue({ concurrency: autoConcurrency() });
  const articles = await Promise.all(sources.map((source) => queue.add(() => pipeline.process(source)))) as Article[];
  await provider.dispose();
  const findTerms = createTermMatcher(glossary.entries);
  const result: Tally = { sentences: 0, occurrences: 0, rendered: 0, termFlags: 0 };
  for (const sentence of articles.flatMap((article) => article.blocks.flatMap((block) => block.sentences))) {
    if (sentence.translation === undefined) continue;
    // Without the glossary, the terms are found here as the translate stage finds them.
    const terms = held ? sentence.terms ?? [] : distinctTerms(findTerms(sentence.text));
    if (!terms.length) continue;
    result.sentences++;
    result.occurrences += terms.length;
    result.rendered += terms.filter((term) => holdsTerm(sentence.translation!, term.target)).length;
    result.termFlags += sentence.flags?.filter((flag) => flag.kind === 'term').length ?? 0;
  }
  return result;
}

const rows = [];
for (const name of values.models.split(',') as (keyof typeof models)[]) {
  const { id, directory: make } = models[name];
  const directory = await make();
  const glossary = readGlossaryFile(path.join(root, 'test/fixtures/glossary', models[name].glossary));
  for (const beams of values.beams.split(',').map(Number)) {
    for (const [text, sources] of Object.entries(texts)) {
      const held = await tally(directory, id, beams, sources, glossary, true);
      const free = await tally(directory, id, beams, sources, glossary, false);
      log(`${id} beams ${beams} ${text}: ${held.rendered}/${held.occurrences} rendered held (${free.rendered}/${free.occurrences} without)`);
      rows.push({ model: id, glossary: `${models[name].glossary} (${glossary.entries.length} terms)`, text, beams, held, free });
    }
  }
}

if (values.json) console.log(JSON.stringify({ dtype: values.dtype, rows }));
else {
  console.log(`Glossary occurrences rendered as the glossary says (dtype ${values.dtype}); "without": the same run with the glossary left to the check (its speed: npm run bench -- --glossary FILE)\n`);
  console.log('| model | glossary | text | beams | sentences with terms | occurrences | rendered | rate | `term` flags | rendered without |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const { model, glossary, text, beams, held, free } of rows) {
    const rate = held.occurrences ? `${((100 * held.rendered) / held.occurrences).toFixed(1)}%` : '—';
    const without = free.occurrences ? `${free.rendered} (${((100 * free.rendered) / free.occurrences).toFixed(1)}%)` : '—';
    console.log(`| ${model} | ${glossary} | ${text} | ${beams} | ${held.sentences} | ${held.occurrences} | ${held.rendered} | ${rate} | ${held.termFlags} | ${without} |`);
  }
}
