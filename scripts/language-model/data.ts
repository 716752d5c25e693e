/**
 * The labelled short texts of `../shared/eval` that the language model learns from and is measured on. Each
 * distinct text falls in one of ten buckets by its SHA-1: bucket 0 is held out from training and is what the
 * evaluation reports; bucket 1 calibrates the confidence; the shipped model learns from buckets 1 to 9.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const sharedFolder = path.resolve(import.meta.dirname, '../../../shared');

/** The languages of the goal: short sentences in these seven are what accuracy is averaged over. */
export const goalLanguages = ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld'];

export interface Sample {
  language: string;
  text: string;
  /** `tatoeba` (short sentences) or `tweets`. */
  source: string;
  bucket: number;
}

const tweetCodes: Record<string, string> = { de: 'deu', en: 'eng', es: 'spa', fr: 'fra', it: 'ita', nl: 'nld' };

/** Every labelled text, each distinct (language, text) once, in file order. */
export function loadSamples(shared = sharedFolder): Sample[] {
  const tatoeba = (language: string) =>
    ['fra', 'eng'].includes(language)
      ? path.join(shared, 'eval/mt', `tatoeba-test-v2021-08-07.fra-eng.${language}`)
      : path.join(shared, 'eval/langid/tatoeba', `tatoeba-test-v2021-08-07.${language}`);
  const samples: Sample[] = [];
  const seen = new Set<string>();
  const add = (language: string, text: string, source: string) => {
    const key = `${language}\t${text}`;
    if (!text.trim() || seen.has(key)) return;
    seen.add(key);
    samples.push({ language, text, source, bucket: bucketOf(text) });
  };
  for (const language of ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'cat', 'ron']) {
    const file = tatoeba(language);
    const lines = readFileSync(file, 'utf8').split('\n');
    const labels = readLabels(file, lines.length);
    lines.forEach((text, index) => add(labels?.[index] ?? language, text.trim(), 'tatoeba'));
  }
  for (const line of readFileSync(path.join(shared, 'eval/langid/tweets.tsv'), 'utf8').split('\n')) {
    const [code, text] = line.split('\t');
    if (code && text && tweetCodes[code]) add(tweetCodes[code], text.trim(), 'tweets');
  }
  return samples;
}

/** The `.labels` file beside a Tatoeba file, when it has one; `fra` and `eng` are labelled by their file name. */
function readLabels(file: string, count: number): string[] | undefined {
  try {
    const labels = readFileSync(`${file}.labels`, 'utf8').split('\n').map((label) => label.trim());
    return labels.length >= count - 1 ? labels : undefined;
  } catch {
    return undefined;
  }
}

/** A text's bucket, 0 to 9, from its SHA-1: the same text always lands in the same bucket. */
export function bucketOf(text: string): number {
  return createHash('sha1').update(text).digest()[0]! % 10;
}

/**
 * Two consecutive words of each sentence (at a position fixed by its hash): the "two-word texts" check. With
 * `minCharacters`, pairs shorter than that are left out (Lingua's test pairs have 10 characters or more).
 */
export function wordPairs(samples: readonly Sample[], minCharacters = 0): Sample[] {
  return samples.flatMap((sample) => {
    const words = sentenceWords(sample.text);
    if (words.length < 2) return [];
    const start = pick(sample.text, words.length - 1);
    const text = `${words[start]} ${words[start + 1]}`;
    return text.length >= minCharacters ? [{ ...sample, text }] : [];
  });
}

/**
 * One word of each sentence (at a position fixed by its hash): the "single words" check. With `minLetters`, the
 * word is picked among those that have that many letters (Lingua's test words have 5 or more).
 */
export function singleWords(samples: readonly Sample[], minLetters = 0): Sample[] {
  return samples.flatMap((sample) => {
    const words = sentenceWords(sample.text).filter((word) => !minLetters || (word.match(/\p{L}/gu)?.length ?? 0) >= minLetters);
    return words.length ? [{ ...sample, text: words[pick(`${sample.text}#word`, words.length)]! }] : [];
  });
}

/**
 * Texts the model never learns from, for checks out of its distribution: the newstest2014 sentences (French and
 * English news) and the sentences of the OrangeSum documents (French news; split after . ! ? and a space).
 */
export function loadNews(shared = sharedFolder): { newstest: Sample[]; orangeSum: Sample[] } {
  const lines = (file: string) => readFileSync(path.join(shared, 'eval', file), 'utf8').split('\n').filter((text) => text.trim());
  const newstest = ['fra', 'eng'].flatMap((language) => lines(`mt/newstest2014.fra-eng.${language}`).map((text) => ({ language, text, source: 'newstest2014', bucket: 0 })));
  const orangeSum = lines('summarization/orangesum-dev/abstract.source_documents.txt')
    .flatMap((document) => document.trim().split(/(?<=[.!?])\s+/))
    .map((text) => ({ language: 'fra', text, source: 'orangesum', bucket: 0 }));
  return { newstest, orangeSum };
}

function sentenceWords(text: string): string[] {
  return text.match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
}

function pick(text: string, count: number): number {
  return createHash('sha1').update(text).digest().readUInt32BE(4) % count;
}
