import type { Article, SummaryItem } from '../article.js';
import { countWords } from '../article.js';
import { stopwords } from './stopwords.js';

export interface ExtractiveOptions {
  /** Word budget of the summary; the first chosen sentence is kept even when longer. */
  words: number;
  /** Most sentences in the summary. */
  sentences: number;
}

interface Candidate extends SummaryItem {
  words: number;
  terms: Set<string>;
  score: number;
}

/**
 * Picks the sentences that best cover the article: each sentence is weighed by how central its content words are
 * to the article and by its position (news puts the gist early), then chosen greedily while penalizing overlap with
 * sentences already chosen, until the word budget is spent. Returns the choices in reading order.
 */
export function summarizeExtractive(article: Article, language: string, options: ExtractiveOptions): SummaryItem[] {
  const ignore = stopwords[language] ?? stopwords.eng!;
  const termsOf = (text: string) => new Set((text.toLowerCase().match(/\p{L}[\p{L}\p{N}’'-]*/gu) ?? [])
    .map((word) => word.replace(/^[a-z]['’]/u, ''))
    .filter((word) => word.length > 2 && !ignore.has(word)));

  const candidates: Candidate[] = [];
  article.blocks.forEach((block, blockIndex) => {
    if (block.kind !== 'paragraph' || (block.language && block.language.code !== language)) return;
    block.sentences.forEach((sentence, sentenceIndex) => {
      const words = countWords(sentence.text);
      if (words < 4) return;
      candidates.push({ block: blockIndex, sentence: sentenceIndex, words, terms: termsOf(sentence.text), score: 0 });
    });
  });
  if (!candidates.length) return [];

  const frequency = new Map<string, number>();
  for (const candidate of candidates) for (const term of candidate.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const title = article.blocks[0]?.kind === 'title' ? termsOf(article.blocks[0].text) : new Set<string>();

  candidates.forEach((candidate, position) => {
    let centrality = 0;
    for (const term of candidate.terms) centrality += Math.log1p((frequency.get(term) ?? 1) - 1) + (title.has(term) ? 1 : 0);
    const density = centrality / Math.max(8, candidate.terms.size) ** 0.5;
    candidate.score = density * (1 + 1 / (1 + position));
  });

  const chosen: Candidate[] = [];
  let budget = options.words;
  const remaining = [...candidates];
  while (remaining.length && chosen.length < options.sentences) {
    let best = -1;
    let bestValue = -Infinity;
    remaining.forEach((candidate, index) => {
      if (chosen.length && candidate.words > budget) return;
      const overlap = Math.max(0, ...chosen.map((other) => similarity(candidate.terms, other.terms)));
      const value = candidate.score * (1 - overlap);
      if (value > bestValue) {
        bestValue = value;
        best = index;
      }
    });
    if (best < 0) break;
    const [picked] = remaining.splice(best, 1);
    chosen.push(picked!);
    budget -= picked!.words;
  }
  return chosen
    .sort((a, b) => a.block - b.block || a.sentence - b.sentence)
    .map(({ block, sentence }) => ({ block, sentence }));
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}
