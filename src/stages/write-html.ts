import { z } from 'zod';
import { StageError } from '../errors.js';
import { renderReader } from '../html/reader.js';
import { defineStage } from './stage.js';

export default defineStage({
  name: 'write-html',
  summary: 'Writes the article as a page to read: one self-contained HTML file, the source and its English side by side',
  requires: ['read'],
  writes: ['.html'],
  options: z.strictObject({}),
  create() {
    return async (article, context) => {
      if (!context.write) throw new StageError('write-html', 'has nowhere to write (this command writes no files)');
      await context.write('.html', renderReader(article));
      return article;
    };
  },
});
