import { readFile, stat } from 'node:fs/promises';
import { displayPath } from '../config/load.js';
import { specialKind } from '../files/regular-file.js';
import path from 'node:path';
import { Command, Option } from 'commander';
import { countWords, type Article, type Source } from '../article.js';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';
import { corpusBleu } from '../metrics/bleu.js';
import { corpusChrf } from '../metrics/chrf.js';
import { bleuSignature, chrfSignature, formatBleu, formatFixed } from '../metrics/format.js';
import { splitLines } from '../metrics/lines.js';
import { optionsOf } from '../pipeline/choose.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { formatDuration } from '../report/reporter.js';
import { dtypes, type Dtype } from '../models/files.js';
import { configOption, glossaryOption, modelsOption, optionalConfig, parseWhole } from './options.js';
import { publishedFor, readScores } from './eval-scores.js';
import { withPipeline } from './with-pipeline.js';
import { writeFileAtomic } from '../files/atomic.js';

/** Sentences translated together: enough to fill the model's batches. */
const chunkSize = 64;

interface EvalOptions {
  source: string;
  reference: string;
  hypothesis?: string;
  config: string;
  models?: string;
  scores?: string;
  json?: boolean;
  offline?: boolean;
  model?: string;
  dtype?: Dtype;
  beams?: number;
  glossary?: string;
  save?: string;
}

