import { z } from 'zod';
import type { Block, FlagKind, NameUse, Sentence, Term } from '../article.js';
import { createTermMatcher, distinctTerms } from '../glossary/match.js';
import { checkTranslation, flagKinds, nameRenderings } from '../integrity/index.js';
import { defineStage } from './stage.js';

/** Every name of the translated sentences, and each way the translation rendered it. */
function namesOf(blocks: readonly Block[]): NameUse[] {
  const uses = new Map<string, NameUse>();
  for (const block of blocks) {
    for (const sentence of block.sentences) {
      if (sentence.translation === undefined) continue;
      for (const { name, rendering } of nameRenderings(sentence.text, sentence.translation, sentence.terms)) {
        const use = uses.get(name) ?? { name, renderings: [] };
        if (!use.renderings.includes(rendering)) use.renderings.push(rendering);
        uses.set(name, use);
      }
    }
  }
  return [...uses.values()];
}

export default defineStage({
  name: 'check',
  summary: 'Checks every translated sentence beside its source: numbers, names, glossary terms, omissions, loops, text left untranslated; notes how each name was rendered',
  requires: ['read'],
  // It checks what translate made, right after: the flags are there for every later stage and the writers.
  after: ['translate'],
  options: z.strictObject({
    /** Kinds of flag not to raise (`number`, `name`, `omission`, `loop`, `untranslated`, `empty`, `unknown`, `term`). @default none */
    ignore: z.array(z.enum(flagKinds as [FlagKind, ...FlagKind[]])).default([]),
  }),
  create(options, setup) {
    const ignored = new Set<string>(options.ignore);
    // Without a translate stage (`bitext check` on translations made elsewhere), the check finds the glossary's terms.
    const findTerms = !setup.stages.includes('translate') && setup.glossary?.entries.length ? createTermMatcher(setup.glossary.entries) : undefined;
    const termsOf = (sentence: Sentence): Term[] | undefined => {
      if (sentence.terms || !findTerms) return sentence.terms;
      const terms = distinctTerms(findTerms(sentence.text));
      return terms.length ? terms : undefined;
    };
    const check = (sentence: Sentence): Sentence => {
      if (sentence.translation === undefined) return sentence;
      const terms = termsOf(sentence);
      const flags = checkTranslation(sentence.text, sentence.translation, { unknown: sentence.unknown ?? false, ...(terms ? { terms } : {}) }).filter((flag) => !ignored.has(flag.kind));
      if (!flags.length && terms === sentence.terms) return sentence;
      return { ...sentence, ...(terms ? { terms } : {}), ...(flags.length ? { flags } : {}) };
    };
    return (article) => {
      const blocks = article.blocks.map((block): Block => (block.sentences.some((sentence) => sentence.translation !== undefined) ? { ...block, sentences: block.sentences.map(check) } : block));
      const names = namesOf(blocks);
      return { ...article, blocks, checked: true, ...(names.length ? { names } : {}) };
    };
  },
});
