import { Command } from 'commander';
import type { RunContext } from '../context.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { answerLine, chunks, parseObject, rejectRecord } from './jsonl.js';
import { configOption, glossaryOption, optionalConfig } from './options.js';
import { readLines } from './sources.js';
import { withPipeline } from './with-pipeline.js';

// Lines answered at once: fewer writes, still streaming.
const chunkSize = 256;

/** `bitext check`: the integrity flags of translations made by bitext or any other system. */
export function checkCommand(context: RunContext, state: { exitCode: number }): Command {
  return new Command('check')
    .description('check translations beside their sources, as the check stage does: {"id", "source", "translation"} lines in, {"id", "flags"} out')
    .argument('[file]', 'JSON lines to check, or - for standard input', '-')
    .option('--jsonl', 'JSON lines in and out (the only format; accepted for symmetry with the other commands)')
    .addOption(configOption())
    .addOption(glossaryOption())
    .addHelpText('after', `
Each line {"id", "source", "translation"} gets one line {"id", "flags": [{"kind", "detail"}, …]}, in order; an
empty list when nothing is wrong; blank lines are skipped. Kinds: number, name, omission, loop, untranslated, empty, unknown, and
term with a glossary (--glossary, or the config's): a term of the source whose English is missing (README,
"Sentences to distrust", "Glossary"). The check stage's options of the config apply (ignore), or its defaults without one.
A line that cannot be read gets {"id", "error"} in its place and the command exits 1.
Exit codes: 0 everything checked · 1 some lines could not be read · 2 usage or config error.`)
    .action(async (file: string, options: { config: string; glossary?: string }, command: Command) => {
      const config = await optionalConfig(command, options, context);
      await withPipeline(context, { stages: ['read', 'check'], config }, async (pipeline) => {
        state.exitCode = (await checkLines(readLines(file, context), pipeline, context)) ? 1 : 0;
      });
    });
}

async function checkLines(lines: AsyncIterable<string>, pipeline: Pipeline, context: RunContext): Promise<number> {
  let failed = 0;
  let number = 0;
  for await (const chunk of chunks(lines, chunkSize)) {
    const out: string[] = [];
    for (const line of chunk) {
      const record = parseObject(line, ++number, ['source', 'translation'], '{"id": …, "source": …, "translation": …}');
      if (!record) continue;
      if (!record.values) {
        failed++;
        out.push(rejectRecord(record, context.stderr));
        continue;
      }
      const { source, translation } = record.values;
      const article = await pipeline.process({ kind: 'pair', text: source, translation, display: `line ${record.line}` });
      const flags = article.blocks.flatMap((block) => block.sentences.flatMap((sentence) => sentence.flags ?? []));
      out.push(answerLine(record, { flags: flags.map(({ kind, detail }) => ({ kind, detail })) }));
    }
    if (out.length) context.stdout.write(`${out.join('\n')}\n`);
  }
  return failed;
}
