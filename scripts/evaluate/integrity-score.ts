/**
 * Scores `checkTranslation` on a parallel text: how often it flags a human reference translation (a false flag), and
 * how often it flags each corruption of one (`integrity-corruptions.ts`), by the kind that should catch it and by any.
 */
import { checkTranslation, flagKinds, type Flag, type FlagKind } from '../../src/integrity/index.js';
import { corruptions, type Corruption, type CorruptionName, type Pair } from './integrity-corruptions.js';

/** A sentence the check got wrong: its line (1-based in its file), the source, what was checked, and the flags. */
export interface Finding {
  line: number;
  source: string;
  translation: string;
  flags: Flag[];
}

export interface CorruptionScore {
  applied: number;
  /** Flagged with the kind that should catch the corruption. */
  expected: number;
  /** Flagged with any kind. */
  any: number;
  /** Not flagged by the expected kind. */
  misses: Finding[];
}

export interface IntegrityScore {
  sentences: number;
  /** Human references that got one flag or more. */
  falseFlagged: number;
  /** Human references flagged, by kind (a sentence counts once per kind). */
  falseByKind: Record<FlagKind, number>;
  falseFlags: Finding[];
  /** For each corruption applied. */
  corruptions: Partial<Record<CorruptionName, CorruptionScore>>;
}

/** A numbered pair: its line in the files it was read from. */
export interface NumberedPair extends Pair {
  line: number;
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so that every corruption of every line is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Checks every reference as it is and under every corruption that applies to it; `seed` picks what is corrupted. */
export function scoreIntegrity(pairs: readonly NumberedPair[], seed = 1, applied: readonly Corruption[] = corruptions): IntegrityScore {
  const score: IntegrityScore = {
    sentences: 0, falseFlagged: 0, falseFlags: [],
    falseByKind: Object.fromEntries(flagKinds.map((kind) => [kind, 0])) as Record<FlagKind, number>,
    corruptions: Object.fromEntries(applied.map((corruption) => [corruption.name, { applied: 0, expected: 0, any: 0, misses: [] }])),
  };
  for (const pair of pairs) {
    if (!pair.source.trim() || !pair.reference.trim()) continue;
    score.sentences++;
    const flags = checkTranslation(pair.source, pair.reference);
    if (flags.length) {
      score.falseFlagged++;
      for (const kind of new Set(flags.map((flag) => flag.kind))) score.falseByKind[kind]++;
      score.falseFlags.push({ line: pair.line, source: pair.source, translation: pair.reference, flags });
    }
    applied.forEach((corruption, index) => {
      const translation = corruption.apply(pair, seededRandom(seed * 1_000_003 + pair.line * 31 + index));
      if (translation === undefined) return;
      const result = score.corruptions[corruption.name]!;
      const found = checkTranslation(pair.source, translation);
      result.applied++;
      if (found.length) result.any++;
      if (found.some((flag) => flag.kind === corruption.expected)) result.expected++;
      else result.misses.push({ line: pair.line, source: pair.source, translation, flags: found });
    });
  }
  return score;
}
