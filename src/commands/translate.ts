import { Command } from 'commander';
import type { Article } from '../article.js';
import type { RunContext } from '../context.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { chunks, parseRecord, rejectRecord } from './jsonl.js';
import { configOption, modelsOption, optionalConfig } from './options.js';
import { readLines } from './sources.js';
import { withPipeline } from './with-pipeline.js';

// Lines translated together: enough to fill batches across lines, few enough to stream.
const chunkSize = 64;

/** `bitext translate`: French text to English through the translate stage of the config. */
export function translateCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('translate')
    .description('translate French text to English with the translate stage of the config (all input is taken as French)')
    .argument('[file]', 'text file to translate, or - for standard input', '-')
    .option('--jsonl', 'read {"id", "text"} lines, write {"id", "translation", "segments"} lines, one per input line, in order')
    .addOption(configOption())
    .addOption(modelsOption())
    .option('--offline', 'never fetch a missing model (by default one is fetched once, as `bitext run` does)')
    .addHelpText('after', `
Plain text is translated line by line: one output line per input line, blank lines kept.
Each text is split into sentences (and long sentences into pieces that fit the model), never truncated. With
--jsonl, "segments" lists those pieces in order, each {"source", "translation"}: the pieces the model was given.
Paragraphs of a JSON text (separated by blank lines) stay paragraphs in its translation.
A JSONL line that cannot be read gets {"id", "error"} in its place and the command exits 1.
Without pipeline.yaml the built-in defaults apply, with the models of ./models (or --models DIR).
Exit codes: 0 everything translated · 1 some lines failed · 2 usage, config or model error.`)
    .action(async (file: string, options: { jsonl?: boolean; config: string; models?: string; offline?: boolean }, command: Command) => {
      const config = await optionalConfig(command, options, context);
      await withPipeline(context, { stages: ['read', 'translate'], config, ...(options.models ? { models: options.models } : {}), ...(options.offline ? { offline: true } : {}) }, async (pipeline) => {
        const translate: Translate = (texts) => Promise.all(texts.map((text, index) => pipeline.process({ kind: 'text', text, display: `text ${index + 1}`, form: 'paragraphs' })));
        const failed = await (options.jsonl ? translateJsonl : translatePlain)(readLines(file, context), translate, context);
        state.exitCode = failed ? 1 : 0;
      });
    });
}

type Translate = (texts: string[]) => Promise<Article[]>;

/** The English of a translated text: its paragraphs' translations, a blank line between them. */
function translationOf(article: Article): string {
  return article.blocks.map((block) => block.translation ?? block.text).join('\n\n');
}

/** The pieces the model was given for a text, in order, each with what came back. */
function segmentsOf(article: Article): { source: string; translation: string }[] {
  return article.blocks.flatMap((block) => block.sentences.flatMap((sentence) =>
    sentence.segments ?? [{ source: sentence.text, translation: sentence.translation ?? sentence.text }]));
}

async function translatePlain(lines: AsyncIterable<string>, translate: Translate, context: RunContext): Promise<number> {
  for await (const chunk of chunks(lines, chunkSize)) {
    const articles = await translate(chunk.filter((line) => line.trim()));
    let next = 0;
    context.stdout.write(chunk.map((line) => (line.trim() ? translationOf(articles[next++]!) : '')).join('\n') + '\n');
  }
  return 0;
}

async function translateJsonl(lines: AsyncIterable<string>, translate: Translate, context: RunContext): Promise<number> {
  let failed = 0;
  let number = 0;
  for await (const chunk of chunks(lines, chunkSize)) {
    const records = chunk.map((line) => parseRecord(line, ++number)).filter((record) => record.text !== undefined || record.error);
    const texts = records.filter((record) => !record.error && record.text!.trim());
    const articles = await translate(texts.map((record) => record.text!));
    let next = 0;
    for (const record of records) {
      if (record.error) {
        failed++;
        context.stdout.write(`${rejectRecord(record, context.stderr)}\n`);
      } else if (!record.text!.trim()) {
        context.stdout.write(`${JSON.stringify({ id: record.id, translation: record.text, segments: [] })}\n`);
      } else {
        const article = articles[next++]!;
        context.stdout.write(`${JSON.stringify({ id: record.id, translation: translationOf(article), segments: segmentsOf(article) })}\n`);
      }
    }
  }
  return failed;
}
