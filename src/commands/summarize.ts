import { Command, Option } from 'commander';
import type { Article } from '../article.js';
import type { RunContext } from '../context.js';
import { isKnownError } from '../errors.js';
import { optionsOf } from '../pipeline/choose.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { answerLine, parseRecord, rejectRecord } from './jsonl.js';
import { configOption, modelsOption, optionalConfig, parseWhole } from './options.js';
import { argumentSource, readLimit, readLines } from './sources.js';
import { withPipeline } from './with-pipeline.js';

/** `bitext summarize`: the summary `bitext run` would put on top of an article, or of each JSON-lines text. */
export function summarizeCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('summarize')
    .description('summarize articles, or JSON-lines texts one by one, with the summarize stage of the config')
    .argument('[files...]', 'articles to summarize, or - for standard input', ['-'])
    .option('--jsonl', 'read {"id", "text"} lines, write {"id", "language", "summary"} lines, one per input line, in order (blank lines skipped)')
    .option('-w, --words <n>', 'length the summary aims at, in words (default: the config\'s, else 40)', parseWhole(5, 1000))
    .option('-s, --sentences <n>', 'most sentences an extractive summary picks (default: the config\'s, else 3)', parseWhole(1, 20))
    .addOption(new Option('--method <method>', 'extractive (no model) or abstractive (default: the config\'s, else extractive)').choices(['extractive', 'abstractive']))
    .addOption(configOption())
    .addOption(modelsOption())
    .option('--offline', 'never fetch a missing model (by default one is fetched once, as `bitext run` does)')
    .addHelpText('after', `
An extractive summary is made of the text's own sentences, so it is in the text's language; each article's
line says which paragraph every sentence comes from. The abstractive method writes English with a model
(default Xenova/distilbart-cnn-6-6) and needs English text: where the config has a translate stage, articles
are translated first, as \`bitext run\` does; without one, other texts get an extractive summary and a warning.
Articles are read as \`bitext run\` reads them. Without pipeline.yaml the built-in defaults apply. The
detect-language stage's options judge each text's language.
Exit codes: 0 everything summarized · 1 some files or lines could not be read · 2 usage, config or model error.`)
    .action(async (files: string[], options: { jsonl?: boolean; words?: number; sentences?: number; method?: 'extractive' | 'abstractive'; config: string; models?: string; offline?: boolean }, command: Command) => {
      const config = await optionalConfig(command, options, context);
      const overrides = Object.fromEntries(Object.entries({ words: options.words, sentences: options.sentences, method: options.method }).filter(([, value]) => value !== undefined));
      // An abstractive summary is written from English: where the config translates, the article is translated first,
      // as `run` does, so that the summary is the one `run` puts on top. An extractive one needs no translation.
      const method = options.method ?? (config && optionsOf(config.stages, 'summarize')?.method) ?? 'extractive';
      const translates = method === 'abstractive' && config?.stages.some((stage) => stage.name === 'translate');
      const stages = translates ? (['read', 'detect-language', 'translate', 'summarize'] as const) : (['read', 'detect-language', 'summarize'] as const);
      const choice = { stages, config, overrides: { summarize: overrides }, ...(options.models ? { models: options.models } : {}), ...(options.offline ? { offline: true } : {}) };
      await withPipeline(context, choice, async (pipeline) => {
        const summarizeSource: SummarizeSource = async (source) => {
          const done = await pipeline.process(source);
          for (const note of done.notes.filter((item) => item.stage === 'summarize')) context.stderr.write(`${done.source.display}: ${note.message}\n`);
          return done;
        };
        const failed = options.jsonl ? await summarizeJsonl(files, summarizeSource, context) : await summarizeFiles(files, summarizeSource, context, readLimit(pipeline));
        state.exitCode = failed ? 1 : 0;
      });
    });
}

type SummarizeSource = (source: Parameters<Pipeline['process']>[0]) => Promise<Article>;

async function summarizeJsonl(files: string[], summarizeSource: SummarizeSource, context: RunContext): Promise<number> {
  let failed = 0;
  let number = 0;
  for (const file of files) {
    for await (const line of readLines(file, context)) {
      const record = parseRecord(line, ++number);
      if (record.error) {
        failed++;
        context.stdout.write(`${rejectRecord(record, context.stderr)}\n`);
      } else if (record.text !== undefined) {
        let article: Article;
        try {
          article = await summarizeSource({ kind: 'text', text: record.text, display: `line ${record.line}`, form: 'article' });
        } catch (error) {
          if (!isKnownError(error)) throw error;
          failed++;
          context.stdout.write(`${rejectRecord({ ...record, error: error.message }, context.stderr)}\n`);
          continue;
        }
        context.stdout.write(`${answerLine(record, { language: article.summary!.language, summary: summaryText(article) })}\n`);
      }
    }
  }
  return failed;
}

async function summarizeFiles(files: string[], summarizeSource: SummarizeSource, context: RunContext, limit: number): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let article: Article;
    try {
      article = await summarizeSource(await argumentSource(file, context, limit));
    } catch (error) {
      if (!isKnownError(error)) throw error;
      failed++;
      context.stderr.write(`${file}: ${error.message}\n`);
      continue;
    }
    context.stdout.write(`${formatSummary(article)}\n`);
  }
  return failed;
}

/** The summary as one text: the picked sentences (cut ones as cut), or the generated ones, joined. */
export function summaryText(article: Article): string {
  const summary = article.summary!;
  if (summary.sentences) return summary.sentences.join(' ');
  return summary.items.map(({ block, sentence, text }) => text ?? article.blocks[block]!.sentences[sentence]!.text).join(' ');
}

/** An article's summary for reading: a heading line, then one line per sentence with the paragraph it comes from. */
export function formatSummary(article: Article): string {
  const summary = article.summary!;
  const head = `${article.source.display}: ${summary.method} summary in ${summary.language}${summary.model ? ` by ${summary.model}` : ''}`;
  const lines = summary.sentences
    ? summary.sentences.map((sentence) => `  ${sentence}`)
    : summary.items.map(({ block, sentence, text }) => `  ${article.blocks[block]!.id.padEnd(4)} ${text ?? article.blocks[block]!.sentences[sentence]!.text}`);
  return [head, ...lines].join('\n');
}
