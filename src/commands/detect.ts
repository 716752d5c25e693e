import { Command } from 'commander';
import type { Article, Detection } from '../article.js';
import type { RunContext } from '../context.js';
import { isKnownError } from '../errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { answerLine, chunks, parseRecord, rejectRecord } from './jsonl.js';
import { configOption, optionalConfig } from './options.js';
import { argumentSource, readLimit, readLines } from './sources.js';
import { withPipeline } from './with-pipeline.js';

// Answers written at once: fewer writes, still streaming.
const chunkSize = 256;

/** `bitext detect`: the language of articles and their paragraphs, or of JSON-lines texts judged one by one. */
export function detectCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('detect')
    .description('tell the language of articles and of each paragraph, with the detect-language stage of the config')
    .argument('[files...]', 'articles to judge, or - for standard input', ['-'])
    .option('--jsonl', 'read {"id", "text"} lines, write {"id", "language", "confidence"} lines, one per input line, in order (blank lines skipped)')
    .addOption(configOption())
    .addHelpText('after', `
Languages are ISO 639-3 codes (fra, eng, deu, …); \`und\` means the detector would rather not guess.
Confidence is the probability that the answer is right, calibrated on held-out sentences (see README).
Articles are read and judged as \`bitext run\` reads and judges them: short lines take the article's language, a
paragraph that mixes languages is judged sentence by sentence. With --jsonl every text is judged alone.
Without pipeline.yaml the built-in defaults apply (\`bitext detect --help\` needs none).
Exit codes: 0 everything judged · 1 some files or lines could not be read · 2 usage or config error.`)
    .action(async (files: string[], options: { jsonl?: boolean; config: string }, command: Command) => {
      const config = await optionalConfig(command, options, context);
      await withPipeline(context, { stages: ['read', 'detect-language'], config }, async (pipeline) => {
        const failed = options.jsonl ? await detectJsonl(files, pipeline, context) : await detectArticles(files, pipeline, context);
        state.exitCode = failed ? 1 : 0;
      });
    });
}

async function detectJsonl(files: string[], pipeline: Pipeline, context: RunContext): Promise<number> {
  let failed = 0;
  let number = 0;
  for (const file of files) {
    for await (const chunk of chunks(readLines(file, context), chunkSize)) {
      const out: string[] = [];
      for (const line of chunk) {
        const record = parseRecord(line, ++number);
        if (record.error) {
          failed++;
          out.push(rejectRecord(record, context.stderr));
        } else if (record.text !== undefined) {
          let language: Detection;
          try {
            language = await judge(pipeline, record.text, record.line);
          } catch (error) {
            // A text's own failure (over read.maxMegabytes, binary) takes its place; the rest go on.
            if (!isKnownError(error)) throw error;
            failed++;
            out.push(rejectRecord({ ...record, error: error.message }, context.stderr));
            continue;
          }
          out.push(answerLine(record, { language: language.code, confidence: language.confidence }));
        }
      }
      if (out.length) context.stdout.write(`${out.join('\n')}\n`);
    }
  }
  return failed;
}

/** A text judged alone: the language of it as a whole (a text of blanks only is `und`). */
async function judge(pipeline: Pipeline, text: string, line: number): Promise<Detection> {
  if (!text.trim()) return { code: 'und', confidence: 0 };
  const article = await pipeline.process({ kind: 'text', text, display: `line ${line}`, form: 'paragraphs' });
  return article.language!;
}

async function detectArticles(files: string[], pipeline: Pipeline, context: RunContext): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let article: Article;
    try {
      article = await pipeline.process(await argumentSource(file, context, readLimit(pipeline)));
    } catch (error) {
      if (!isKnownError(error)) throw error;
      failed++;
      context.stderr.write(`${file}: ${error.message}\n`);
      continue;
    }
    context.stdout.write(`${formatArticle(article, context.stdout.columns ?? 100)}\n`);
  }
  return failed;
}

/** An article's languages, one line per block and one per sentence of a mixed paragraph, each with a preview. */
export function formatArticle(article: Article, width: number): string {
  const line = (indent: string, label: string, detection: Detection | undefined, text: string) => {
    const code = detection?.code ?? 'und';
    const how = detection?.inherited ? 'inherited' : detection?.assumed ? 'assumed' : detection?.guess ? `guess ${detection.guess}` : '';
    const head = `${indent}${label.padEnd(6)} ${code} ${(detection?.confidence ?? 0).toFixed(2)}  ${how.padEnd(10)} `;
    return `${head}${preview(text, Math.max(20, width - head.length))}`;
  };
  const lines = [`${article.source.display}: ${article.language?.code ?? 'und'} ${(article.language?.confidence ?? 0).toFixed(2)}`];
  for (const block of article.blocks) {
    lines.push(line('  ', block.id, block.language, block.text));
    block.sentences.forEach((sentence, index) => {
      if (sentence.language) lines.push(line('    ', `${block.id}.${index + 1}`, sentence.language, sentence.text));
    });
  }
  return lines.join('\n');
}

function preview(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}
