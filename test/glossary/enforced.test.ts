/**
 * The glossary held in decoding, end to end: the corpus read, translated and checked as `bitext run` does it, on the
 * generated Marians (real onnxruntime). Every occurrence of a term is in the translation, greedy and with beams,
 * and the check never flags one as missing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/article.js';
import type { Glossary } from '../../src/glossary/glossary.js';
import { createTermMatcher, holdsTerm } from '../../src/glossary/match.js';
import { createModelProvider } from '../../src/models/provider.js';
import { chooseStages } from '../../src/pipeline/choose.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { splitSentences } from '../../src/text/sentences.js';
import { readGlossaryFile } from '../../scripts/evaluate/glossary-file.js';
import { fullTestModels } from '../support/full-models.js';
import { corpus, hasShared, projectRoot, sharedSkipReason } from '../support/paths.js';
import { testModels } from '../support/test-models.js';

// Full-size models on a busy shared machine: generous, so that only a hang fails.
const patience = 15 * 60_000;
const glossaryFile = (name: string) => path.join(projectRoot, 'test/fixtures/glossary', name);

/** The corpus's sentences that hold a term of `glossary`, one a line. */
function sentencesWithTerms(glossary: Glossary): string {
  const findTerms = createTermMatcher(glossary.entries);
  const lines = readdirSync(corpus).sort().flatMap((file) => readFileSync(path.join(corpus, file), 'utf8').split('\n'));
  return lines.flatMap((line) => splitSentences(line)).filter((sentence) => findTerms(sentence).length).join('\n');
}

/** Reads, translates (with `beams`) and checks `text` with `glossary`, on `model` of `directory`. */
async function translated(directory: string, model: string, text: string, glossary: Glossary, beams: number): Promise<Article> {
  const models = createModelProvider({ directory });
  try {
    // The shortest output bound the stage allows: the terms still fit, and the untrained model runs less far.
    const stages = chooseStages(['read', 'translate', 'check'], [], { translate: { model, dtype: 'q8', beams, lengthRatio: 1 } });
    const pipeline = await createPipeline(stages, { models, glossary });
    return await pipeline.process({ kind: 'text', text, display: 'corpus', form: 'lines' });
  } finally {
    await models.dispose();
  }
}

/** Each occurrence of a term (a sentence and one of its terms), and whether the translation holds it and flags it. */
function occurrences(article: Article) {
  return article.blocks.flatMap((block) => block.sentences).flatMap((sentence) => (sentence.terms ?? []).map((term) => ({
    source: sentence.text,
    term: `${term.source} → ${term.target}`,
    held: holdsTerm(sentence.translation ?? '', term.target),
    flagged: (sentence.flags ?? []).some((flag) => flag.kind === 'term' && flag.detail.startsWith(`${term.source} → `)),
  })));
}

describe.skipIf(!hasShared)(`the glossary held in decoding, over ../shared/corpus${sharedSkipReason}`, () => {
  it.each([1, 4])('the word-by-word Marian writes every term of its glossary where the corpus has one (beams %i)', async (beams) => {
    const glossary = readGlossaryFile(glossaryFile('tiny.tsv'));
    const found = occurrences(await translated(await testModels(), 'bitext-test/marian-tiny', sentencesWithTerms(glossary), glossary, beams));
    expect(found.length).toBeGreaterThan(50);
    expect(found.filter((occurrence) => !occurrence.held || occurrence.flagged)).toEqual([]);
  }, patience);

  it.each([1, 4])('the full-size Marian (seeded weights) writes every name and institution of the news glossary (beams %i)', async (beams) => {
    const glossary = readGlossaryFile(glossaryFile('news.tsv'));
    const found = occurrences(await translated(await fullTestModels(), 'bitext-test/marian-full', sentencesWithTerms(glossary), glossary, beams));
    expect(found.length).toBeGreaterThan(100);
    expect(new Set(found.map((occurrence) => occurrence.term.split(' → ')[1])).size).toBeGreaterThan(25);
    expect(found.filter((occurrence) => !occurrence.held || occurrence.flagged)).toEqual([]);
  }, patience);
});
