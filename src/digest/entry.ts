import { articleWords, titleOf, type Article, type LanguageShare } from '../article.js';
import { flaggedSentences } from '../markdown/flags.js';
import { cutTranslation } from '../summary/cut.js';

/** What the digest of a batch shows of one article: enough to know what came in without opening it. */
export interface DigestEntry {
  title?: string;
  /** The title's English, when it was translated. */
  englishTitle?: string;
  date?: string;
  language?: { code: string; confidence: number };
  /** When the article mixes languages: each with its share. */
  languages?: LanguageShare[];
  /** The summary's sentences, in English where there is English, and that language (ISO 639-3). */
  summary: { language: string; sentences: string[] };
  words: number;
  /** Sentences flagged by the check, and how many sentences each kind marks; none without a check. */
  flagged?: { sentences: number; kinds: Record<string, number> };
}

/** The digest's view of an article, taken from the article itself as the stages left it. */
export function digestEntry(article: Article): DigestEntry {
  const title = titleOf(article);
  const kinds: Record<string, number> = {};
  const flagged = flaggedSentences(article);
  for (const { flags } of flagged) for (const kind of new Set(flags.map((flag) => flag.kind))) kinds[kind] = (kinds[kind] ?? 0) + 1;
  return {
    ...(title ? { title: title.text } : {}),
    ...(title?.translation !== undefined ? { englishTitle: title.translation } : {}),
    ...(article.metadata.date ? { date: article.metadata.date } : {}),
    ...(article.language ? { language: { code: article.language.code, confidence: article.language.confidence } } : {}),
    ...(article.languages ? { languages: article.languages } : {}),
    summary: summaryOf(article),
    words: articleWords(article),
    ...(article.checked ? { flagged: { sentences: flagged.length, kinds } } : {}),
  };
}

/** The summary in English: the model's sentences, or the picked ones' English; in the source's language when none. */
function summaryOf(article: Article): DigestEntry['summary'] {
  const summary = article.summary;
  if (!summary) return { language: article.language?.code ?? 'und', sentences: [] };
  if (summary.sentences) return { language: 'eng', sentences: [...summary.sentences] };
  const picked = summary.items.map(({ block, sentence, text }) => {
    const chosen = article.blocks[block]!.sentences[sentence]!;
    const shown = text ?? chosen.text;
    return { shown, english: cutTranslation(chosen, shown) };
  });
  return picked.length && picked.every((item) => item.english !== undefined)
    ? { language: 'eng', sentences: picked.map((item) => item.english!) }
    : { language: summary.language, sentences: picked.map((item) => item.shown) };
}
