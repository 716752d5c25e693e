import { z } from 'zod';
import type { Block, FlagKind, Sentence } from '../article.js';
import { checkTranslation, flagKinds } from '../integrity/index.js';
import { defineStage } from './stage.js';

export default defineStage({
  name: 'check',
  summary: 'Checks every translated sentence beside its source: numbers, names, omissions, loops, text left untranslated',
  requires: ['read'],
  // It checks what translate made, right after: the flags are there for every later stage and the writers.
  after: ['translate'],
  options: z.strictObject({
    /** Kinds of flag not to raise (`number`, `name`, `omission`, `loop`, `untranslated`, `empty`, `unknown`). @default none */
    ignore: z.array(z.enum(flagKinds as [FlagKind, ...FlagKind[]])).default([]),
  }),
  create(options) {
    const ignored = new Set<string>(options.ignore);
    const check = (sentence: Sentence): Sentence => {
      if (sentence.translation === undefined) return sentence;
      const flags = checkTranslation(sentence.text, sentence.translation, { unknown: sentence.unknown ?? false }).filter((flag) => !ignored.has(flag.kind));
      return flags.length ? { ...sentence, flags } : sentence;
    };
    return (article) => ({
      ...article,
      blocks: article.blocks.map((block): Block => (block.sentences.some((sentence) => sentence.translation !== undefined) ? { ...block, sentences: block.sentences.map(check) } : block)),
    });
  },
});
