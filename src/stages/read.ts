import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Article, Note, Source } from '../article.js';
import { StageError } from '../errors.js';
import { readRegularFile, unreadable } from '../files/regular-file.js';
import { parseBlocks, parseParagraphs, toBlocks } from '../text/blocks.js';
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
      throw new StageError('read', `is ${(bytes / megabyte).toFixed(1)} MB, more than read.maxMegabytes (${options.maxMegabytes}); raise it in pipeline.yaml to read it`);
    };
    return async (article, { source }) => {
      const bytes = source.kind === 'file' ? await readSource(source.path, maxBytes, tooLarge) : Buffer.from(source.text, 'utf8');
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
function readArticle(article: Article, source: Source, bytes: Buffer): Article {
  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof UndecodableError) throw new StageError('read', `is ${error.message}; only text articles (.txt, .md) can be processed`, { cause: error });
    throw error;
  }
  const parsed = source.kind === 'text' && source.form === 'paragraphs' ? parseParagraphs(decoded.text) : parseBlocks(decoded.text);
  if (!parsed.blocks.length) throw new StageError('read', 'is empty (no text once blank lines are removed); remove it or fill it');

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