/** Exit codes of an eval stopped by a signal: 128 + the signal's number, as a shell reports it. */
const interruptedCodes: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** `bitext eval`: corpus BLEU and chrF of the installed model (or of given translations), as sacreBLEU computes them. */
export function evalCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('eval')
    .description('score the configured translation (or given translations) against a reference: BLEU and chrF as sacreBLEU computes them, the check\'s flags, the speed')
    .requiredOption('--source <file>', 'the French, one sentence a line')
    .requiredOption('--reference <file>', 'the human English, one sentence a line, aligned with the source')
    .option('--hypothesis <file>', 'translations made elsewhere to score, aligned with the source (nothing is translated then)')
    .option('--scores <file>', 'published scores to show beside (the OPUS-MT leaderboard format; default: ../shared/eval/scores beside the project, when there)')
    .option('--json', 'one object {"bleu", "chrf", "signatures": {"bleu", "chrf"}, "translation": {"model", "dtype", "beams", "glossary"?: {"file", "sha256"}} or {"hypothesis"}, "sentences", "flagged", "wordsPerSecond", "published"?}')
    .option('--save <file>', 'keep the translations it makes, one a line, aligned with --source (to score again with --hypothesis, or read)')
    .addOption(configOption())
    .addOption(modelsOption())
    .addOption(glossaryOption())
    .option('--model <id>', 'translation model, owner/name under the models folder (default: the translate stage\'s)')
    .addOption(new Option('--dtype <dtype>', 'weights of the translation model (default: the translate stage\'s, else q8)').choices(dtypes))
    .option('--beams <n>', 'beam width (1: greedy; default: the translate stage\'s)', parseWhole(1, 8))
    .option('--offline', 'never fetch a missing model')
    .addHelpText('after', `
BLEU: 13a tokenisation, mixed case, exponential smoothing; chrF: character 6-grams, beta 2 (sacreBLEU 2's defaults;
the same numbers as sacreBLEU, see README). Translation uses the config's translate stage (its defaults without a
config) with --model, --dtype, --beams on top: compare q8 with fp32, or greedy with beams, on your own machine.
The translation cache is not used, so the speed is the model's. A known test set (newstest2014, Tatoeba,
FLORES-101/200 devtest) is recognised by its content, and the model's published scores are shown beside.
Ctrl-C (or SIGTERM, SIGHUP) stops it: it says so, keeps in --save what it translated, and scores nothing.
Exit codes: 0 scored · 2 usage, config or model error (files of different lengths, say) · 129, 130, 143
interrupted by SIGHUP, Ctrl-C (SIGINT) or SIGTERM.`)
    .action(async (options: EvalOptions, command: Command) => {
      const config = await optionalConfig(command, options, context);
      const read = async (file: string) => {
        // A pipe is read as it comes (`<(…)` in a shell); a device (/dev/zero) or a folder is no test set.
        const info = await stat(path.resolve(context.cwd, file)).catch(() => undefined);
        const kind = info && !info.isFIFO() ? specialKind(info) : undefined;
        if (kind) throw new UsageError(`${file} is ${kind}, not a text file: give a file of one sentence a line`);
        return splitLines(await readFile(path.resolve(context.cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`Cannot read ${file} (${error.code ?? error.message})`, { cause: error });
        }));
      };
      const sources = await read(options.source);
      const references = await read(options.reference);
      const hypotheses = options.hypothesis ? await read(options.hypothesis) : undefined;
      if (!sources.some((line) => line.trim())) throw new UsageError(`--source ${options.source} holds no sentence: give one sentence a line`);
      for (const [name, lines] of [['--reference', references], ['--hypothesis', hypotheses]] as const) {
        if (lines && lines.length !== sources.length) throw new UsageError(`${name} has ${plural(lines.length, 'line')}, --source ${sources.length}: they must be aligned line by line`);
      }
      // The published scores are read before any translating: a bad --scores file costs nothing; so is --save checked.
      const scores = await readScores(options.scores, context);
      const save = options.save === undefined ? undefined : await checkSave(options, context);
      const stages = hypotheses ? (['read', 'check'] as const) : (['read', 'translate', 'check'] as const);
      const translate = { ...(options.model ? { model: options.model } : {}), ...(options.dtype ? { dtype: options.dtype } : {}), ...(options.beams ? { beams: options.beams } : {}) };
      const choice = { stages, config, uncached: true, ...(Object.keys(translate).length ? { overrides: { translate } } : {}), ...(options.models ? { models: options.models } : {}), ...(options.offline ? { offline: true } : {}) };
      await withPipeline(context, choice, async (pipeline) => {
        const started = performance.now();
        const articles = await checkAll(pipeline, sources, hypotheses, context);
        const seconds = (performance.now() - started) / 1000;
        const translations = articles.map((article) => article.blocks.map((block) => block.translation ?? '').join(' '));
        if (save) await writeFileAtomic(save, translations.map((line) => `${line}\n`).join(''));
        if (articles.length < sources.length) {
          const signal = String(context.signal?.reason ?? 'SIGINT');
          const kept = save ? `; the ${plural(articles.length, 'translation')} made are in ${options.save}` : '';
          context.stderr.write(`bitext: eval interrupted (${signal === 'SIGINT' ? 'Ctrl-C' : signal}) after ${articles.length.toLocaleString('en')} of ${plural(sources.length, 'sentence')}: nothing was scored${kept}\n`);
          state.exitCode = interruptedCodes[signal] ?? 130;
          return;
        }
        // Given translations are scored exactly as written (sacreBLEU's numbers); the pipeline's own as it wrote them.
        const english = hypotheses ?? translations;
        const bleu = corpusBleu(english, references);
        const chrf = corpusChrf(english, references);
        const flagged = articles.filter((article) => article.blocks.some((block) => block.sentences.some((sentence) => sentence.flags?.length))).length;
        const words = sources.reduce((total, line) => total + countWords(line), 0);
        const model = optionsOf(pipeline.stages, 'translate');
        // A glossary changes the translation: the scores say which one it was held to.
        const glossary = config?.glossary && !hypotheses ? { file: displayPath(config.glossary.file, context.cwd), sha256: config.glossary.sha256 } : undefined;
        const published = publishedFor(scores, sources, references, hypotheses ? undefined : model?.model);
        const result = {
          bleu: round(bleu.score), chrf: round(chrf.score),
          signatures: { bleu: bleuSignature, chrf: chrfSignature },
          translation: hypotheses ? { hypothesis: options.hypothesis } : { model: model!.model, dtype: model!.dtype, beams: model!.beams, ...(glossary ? { glossary } : {}) },
          sentences: sources.length, flagged,
          wordsPerSecond: hypotheses ? null : Math.round(words / seconds),
          ...(published ? { published } : {}),
        };
        if (options.json) context.stdout.write(`${JSON.stringify(result)}\n`);
        else {
          const what = hypotheses ? `the translations of ${options.hypothesis}` : `${model!.model} (${model!.dtype}, ${model!.beams === 1 ? 'greedy' : `${model!.beams} beams`}${glossary ? `, held to the glossary ${glossary.file}` : ''})`;
          context.stdout.write([
            `${plural(sources.length, 'sentence')}${published ? ` of ${published.testSet}` : ''}: ${what}`,
            `  BLEU ${formatBleu(bleu)}   [${bleuSignature}]`,
            `  chrF ${formatFixed(chrf.score, 2)}   [${chrfSignature}]`,
            ...(published ? [`  published for ${published.model}: BLEU ${published.bleu ?? '–'}, chrF ${published.chrf ?? '–'} (${published.source})`] : []),
            `  flagged by the check: ${flagged} sentence${flagged === 1 ? '' : 's'} (${formatFixed((100 * flagged) / sources.length, 1)}%)`,
            ...(hypotheses ? [] : [`  speed: ${result.wordsPerSecond!.toLocaleString('en')} source words/s (${formatDuration(seconds * 1000)})`]),
            '',
          ].join('\n'));
        }
        state.exitCode = 0;
      });
    });
}

