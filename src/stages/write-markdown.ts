import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic.js';
import { renderArticle } from '../markdown/render.js';
import { defineStage } from './stage.js';

export default defineStage({
  name: 'write-markdown',
  summary: 'Writes the article as Markdown: front matter, title, summary, then the text aligned paragraph by paragraph',
  requires: ['read'],
  sink: true,
  options: z.strictObject({
    /** `side-by-side`: a table, source | English; `interleaved`: each paragraph, then its English. @default side-by-side */
    layout: z.enum(['side-by-side', 'interleaved']).default('side-by-side'),
  }),
  create(options, setup) {
    return async (article) => {
      await writeFileAtomic(article.output, renderArticle(article, { layout: options.layout, stages: setup.stages }));
      return article;
    };
  },
});
