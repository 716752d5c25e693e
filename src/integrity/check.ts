/** The integrity check of one translated sentence: what a reader should not take on trust. */
import type { Term } from '../article.js';
import { holdsTerm } from '../glossary/match.js';
import { flagKinds, type Flag } from './flags.js';
import { loopFlags } from './loops.js';
import { nameFlags } from './names.js';
import { numberFlags } from './numbers.js';
import { omissionFlags } from './omission.js';
import { untranslatedFlags } from './untranslated.js';

/** What the translator knows of its own output, beyond the text. */
export interface TranslationHints {
  /** The model produced its unknown token (the text may no longer show it). */
  unknown?: boolean;
  /** The glossary terms of the source: each target must be in the translation. */
  terms?: readonly Term[];
}

const unknownToken = /<unk>/giu;

/** The flags of one translated sentence, in the order of `flagKinds`: none when nothing looks wrong. */
export function checkTranslation(source: string, translation: string, hints: TranslationHints = {}): Flag[] {
  if (!source.trim()) return [];
  const flags: Flag[] = [];
  const unknown = translation.match(unknownToken)?.length ?? 0;
  if (unknown) flags.push({ kind: 'unknown', detail: unknown === 1 ? '<unk> in the translation' : `<unk> ×${unknown} in the translation` });
  else if (hints.unknown) flags.push({ kind: 'unknown', detail: 'a word the model could not write' });
  const text = translation.replace(unknownToken, ' ');
  if (!text.trim()) return [{ kind: 'empty', detail: 'no translation' }, ...flags];
  const terms = hints.terms ?? [];
  const missing = terms.filter((term) => !holdsTerm(text, term.target));
  flags.push(...missing.map((term): Flag => ({ kind: 'term', detail: `${term.source} → ${term.target} missing` })));
  // A name the glossary renders (`Bercy` as `Finance Ministry`) is the glossary's to judge: a `term` flag, not a
  // `name`. Only the term is left out of the names: `Amazon Web Services` still needs `Web Services` when `Amazon` is one.
  const named = terms.reduce((text, term) => text.replace(wholeWord(term.source), (found) => ' '.repeat(found.length)), source);
  flags.push(...untranslatedFlags(source, text), ...numberFlags(source, text), ...nameFlags(named, text), ...omissionFlags(source, text), ...loopFlags(source, text));
  return flags.sort((a, b) => flagKinds.indexOf(a.kind) - flagKinds.indexOf(b.kind));
}

/** `text` as a whole word or words, everywhere: not the ICE of NOTICE. */
function wholeWord(text: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
}
