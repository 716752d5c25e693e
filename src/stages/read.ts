import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Article } from '../article.js';
import { StageError } from '../errors.js';
import { parseBlocks, toBlocks } from '../text/blocks.js';
import { decodeText, UndecodableError } from '../text/decode.js';
import { defineStage } from './stage.js';

export const readOptions = z.strictObject({
  /** Largest file read, in megabytes; bigger files fail with a message rather than exhaust memory. @default 20 */
  maxMegabytes: z.number().positive().default(20),
});

export default defineStage({
  name: 'read',
  summary: 'Reads a file into an article: title, headings, paragraphs, sentences and metadata',
  requires: [],
  options: readOptions,
  create(options) {
    return (article) => readArticle(article, options);
  },
});

/** Reads the article's file: decoded, split into blocks and sentences, with its hash, size and encoding. */
export async function readArticle(article: Article, options: z.output<typeof readOptions>): Promise<Article> {
  const fail = (message: string, cause?: unknown) => new StageError('read', message, { cause });
  const info = await stat(article.source.path).catch((error: NodeJS.ErrnoException) => {
    throw fail(`cannot be read (${error.code ?? error.message}); check that it exists and you may read it`, error);
  });
  if (info.size > options.maxMegabytes * 1024 * 1024) {
    throw fail(`is ${(info.size / 1024 / 1024).toFixed(1)} MB, more than read.maxMegabytes (${options.maxMegabytes}); raise it in pipeline.yaml to read it`);
  }
  const bytes = await readFile(article.source.path).catch((error: NodeJS.ErrnoException) => {
    throw fail(`cannot be read (${error.code ?? error.message}); check that you may read it`, error);
  });
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof UndecodableError) throw fail(`is ${error.message}; only text articles (.txt, .md) can be processed`, error);
    throw error;
  }
  const { blocks: raw, metadata } = parseBlocks(decoded.text);
  if (!raw.length) throw fail('is empty (no text once blank lines are removed); remove it or fill it');

  const notes = [...article.notes];
  if (decoded.encoding === 'windows-1252') {
    notes.push({ stage: 'read', message: 'not valid UTF-8; decoded as Windows-1252 (Latin-1)' });
  }
  return {
    ...article,
    source: {
      ...article.source,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      encoding: decoded.encoding,
    },
    metadata,
    blocks: toBlocks(raw),
    notes,
  };
}
