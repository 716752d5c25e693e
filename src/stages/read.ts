import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { Article, Note, Source, TextForm } from '../article.js';
import { StageError } from '../errors.js';
import { checkRegularFile, readRegularFile, unreadable } from '../files/regular-file.js';
import { parseBlocks, parseLines, parseParagraphs, toBlocks, type ParsedText } from '../text/blocks.js';
import { parseHtml } from '../text/html.js';
import { parseMarkdown } from '../text/markdown.js';
import { decodeText, describeRepairs, UndecodableError, type DecodedText } from '../text/decode.js';
import { defineStage } from './stage.js';

const megabyte = 1024 * 1024;

export default defineStage({
  name: 'read',
  summary: 'Reads a file into an article: title, headings, paragraphs, sentences and metadata',
  requires: [],
  options: z.strictObject({
    /** Largest file read, in megabytes; bigger files fail with a message rather than exhaust memory. @default 20 */
    maxMegabytes: z.number().positive().default(20),
  }),
  create(options) {
    const maxBytes = Math.floor(options.maxMegabytes * megabyte);
    const tooLarge = (bytes: number): never => {
      throw new StageError('read', `is ${size(bytes)}, more than read.maxMegabytes (${options.maxMegabytes}); raise it in pipeline.yaml to read it`);
    };
    return async (article, { source }) => {
      if (source.kind === 'pair') return readPair(article, source);
      if (source.kind === 'file') {
        // What is not a regular file, then what is not an article, is refused before a byte of it is read.
        await checkRegularFile(source.path).catch((error: unknown) => {
          throw new StageError('read', unreadable(error), { cause: error });
        });
        if (!source.form) formatOf(source);
      }
      const bytes = source.kind === 'file' ? await readSource(source.path, maxBytes, tooLarge) : typeof source.text === 'string' ? Buffer.from(source.text, 'utf8') : source.text;
      if (source.kind === 'text' && bytes.length > maxBytes) tooLarge(bytes.length);
      return readArticle(article, source, bytes);
    };
  },
});

async function readSource(file: string | Buffer, maxBytes: number, tooLarge: (bytes: number) => never): Promise<Buffer> {
  try {
    return await readRegularFile(file, maxBytes, tooLarge);
  } catch (error) {
    if (error instanceof StageError) throw error;
    throw new StageError('read', unreadable(error), { cause: error });
  }
}

/** The article's content from its source's bytes: decoded, split into blocks and sentences, with its hash and size. */
function readArticle(article: Article, source: Exclude<Source, { kind: 'pair' }>, bytes: Buffer): Article {
  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof UndecodableError) throw new StageError('read', `is ${error.message}; only text articles (.txt, .md, .html) can be processed`, { cause: error });
    throw error;
  }
  const parsed = parse(source, decoded.text);
  // Read line by line, a file of blank lines is no error: it has nothing to translate.
  if (!parsed.blocks.length && source.form !== 'lines') {
    const page = source.kind === 'file' && !source.form && formatOf(source) === parseHtml;
    throw new StageError('read', page ? 'is a web page in which no article text was found (only menus, notices or scripts); save the article\'s own page' : 'is empty (no text once blank lines are removed); remove it or fill it');
  }

  const notes: Note[] = [...article.notes];
  const repairs = describeRepairs(decoded);
  if (repairs) notes.push({ stage: 'read', message: repairs });
  return {
    ...article,
    source: {
      ...article.source,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      encoding: decoded.encoding,
    },
    metadata: parsed.metadata,
    blocks: toBlocks(parsed.blocks),
    notes,
  };
}

/** How a file is read, by its extension: what is not an article is refused, never read as text. */
const formats: Record<string, (text: string) => ParsedText> = {
  '.txt': parseBlocks,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.html': parseHtml,
  '.htm': parseHtml,
};

/** Text read in a given form. */
const forms: Record<TextForm, (text: string) => ParsedText> = { article: parseBlocks, paragraphs: parseParagraphs, lines: parseLines };

/** The source's text read in its form, or by its format: text as collected articles are written, Markdown, a web page. */
function parse(source: Exclude<Source, { kind: 'pair' }>, text: string): ParsedText {
  if (source.form) return forms[source.form](text);
  return formatOf(source as Extract<Source, { kind: 'file' }>)(text);
}

function formatOf(source: Extract<Source, { kind: 'file' }>): (text: string) => ParsedText {
  const extension = path.extname(source.display).toLowerCase();
  const format = formats[extension];
  if (format) return format;
  throw new StageError('read', `is ${extension ? `a ${extension} file` : 'a file without an extension'}: bitext reads articles in plain text (.txt), Markdown (.md) and saved web pages (.html); convert it, or rename it if it is one of those`);
}

/** `41 bytes`, `3.2 KB`, `25.0 MB`. */
function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : bytes < megabyte ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / megabyte).toFixed(1)} MB`;
}

/** A text and its translation from elsewhere: one paragraph of one sentence, as given, never split. */
function readPair(article: Article, source: Extract<Source, { kind: 'pair' }>): Article {
  const text = source.text.trim();
  const bytes = Buffer.from(source.text, 'utf8');
  return {
    ...article,
    source: { ...article.source, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, encoding: 'utf-8' },
    blocks: [{ id: 'p1', kind: 'paragraph', text, sentences: [{ text, translation: source.translation }], translation: source.translation }],
  };
}
