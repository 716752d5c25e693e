import { z } from 'zod';
import type { Block, Detection } from '../article.js';
import { defineStage } from './stage.js';

const iso6393 = z.string().regex(/^[a-z]{3}$/, { error: 'an ISO 639-3 code such as `fra`' });

/** Languages a reader of European news meets most. */
export const defaultCandidates = ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'cat', 'ron', 'pol'];

export default defineStage({
  name: 'detect-language',
  summary: 'Detects the language of the article and of each paragraph (ISO 639-3, with a confidence)',
  requires: ['read'],
  options: z.strictObject({
    /** Languages to choose from, ISO 639-3. @default fra, eng, deu, spa, ita, por, nld, cat, ron, pol */
    candidates: z.array(iso6393).min(2).default(defaultCandidates),
    /** Texts with fewer letters than this take their article's language instead of a guess. @default 40 */
    minLetters: z.int().min(1).default(40),
  }),
  async create(options) {
    const { francAll } = await import('franc');
    const detect = (text: string): Detection => {
      const scores = francAll(text, { only: options.candidates, minLength: 1 });
      const [first, second] = scores;
      if (!first || first[0] === 'und') return { code: 'und', confidence: 0 };
      // franc scores its best guess 1 and the others by distance; the gap to the runner-up is the evidence.
      const margin = 1 - (second?.[1] ?? 0);
      return { code: first[0], confidence: round(Math.min(1, margin * 20)) };
    };
    const letters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

    return (article) => {
      const whole = article.blocks.map((block) => block.text).join('\n');
      const language = letters(whole) >= options.minLetters ? detect(whole) : { code: 'und', confidence: 0 };
      const blocks: Block[] = article.blocks.map((block) => ({
        ...block,
        language: letters(block.text) >= options.minLetters ? detect(block.text) : { ...language, inherited: true },
      }));
      return { ...article, language, blocks };
    };
  },
});

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
