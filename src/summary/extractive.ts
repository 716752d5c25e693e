import type { Article, SummaryItem } from '../article.js';
import { countWords } from '../article.js';
import { cutSentence } from './cut.js';
import { isFragment } from './fragment.js';
import { stopwords } from './stopwords.js';

export interface ExtractiveOptions {
  /** Length the summary aims at, in words: sentences are added until it is reached, never past twice it. */
  words: number;
  /** Most sentences in the summary. */
  sentences: number;
}

interface Candidate extends SummaryItem {
  /** Rank of the sentence in the article, counting only candidates: 0 for the first. */
  position: number;
  words: number;
  terms: Map<string, number>;
  score: number;
}

/** How sentences are scored and chosen; `extractiveWeights` holds the tuned values. */
export interface ExtractiveWeights {
  /** Weight of the position score `1 / (1 + rank) ** positionDecay`. */
  position: number;
  positionDecay: number;
  /** Weight of the cosine between the sentence's content words and the rest of the article's. */
  centrality: number;
  /** Cost per unit of |log(words / aim)|: a sentence far from the aimed length is a worse summary alone. */
  length: number;
  /** A sentence sharing more than this share of its content words with one already chosen repeats it. */
  redundancy: number;
}

/**
 * Tuned by `npm run eval:summary -- --tune` on ../shared's OrangeSum documents, two-fold cross-validated (README).
 * A slow position decay: news puts the gist early, but often in the second or third sentence rather than the first.
 */
export const extractiveWeights: ExtractiveWeights = { position: 2, positionDecay: 0.5, centrality: 4, length: 0.2, redundancy: 0.3 };

// Code left over from web pages and short sentences are rarely worth picking over prose (fragments never are).
const unfitPenalty = 1;
const shortSentence = 6;

/**
 * Picks the sentences that best carry the article: each is scored by its position (a slow decay from the top),
 * its centrality (how much it shares with the rest of the article and its title) and how close its length is to
 * the aim; then the best is taken, and the next best that does not repeat it while the summary is short of the
 * word aim, never past twice it: a first sentence longer than that is cut at a clause break (its item's `text`).
 * Returns the choices in reading order. Only sentences in `language` are candidates, and never fragments.
 */
export function summarizeExtractive(article: Article, language: string, options: ExtractiveOptions, weights = extractiveWeights): SummaryItem[] {
  const ignore = stopwords[language] ?? stopwords.eng!;
  const termsOf = (text: string) => {
    const terms = new Map<string, number>();
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (word.length > 2 && !ignore.has(word)) terms.set(word, (terms.get(word) ?? 0) + 1);
    }
    return terms;
  };

  const candidates: Candidate[] = [];
  const whole = new Map<string, number>();
  article.blocks.forEach((block, blockIndex) => {
    if (block.language && block.language.code !== language) return;
    if (block.kind !== 'paragraph') {
      // Titles and headings say what the article is about; they count for centrality but are not picked.
      add(whole, termsOf(block.text));
      return;
    }
    block.sentences.forEach((sentence, sentenceIndex) => {
      if (sentence.language && sentence.language.code !== language) return;
      const terms = termsOf(sentence.text);
      add(whole, terms);
      const words = countWords(sentence.text);
      if (isFragment(sentence.text, language, words)) return;
      candidates.push({ block: blockIndex, sentence: sentenceIndex, position: candidates.length, words, terms, score: 0 });
    });
  });
  if (!candidates.length) return [];

  const aim = options.words;
  let squares = 0;
  for (const count of whole.values()) squares += count * count;
  for (const candidate of candidates) {
    candidate.score =
      weights.position / (1 + candidate.position) ** weights.positionDecay +
      weights.centrality * centrality(candidate.terms, whole, squares) -
      weights.length * Math.abs(Math.log((candidate.words + 1) / aim)) -
      (looksLikeCode(article.blocks[candidate.block]!.sentences[candidate.sentence]!.text) || candidate.words < shortSentence ? unfitPenalty : 0);
  }

  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.position - b.position);
  const most = 2 * aim;
  const first = opening(ranked, (candidate) => article.blocks[candidate.block]!.sentences[candidate.sentence]!.text, most, aim, language);
  const chosen = [first];
  let words = first.words;
  for (const candidate of ranked) {
    if (words >= aim || chosen.length >= options.sentences) break;
    if (candidate.position === first.position || words + candidate.words > most) continue;
    if (chosen.some((other) => overlap(candidate.terms, other.terms) > weights.redundancy)) continue;
    chosen.push(candidate);
    words += candidate.words;
  }
  return chosen.sort((a, b) => a.position - b.position).map(({ block, sentence, text }) => (text === undefined ? { block, sentence } : { block, sentence, text }));
}

/**
 * The summary's first sentence: the best one, cut to `most` words at a clause break when it is longer than the
 * whole budget. When that cut would leave a subject without its verb, the runner-up is taken instead if it fits, or
 * if its own cut keeps its verb.
 */
function opening(ranked: Candidate[], textOf: (candidate: Candidate) => string, most: number, least: number, language: string): Candidate {
  let fallback: Candidate | undefined;
  for (const candidate of ranked.slice(0, 2)) {
    if (candidate.words <= most) return candidate;
    const cut = cutSentence(textOf(candidate), most, least, language);
    const shortened = { ...candidate, text: cut.text, words: countWords(cut.text) };
    if (cut.complete) return shortened;
    fallback ??= shortened;
  }
  return fallback!;
}

function add(total: Map<string, number>, terms: Map<string, number>): void {
  for (const [term, count] of terms) total.set(term, (total.get(term) ?? 0) + count);
}

/**
 * Cosine between a sentence's term counts and those of the rest of the article (the whole minus the sentence),
 * in time proportional to the sentence: `squares` is the sum of the whole's squared counts.
 */
function centrality(terms: Map<string, number>, whole: Map<string, number>, squares: number): number {
  let dot = 0;
  let own = 0;
  let rest = squares;
  for (const [term, mine] of terms) {
    const count = whole.get(term)!;
    dot += mine * (count - mine);
    own += mine * mine;
    rest += (count - mine) ** 2 - count ** 2;
  }
  return own && rest > 0 ? dot / Math.sqrt(own * rest) : 0;
}

/** Share of the smaller set's terms that the other one has too. */
function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const term of a.keys()) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

// Script left in scraped pages: `window.x = new Pvp(…)`, `{…}`, URLs.
function looksLikeCode(text: string): boolean {
  return /[{}=;]|\bwindow\.|https?:\/\//.test(text);
}