/**
 * Every source line through the pipeline, with its given translation when there is one; in chunks, in order. Stopped
 * by the context's signal, it gives the articles done (fewer than the lines) at once, the chunk under way left.
 */
async function checkAll(pipeline: Pipeline, sources: readonly string[], hypotheses: readonly string[] | undefined, context: RunContext): Promise<Article[]> {
  const articles: Article[] = [];
  const stopped = new Promise<undefined>((resolve) => {
    if (context.signal?.aborted) resolve(undefined);
    context.signal?.addEventListener('abort', () => resolve(undefined), { once: true });
  });
  for (let first = 0; first < sources.length; first += chunkSize) {
    const chunk = sources.slice(first, first + chunkSize).map((text, index): Source => {
      const line = first + index;
      // An empty line scores as an empty translation, as sacreBLEU scores it.
      if (!text.trim()) return { kind: 'pair', text: '', translation: hypotheses?.[line] ?? '', display: `line ${line + 1}` };
      return hypotheses ? { kind: 'pair', text, translation: hypotheses[line]!, display: `line ${line + 1}` } : { kind: 'text', text, display: `line ${line + 1}`, form: 'paragraphs' };
    });
    const work = Promise.all(chunk.map((source) => pipeline.process(source)));
    const done = await Promise.race([work, stopped]);
    if (!done) {
      // Left to end as the models are released; its failure then is no news.
      work.catch(() => undefined);
      break;
    }
    articles.push(...done);
    if (context.stderr.isTTY) context.stderr.write(`\r\x1b[K${articles.length.toLocaleString('en')} of ${sources.length.toLocaleString('en')} sentences`);
  }
  if (context.stderr.isTTY) context.stderr.write('\r\x1b[K');
  return articles;
}

/** The absolute path --save names, refused before any translating when eval would not translate or would overwrite an input. */
async function checkSave(options: EvalOptions, context: RunContext): Promise<string> {
  const file = path.resolve(context.cwd, options.save!);
  if (options.hypothesis) throw new UsageError('--save keeps the translations eval makes, and with --hypothesis it makes none; leave one of them out');
  for (const input of [options.source, options.reference]) {
    if (path.resolve(context.cwd, input) === file) throw new UsageError(`--save ${options.save} is an input of this eval; name another file`);
  }
  const folder = await stat(path.dirname(file)).catch(() => undefined);
  if (!folder?.isDirectory()) throw new UsageError(`--save ${options.save}: its folder ${path.dirname(options.save!) || '.'} is not there`);
  return file;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
