import { z } from 'zod';
import { summarizeExtractive } from '../summary/extractive.js';
import { defineStage } from './stage.js';

export default defineStage({
  name: 'summarize',
  summary: "Picks the sentences that carry the article's gist; shown in both languages when translated",
  requires: ['read'],
  options: z.strictObject({
    /** How the summary is made: `extractive` picks source sentences (no model). @default extractive */
    method: z.enum(['extractive']).default('extractive'),
    /** Word budget of the summary. @default 60 */
    words: z.int().min(5).max(1000).default(60),
    /** Most sentences in the summary. @default 3 */
    sentences: z.int().min(1).max(20).default(3),
  }),
  create(options) {
    return (article) => {
      const language = article.language?.code && article.language.code !== 'und' ? article.language.code : 'fra';
      const items = summarizeExtractive(article, language, options);
      return { ...article, summary: { method: options.method, language, items } };
    };
  },
});
