import { stopwords } from './stopwords.js';

/**
 * The faithfulness guard of generated summaries: a sentence that states a number or a capitalized name the source
 * does not contain is dropped, because a reader cannot tell an invented figure or person from a real one.
 */

export interface Unsupported {
  sentence: string;
  /** The numbers and names of the sentence the source does not contain. */
  missing: string[];
}

/** Splits generated sentences into those the source supports and those it does not. */
export function checkSupport(sentences: readonly string[], sources: readonly string[]): { kept: string[]; dropped: Unsupported[] } {
  const text = sources.join('\n');
  // "1 000" in the source may be a number with a plain space between thousands, or two numbers: it counts as both.
  const numbers = new Set([...numbersIn(text), ...numbersIn(text.replace(/(?<=\d) (?=\d{3}\b)/g, ''))]);
  const words = new Set(text.match(/[\p{L}\p{N}]+/gu) ?? []);
  const lowerWords = new Set([...words].map((word) => word.toLowerCase()));
  // A sentence's first word is capitalized anyway: "The" or "It" says nothing, any other word must be in the source.
  const known = ({ name, first }: Name) =>
    name.split(/['’-]/u).every((part) => (first ? lowerWords.has(part.toLowerCase()) || stopwords.eng!.has(part.toLowerCase()) : words.has(part)));
  const kept: string[] = [];
  const dropped: Unsupported[] = [];
  for (const sentence of sentences) {
    const missing = [
      ...numbersIn(sentence).filter((number) => !numbers.has(number)),
      ...namesIn(sentence).filter((name) => !known(name)).map(({ name }) => name),
    ];
    if (missing.length) dropped.push({ sentence, missing: [...new Set(missing)] });
    else kept.push(sentence);
  }
  return { kept, dropped };
}

/**
 * Numbers as digit strings, whatever their separators: "2,4", "2.4" and "1 000" are written differently in French and
 * English, and a translation may change them.
 */
function numbersIn(text: string): string[] {
  return (text.match(/\d+(?:[.,\u00a0\u202f]\d+)*/gu) ?? []).map((number) => number.replace(/\D/g, '').replace(/^0+(?=\d)/, ''));
}

interface Name {
  name: string;
  /** First word of its sentence, capitalized whether or not it is a name: checked regardless of case. */
  first: boolean;
}

/** Capitalized words: names of people, places and organizations, and the first word of each sentence. */
function namesIn(sentence: string): Name[] {
  return [...sentence.matchAll(/\p{Lu}[\p{L}\p{N}]*(?:['’-]\p{L}+)*/gu)].map((match) => {
    const before = sentence.slice(0, match.index).trim();
    return { name: match[0], first: before === '' || /[.!?:«"“]$/u.test(before) };
  });
}
