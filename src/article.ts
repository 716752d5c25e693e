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
  /** The script of a text mostly written in another than the Latin script (`Cyrillic`, `Arabic`, `Han`, …). */
  script?: string;
}

/** One language of an article that mixes several, and its share of the article's letters. */
export interface LanguageShare {
  code: string;
  share: number;
}

/** What an integrity flag says is wrong with a translated sentence: a closed set, so that a typo does not compile. */
export type FlagKind = 'number' | 'name' | 'omission' | 'loop' | 'untranslated' | 'empty' | 'unknown' | 'term';

/** Something to check in one translated sentence, and a short detail that says what. */
export interface Flag {
  kind: FlagKind;
  detail: string;
}

/** A piece of a sentence as sent to the model, and what came back. */
export interface Segment {
  source: string;
  translation: string;
}

/** A glossary term as a sentence writes it (`Maison-Blanche`), and the English the glossary gives it. */
export interface Term {
  source: string;
  target: string;
}

export interface Sentence {
  text: string;
  /** The English of this sentence, when translated. */
  translation?: string;
  /**
   * The pieces the sentence was cut into, when more than one: to fit the model, and at its inline code (kept as
   * written, its own translation); joined, they are the sentence.
   */
  segments?: Segment[];
  /** The model wrote its unknown token in this sentence's translation (whether or not the word was put back). */
  unknown?: boolean;
  /** What the integrity check found in its translation; none when nothing. Flags never change a translation. */
  flags?: Flag[];
  /** The glossary's terms this sentence holds, each with the English its translation must hold. */
  terms?: Term[];
  /** Set on every sentence of a paragraph that mixes languages; otherwise the paragraph's language holds. */
  language?: Detection;
}

/** `verbatim`: code, a table, raw HTML: kept as written, never judged nor translated. */
export type BlockKind = 'title' | 'heading' | 'paragraph' | 'verbatim';

/** A span of a block's text that carried formatting in its source: a link, emphasis, code. */
export interface Span {
  kind: 'link' | 'strong' | 'emphasis' | 'code';
  text: string;
  /** With `link`: where it points. */
  url?: string;
}

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
  /** The block as written in a Markdown source, inline formatting included; `text` is its plain text. */
  markup?: string;
  /** The formatted spans of a Markdown block, to carry over to its translation where their text survives. */
  spans?: Span[];
  /** The line of the source it was read from, when the source is read line by line. */
  line?: number;
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
  /**
   * Set when the sentence was longer than the summary's budget: its beginning, cut at a clause break and ending
   * with `…`, shown instead of the whole sentence.
   */
  text?: string;
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

/**
 * How text is read: as an article file is (`article`: title, headings, metadata), as bare paragraphs separated by
 * blank lines, or line by line (`lines`: each line a paragraph that keeps its line number).
 */
export type TextForm = 'article' | 'paragraphs' | 'lines';

/**
 * Where an article comes from: a file (read by its format, or in a given form), or a piece of text given on the
 * command line or standard input (its bytes, decoded as a file's are, or a string).
 */
export type Source =
  | { kind: 'file'; path: string | Buffer; display: string; form?: TextForm }
  | { kind: 'text'; text: string | Buffer; display: string; form: TextForm }
  /** A text and a translation of it made elsewhere, to check: one sentence, as the other system aligned it. */
  | { kind: 'pair'; text: string; translation: string; display: string };

export interface SourceFile {
  /** Path of the input file (for text, and a file name that is not UTF-8: its display). */
  path: string;
  /** The path as shown to the user and written in front matter (relative to the working folder). */
  display: string;
  sha256: string;
  bytes: number;
  encoding: string;
}

/** One article as it moves through the stages: its text and what the stages found. Stages return an updated article. */
/** A name of an article's source and each way its translation rendered it (`null`: not found), in order of first use. */
export interface NameUse {
  name: string;
  renderings: (string | null)[];
}

export interface Article {
  source: SourceFile;
  metadata: {
    date?: string;
    /** The source ends with a clipped-article marker such as `[…]`. */
    clipped?: boolean;
    /** A trailer such as "Suite de l'article…", kept out of the body. */
    trailer?: string;
    /** What the source said of itself besides: a Markdown file's front matter, a web page's byline and site. */
    about?: Record<string, unknown>;
    /** How many lines the source has, when it is read line by line. */
    lines?: number;
  };
  blocks: Block[];
  language?: Detection;
  /** When the article mixes languages (each over a tenth of its letters): all of them, the largest share first. */
  languages?: LanguageShare[];
  summary?: Summary;
  /** The names of its translated sentences and how the translation rendered each (the check's). */
  names?: NameUse[];
  /** The check read its translated sentences: their flags, or the lack of them, say something. */
  checked?: true;
  /** Models used, by stage: `Xenova/opus-mt-fr-en (q8)`. */
  models: Record<string, string>;
  notes: Note[];
}

/** A fresh article for a source; `read` fills in its content. */
export function createArticle(source: Source): Article {
  return {
    source: { path: source.kind === 'file' && typeof source.path === 'string' ? source.path : source.display, display: source.display, sha256: '', bytes: 0, encoding: '' },
    metadata: {},
    blocks: [],
    models: {},
    notes: [],
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
