import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { noModels } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';

export const benchModel = 'bitext-test/marian-full';

/** A paragraph to translate and the number of tokens its translation is forced to. */
export interface BenchParagraph {
  text: string;
  target: number;
}

/** Articles of paragraphs. */
export type BenchData = { articles: BenchParagraph[][]; newstest: number; corpus: number };

/**
 * The benchmark's French: the first `lines` sentences of newstest2014 (in articles of 10), forced to the token count
 * of their reference English, then the paragraphs of the corpus articles, forced to their own token count (they
 * have no reference). Token counts come from the model's own tokenizer.
 */
export async function benchData(shared: string, lines: number, countTokens: (text: string) => number): Promise<BenchData> {
  const read = (language: string) => readFileSync(path.join(shared, 'eval/mt', `newstest2014.fra-eng.${language}`), 'utf8').split('\n');
  const french = read('fra');
  const english = read('eng');
  const articles: BenchParagraph[][] = [];
  for (let start = 0; start < lines; start += 10) {
    articles.push(french.slice(start, Math.min(lines, start + 10)).map((text, index) => ({ text: text.trim(), target: countTokens(english[start + index]!) })));
  }
  let corpus = 0;
  const folder = path.join(shared, 'corpus');
  const reader = await createPipeline(chooseStages(['read']), { models: noModels });
  for (const file of readdirSync(folder).sort()) {
    const article = await reader.process({ kind: 'file', path: path.join(folder, file), display: file });
    const paragraphs = article.blocks.filter((block) => block.kind === 'paragraph').map((block) => ({ text: block.text.replace(/\s+/g, ' '), target: countTokens(block.text) }));
    corpus += paragraphs.length;
    articles.push(paragraphs);
  }
  return { articles, newstest: lines, corpus };
}
