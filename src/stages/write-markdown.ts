import { z } from 'zod';
import { StageError } from '../errors.js';
import { renderArticle } from '../markdown/render.js';
import { defineStage } from './stage.js';

export default defineStage({
  name: 'write-markdown',
  summary: 'Writes the article as Markdown: front matter, title, summary, then the text aligned paragraph by paragraph',
  requires: ['read'],
  writes: ['.md'],
  options: z.strictObject({
    /** `side-by-side`: a table, source | English; `interleaved`: each paragraph, then its English. @default side-by-side */
    layout: z.enum(['side-by-side', 'interleaved']).default('side-by-side'),
  }),
  create(options, setup) {
    return async (article, context) => {
      if (!context.write) throw new StageError('write-markdown', 'has nowhere to write (this command writes no files)');
      await context.write('.md', renderArticle(article, { layout: options.layout, stages: setup.stages }));
      return article;
    };
  },
});
