import path from 'node:path';
import { Command } from 'commander';
import type { Article, Source } from '../article.js';
import type { RunContext } from '../context.js';
import { isKnownError, ModelError } from '../errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { answerLine, chunks, parseRecord, rejectRecord } from './jsonl.js';
import { configOption, glossaryOption, modelsOption, optionalConfig } from './options.js';
import { readLines } from './sources.js';
import { withPipeline } from './with-pipeline.js';

// Lines translated together: enough to fill batches across lines, few enough to stream.
const chunkSize = 64;

/** `bitext translate`: French text to English through the translate stage of the config. */
export function translateCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('translate')
    .description('translate French text to English with the translate stage of the config (all input is taken as French)')
    .argument('[file]', 'text file to translate, or - for standard input', '-')
    .option('--jsonl', 'read {"id", "text"} lines, write {"id", "translation", "segments"} lines, one per input line, in order (blank lines skipped)')
    .addOption(configOption())
    .addOption(modelsOption())
    .addOption(glossaryOption())
    .option('--offline', 'never fetch a missing model (by default one is fetched once, as `bitext run` does)')
    .addHelpText('after', `
Plain text is translated line by line: one output line per input line, blank lines kept. A FILE is read as
\`bitext run\` reads files (its encoding recognised, read.maxMegabytes applied); standard input is read as UTF-8, as
it comes.
Each text is split into sentences (and long sentences into pieces that fit the model), never truncated. With
--jsonl, "segments" lists those pieces in order, each {"source", "translation"}: the pieces the model was given.
Paragraphs of a JSON text (separated by blank lines) stay paragraphs in its translation.
A line that cannot be translated is named on stderr (with --jsonl, {"id", "error"} takes its place) and the
command exits 1.
Without pipeline.yaml the built-in defaults apply, with the models of ./models (or --models DIR).
Exit codes: 0 everything translated · 1 some lines failed · 2 usage, config or model error.`)
    .action(async (file: string, options: { jsonl?: boolean; config: string; models?: string; offline?: boolean; glossary?: string }, command: Command) => {
      const config = await optionalConfig(command, options, context);
      await withPipeline(context, { stages: ['read', 'translate'], config, ...(options.models ? { models: options.models } : {}), ...(options.offline ? { offline: true } : {}) }, async (pipeline) => {
        const failed = options.jsonl ? await translateJsonl(readLines(file, context), pipeline, context)
          : file === '-' ? await translateStream(readLines(file, context, 'text'), pipeline, context)
          : await translateFile(file, pipeline, context);
        state.exitCode = failed ? 1 : 0;
      });
    });
}

/** Each text through the pipeline, together so that their sentences share batches; a failure stays the text's own. */
async function translateAll(pipeline: Pipeline, sources: Source[]): Promise<(Article | Error)[]> {
  const settled = await Promise.allSettled(sources.map((source) => pipeline.process(source)));
  return settled.map((result) => {
    if (result.status === 'fulfilled') return result.value;
    // A text's own failure is reported in its place; a model that stops working stops the command.
    if (isKnownError(result.reason) && !(result.reason instanceof ModelError)) return result.reason;
    throw result.reason;
  });
}

/** The English of a translated text: its paragraphs' translations, a blank line between them. */
function translationOf(article: Article): string {
  return article.blocks.map((block) => block.translation ?? block.text).join('\n\n');
}

/** The pieces the model was given for a text, in order, each with what came back. */
function segmentsOf(article: Article): { source: string; translation: string }[] {
  return article.blocks.flatMap((block) => block.sentences.flatMap((sentence) =>
    sentence.segments ?? [{ source: sentence.text, translation: sentence.translation ?? sentence.text }]));
}

/** A file, read as `bitext run` reads one, line by line: one English line per line. */
async function translateFile(file: string, pipeline: Pipeline, context: RunContext): Promise<number> {
  const [article] = await translateAll(pipeline, [{ kind: 'file', path: path.resolve(context.cwd, file), display: file, form: 'lines' }]);
  if (article instanceof Error) {
    context.stderr.write(`${file}: ${article.message}\n`);
    return 1;
  }
  const byLine = new Map(article!.blocks.map((block) => [block.line, block.translation ?? block.text]));
  const lines = Array.from({ length: article!.metadata.lines ?? 0 }, (_, index) => byLine.get(index + 1) ?? '');
  if (lines.length) context.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Standard input, line by line as it comes. */
async function translateStream(lines: AsyncIterable<string>, pipeline: Pipeline, context: RunContext): Promise<number> {
  let failed = 0;
  let number = 0;
  for await (const chunk of chunks(lines, chunkSize)) {
    const first = number;
    number += chunk.length;
    const texts = chunk.map((line, index) => ({ line, number: first + index + 1 })).filter(({ line }) => line.trim());
    const articles = await translateAll(pipeline, texts.map(({ line, number: at }) => ({ kind: 'text', text: line, display: `line ${at}`, form: 'paragraphs' })));
    const english = new Map(texts.map(({ number: at }, index) => [at, articles[index]!]));
    const out = chunk.map((_, index) => {
      const article = english.get(first + index + 1);
      if (!article) return '';
      if (article instanceof Error) {
        failed++;
        context.stderr.write(`line ${first + index + 1}: ${article.message}\n`);
        return '';
      }
      return translationOf(article);
    });
    context.stdout.write(`${out.join('\n')}\n`);
  }
  return failed;
}

async function translateJsonl(lines: AsyncIterable<string>, pipeline: Pipeline, context: RunContext): Promise<number> {
  let failed = 0;
  let number = 0;
  for await (const chunk of chunks(lines, chunkSize)) {
    const records = chunk.map((line) => parseRecord(line, ++number)).filter((record) => record.text !== undefined || record.error);
    const texts = records.filter((record) => !record.error && record.text!.trim());
    const articles = await translateAll(pipeline, texts.map((record) => ({ kind: 'text', text: record.text!, display: `line ${record.line}`, form: 'paragraphs' })));
    let next = 0;
    for (const record of records) {
      const article = record.error || !record.text!.trim() ? undefined : articles[next++];
      if (record.error || article instanceof Error) {
        failed++;
        context.stdout.write(`${rejectRecord(article instanceof Error ? { ...record, error: article.message } : record, context.stderr)}\n`);
      } else if (!article) {
        context.stdout.write(`${answerLine(record, { translation: record.text, segments: [] })}\n`);
      } else {
        context.stdout.write(`${answerLine(record, { translation: translationOf(article), segments: segmentsOf(article) })}\n`);
      }
    }
  }
  return failed;
}
