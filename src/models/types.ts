/** What the rest of bitext sees of a loaded model: requests, settings and the models' interfaces. */

/** Decoding settings for a translation model, in bitext's words; the adapter maps them to the library's. */
export interface TranslationSettings {
  /** Beam width; 1 is greedy decoding. */
  beams: number;
  /** Most new tokens per segment, as a multiple of its source length (plus a small constant). */
  lengthRatio: number;
  /** Penalty above 1 discourages repeating tokens. */
  repetitionPenalty: number;
  /** Forbid repeating any n-gram of this size (0 turns the guard off). */
  noRepeatNgram: number;
}

export interface ModelRequest {
  model: string;
  dtype: string;
}

/** What became of the model's unknown token (`<unk>`) in one output: never dropped silently. */
export interface UnknownWords {
  /** The source text put back in place of each `<unk>` it could be found for, in order. */
  restored: string[];
  /** How many `<unk>` no source text could be found for: each shows as `unknownMarker` (`⟨?⟩`) in the text. */
  missing: number;
}

/** One text as the model translated it. */
export interface Translation {
  /** The translation, unknown words restored; `''` when the model gave nothing. */
  text: string;
  /** The model gave no text: it ended at once (or gave only special tokens). An empty translation, never an error. */
  empty: boolean;
  unknown: UnknownWords;
}

/** A loaded translation model. Lists in, lists of the same length out, in order. */
export interface Translator {
  /** `owner/name (dtype)`, as written in front matter. */
  readonly label: string;
  /** The label and what identifies the loaded files (sizes, modification times): a cache key part. */
  readonly identity: string;
  /** The longest input, in tokens, the model can read whole. */
  readonly maxInputTokens: number;
  countTokens(texts: readonly string[]): Promise<number[]>;
  /**
   * Translates a batch: one `Translation` per text, in order. `lengths`, for benchmarks on models with random
   * weights, forces each output to that many tokens so that every way of translating does the same work. `terms`:
   * the English each text's translation must hold (its glossary terms), put in by the decoding loop; a term the
   * model's vocabulary cannot write is left to the check.
   */
  translate(texts: readonly string[], settings: TranslationSettings, lengths?: readonly number[], terms?: readonly (readonly string[])[]): Promise<Translation[]>;
  /**
   * Reads, once, what the model writes terms with, and segments `terms` (a glossary's English), so that no batch waits
   * for it; gives back those its vocabulary cannot write, which no translation is held to.
   */
  prepareTerms?(terms: readonly string[]): Promise<string[]>;
}

/** Decoding settings for a summarization model; what they leave out comes from the model's own config. */
export interface SummarySettings {
  /** Beam width; 1 is greedy decoding. @default the model's `num_beams` */
  beams?: number;
  /**
   * Most tokens in one generated summary, its end token counted. @default the model's `max_length` less its start
   * token (141 for distilbart-cnn), within the positions it reads
   */
  maxTokens?: number;
}

/** A loaded summarization model: one summary per text, in order. */
export interface Summarizer {
  readonly label: string;
  /** The longest input, in tokens, the model can read whole. */
  readonly maxInputTokens: number;
  countTokens(texts: readonly string[]): Promise<number[]>;
  summarize(texts: readonly string[], settings?: SummarySettings): Promise<string[]>;
}

/** Hands out models: each `(task, model, dtype)` is loaded once per run and shared by every article. */
export interface ModelProvider {
  translator(request: ModelRequest): Promise<Translator>;
  summarizer(request: ModelRequest): Promise<Summarizer>;
  /** Releases every loaded model. */
  dispose(): Promise<void>;
}
