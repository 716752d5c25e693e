/** Integrity checks of translated sentences: which sentences a reader should not take on trust, and why. */
export { checkTranslation, type TranslationHints } from './check.js';
export { flagKinds, flagMeanings, type Flag, type FlagKind } from './flags.js';
export { nameRenderings, sameRendering, type NameRendering } from './renderings.js';
