import { z } from 'zod';
import { StageError } from '../errors.js';
import { renderJsonl } from '../exchange/jsonl.js';
import { sentencePairs } from '../exchange/pairs.js';
import { renderTmx } from '../exchange/tmx.js';
import { renderXliff } from '../exchange/xliff.js';
import { defineStage } from './stage.js';

const formats = { tmx: { extension: '.tmx', render: renderTmx }, xliff: { extension: '.xlf', render: renderXliff }, jsonl: { extension: '.jsonl', render: renderJsonl } } as const;

type Format = keyof typeof formats;

export default defineStage({
  name: 'write-bitext',
  summary: 'Writes the aligned sentence pairs for translation tools: TMX 1.4b, XLIFF 2.0 and JSON lines, one unit per translated sentence',
  requires: ['read'],
  after: ['translate', 'check'],
  writes: (options) => options.formats.map((format) => formats[format].extension),
  options: z.strictObject({
    /** Which files to write: `tmx` (`.tmx`), `xliff` (`.xlf`), `jsonl` (`.jsonl`). @default [tmx, xliff, jsonl] */
    formats: z.array(z.enum(Object.keys(formats) as [Format, ...Format[]])).min(1).default(['tmx', 'xliff', 'jsonl'])
      .transform((chosen) => [...new Set(chosen)]),
  }),
  create(options) {
    return async (article, context) => {
      if (!context.write) throw new StageError('write-bitext', 'has nowhere to write (this command writes no files)');
      const pairs = sentencePairs(article);
      for (const format of options.formats) await context.write(formats[format].extension, formats[format].render(article, pairs));
      return article;
    };
  },
});
