/** A language decision: ISO 639-3 code (`und` when undecided) and a confidence from 0 to 1. */
export interface Detection {
  code: string;
  confidence: number;
  /** True when the text was too short to judge and took its article's (or paragraph's) language. */
  inherited?: boolean;
  /** True when the detector abstained and the `undetermined: assume` policy took the article's language. */
  assumed?: boolean;
  /** With `und`: the best guess it did not trust enough to give. */
  guess?: string;
}

export interface Sentence {
  text: string;
  /** The English of this sentence, when translated. */
  translation?: string;
  /** How many pieces the sentence was cut into to fit the model, when more than one. */
  pieces?: number;
  /** Set on every sentence of a paragraph that mixes languages; otherwise the paragraph's language holds. */
  language?: Detection;
}

export type BlockKind = 'title' | 'heading' | 'paragraph';

/** A title, section heading or paragraph of an article, in source order. */
export interface Block {
  /** Stable anchor: `title`, then `p1`, `p2`, … in source order. */
  id: string;
  kind: BlockKind;
  text: string;
  sentences: Sentence[];
  language?: Detection;
  /** The English of the whole block: its sentences' translations, in order. */
  translation?: string;
}

export interface Note {
  stage: string;
  message: string;
  block?: string;
}

export interface SummaryItem {
  /** Index into `article.blocks`. */
  block: number;
  /** Index into that block's `sentences`. */
  sentence: number;
}

export interface Summary {
  method: string;
  /** Language of the summary: the article's for picked sentences, English for generated ones. */
  language: string;
  /** The picked source sentences, in reading order (extractive). */
  items: SummaryItem[];
  /** The generated sentences, when the summary was written by a model (abstractive). */
  sentences?: string[];
  /** The model that wrote it: `owner/name (dtype)`. */
  model?: string;
}

export interface SourceFile {
  /** Absolute path of the input file. */
  path: string;
  /** The path as shown to the user and written in front matter (relative to the working folder). */
  display: string;
  sha256: string;
  bytes: number;
  encoding: string;
}

/** One article as it moves through the stages. Stages return an updated article. */
export interface Article {
  source: SourceFile;
  /** Absolute path of the Markdown file to write. */
  output: string;
  metadata: {
    date?: string;
    /** The source ends with a clipped-article marker such as `[…]`. */
    clipped?: boolean;
    /** A trailer such as "Suite de l'article…", kept out of the body. */
    trailer?: string;
  };
  blocks: Block[];
  language?: Detection;
  summary?: Summary;
  /** Models used, by stage: `Xenova/opus-mt-fr-en (q8)`. */
  models: Record<string, string>;
  notes: Note[];
  /** Milliseconds spent in each stage that has run. */
  timings: Record<string, number>;
  /** Stages that have run, in order. */
  stages: string[];
  /** What the output depends on (input, config, models), as a hash: a re-run skips the article when it matches. */
  fingerprint?: string;
}

/** A fresh article for a file; `read` fills in its content. */
export function createArticle(source: Pick<SourceFile, 'path' | 'display'>, output: string): Article {
  return {
    source: { ...source, sha256: '', bytes: 0, encoding: '' },
    output,
    metadata: {},
    blocks: [],
    models: {},
    notes: [],
    timings: {},
    stages: [],
  };
}

/** A note as the front matter and the run report show it: `translate p3: …`. */
export function formatNote(note: Note): string {
  return `${note.stage}${note.block ? ` ${note.block}` : ''}: ${note.message}`;
}

/** The article's title block, if it has one. */
export function titleOf(article: Article): Block | undefined {
  return article.blocks[0]?.kind === 'title' ? article.blocks[0] : undefined;
}

/** Words of the article's source text, as reported in the closing summary and front matter. */
export function articleWords(article: Article): number {
  return article.blocks.reduce((total, block) => total + countWords(block.text), 0);
}

/** Counts words the way the closing summary and front matter report them. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
