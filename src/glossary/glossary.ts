/** One line of a glossary: a French term and the English it must be rendered as (itself, for a term kept as is). */
export interface GlossaryEntry {
  source: string;
  target: string;
  /** A name, brand or acronym kept as written: its target is its source. */
  keep: boolean;
  /** Where it is written in the glossary file (from 1), for messages. */
  line: number;
}

/** A glossary as loaded once for a run: its entries and the hash of its content (for resume and the cache). */
export interface Glossary {
  file: string;
  entries: readonly GlossaryEntry[];
  sha256: string;
}

/** A glossary term found in a sentence, and the English its translation must hold. */
export interface TermMatch {
  /** The term as the sentence writes it (`l’ICE` gives `ICE`, `Maison-Blanche` stays as written). */
  text: string;
  start: number;
  end: number;
  entry: GlossaryEntry;
}
