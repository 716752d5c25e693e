import type { Flag, FlagKind } from '../article.js';

export type { Flag, FlagKind } from '../article.js';

/** Every flag kind, in the order `checkTranslation` reports them. */
export const flagKinds: readonly FlagKind[] = ['empty', 'untranslated', 'unknown', 'term', 'number', 'name', 'omission', 'loop'];

/** One line each, for a legend under a translation. */
export const flagMeanings: Readonly<Record<FlagKind, string>> = {
  empty: 'the translation is empty',
  untranslated: 'the translation is the source, or reads (in part) as French or another language',
  unknown: 'the model could not spell a word and wrote its unknown token',
  term: 'the English the glossary gives a term of the source is missing',
  number: 'a number of the source is missing or changed',
  name: 'a name or acronym of the source is missing',
  omission: 'the translation is much shorter than its source: part of it may be left out',
  loop: 'the translation repeats words that the source does not',
};

