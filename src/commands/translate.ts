import { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { writtenOptions } from '../config/resolve.js';
import type { RunContext } from '../context.js';
import { createModelProvider } from '../models/provider.js';
import { translateOptions, translationSettings } from '../stages/translate.js';
import { splitSentences } from '../text/sentences.js';
import { createSentenceTranslator } from '../translation/translate-sentences.js';
import { readLines } from './input.js';
import { chunks, parseRecord, rejectRecord } from './jsonl.js';
import { configOption, modelsOption } from './options.js';

// Lines translated together: enough to fill batches across lines, few enough to stream.
const chunkSize = 64;

/** `bitext translate`: French text to English through the configured translate stage. */
export function translateCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('translate')
    .description('translate French text to English with the translate stage of the config (all input is taken as French)')
    .argument('[file]', 'text file to translate, or - for standard input', '-')
    .option('--jsonl', 'read {"id", "text"} lines, write {"id", "translation"} lines, one per input line, in order')
    .addOption(configOption())
    .addOption(modelsOption())
    .addHelpText('after', `
Plain text is translated line by line: one output line per input line, blank lines kept.
Each text is split into sentences (and long sentences into pieces that fit the model), never truncated.
A JSONL line that cannot be read gets {"id", "error"} in its place and the command exits 1.
Exit codes: 0 everything translated · 1 some lines failed · 2 usage, config or model error.`)
    .action(async (file: string, options: { jsonl?: boolean; config: string; models?: string }) => {
      const config = await loadConfig(options.config, { models: options.models }, context.cwd);
      const stageOptions = translateOptions.parse(writtenOptions(config, 'translate'));
      const models = (context.models ?? createModelProvider)({ directory: config.models });
      try {
        const translator = await models.translator({ model: stageOptions.model, dtype: stageOptions.dtype });
        const settings = translationSettings(stageOptions, translator.maxInputTokens);
        const translateSentences = await createSentenceTranslator(translator, { ...settings, ...(config.cache ? { cacheFolder: config.cache } : {}) });
        const translate = async (texts: string[]) => {
          const sentences = texts.map((text) => splitSentences(text));
          const results = await translateSentences(sentences.flat());
          let next = 0;
          return sentences.map((list) => list.map(() => results[next++]!.translation).join(' '));
        };
        const failed = await (options.jsonl ? translateJsonl : translatePlain)(readLines(file, context), translate, context);
        state.exitCode = failed ? 1 : 0;
      } finally {
        await models.dispose();
      }
    });
}

type Translate = (texts: string[]) => Promise<string[]>;

async function translatePlain(lines: AsyncIterable<string>, translate: Translate, context: RunContext): Promise<number> {
  for await (const chunk of chunks(lines, chunkSize)) {
    const texts = chunk.filter((line) => line.trim());
    const translations = await translate(texts);
    let next = 0;
    context.stdout.write(chunk.map((line) => (line.trim() ? translations[next++] : '')).join('\n') + '\n');
  }
  return 0;
}

async function translateJsonl(lines: AsyncIterable<string>, translate: Translate, context: RunContext): Promise<number> {
  let failed = 0;
  let number = 0;
  for await (const chunk of chunks(lines, chunkSize)) {
    const records = chunk.map((line) => parseRecord(line, ++number)).filter((record) => record.text !== undefined || record.error);
    const good = records.filter((record) => !record.error);
    const translations = await translate(good.map((record) => record.text!));
    let next = 0;
    for (const record of records) {
      if (record.error) {
        failed++;
        context.stdout.write(`${rejectRecord(record, context.stderr)}\n`);
      } else {
        context.stdout.write(`${JSON.stringify({ id: record.id, translation: translations[next++] })}\n`);
      }
    }
  }
  return failed;
}
