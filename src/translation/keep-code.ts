/**
 * Inline code kept as written: a sentence is cut at its code spans, the text between them translated, and the code
 * put back between the translations, so that no identifier, command or path reaches the model.
 */
import type { SentenceTranslation, SentenceTranslator } from './translate-sentences.js';

/** A sentence to translate, and the inline code its source marks (`npm install`), which must come back as written. */
export interface SentenceWithCode {
  text: string;
  code?: readonly string[];
}

/** A sentence's translation, its code kept; its segments hold the code too, as itself. */
export interface CodeKeptTranslation extends SentenceTranslation {
  /** Set when its text was cut to fit the model: into how many pieces the model read. */
  cutToFit?: number;
}

/** A stretch of a sentence: text to translate, or code (or mere punctuation and spaces) kept as written. */
interface Part {
  text: string;
  translate: boolean;
}

const hasLetter = /\p{L}/u;

/** The sentence cut at its code spans, found in order, each where it stands alone (`x`, not the x of "taxe"). */
export function splitAtCode(text: string, code: readonly string[]): Part[] {
  const parts: Part[] = [];
  let from = 0;
  for (const span of code) {
    const at = findAlone(text, span, from);
    if (at < 0) continue;
    if (at > from) parts.push(textPart(text.slice(from, at)));
    parts.push({ text: span, translate: false });
    from = at + span.length;
  }
  if (from < text.length || !parts.length) parts.push(textPart(text.slice(from)));
  return parts;
}

function textPart(text: string): Part {
  return { text, translate: hasLetter.test(text) };
}

function findAlone(text: string, span: string, from: number): number {
  if (!span) return -1;
  for (let at = text.indexOf(span, from); at >= 0; at = text.indexOf(span, at + 1)) {
    const before = text[at - 1];
    const after = text[at + span.length];
    const word = /[\p{L}\p{N}]/u;
    if (!(before && word.test(before) && word.test(span[0]!)) && !(after && word.test(after) && word.test(span.at(-1)!))) return at;
  }
  return -1;
}

/**
 * Translates sentences as `translate` does, each sentence's inline code kept as written: one result per sentence,
 * in order. A piece of code is a segment translated as itself.
 */
export function keepingCode(translate: SentenceTranslator): (sentences: readonly SentenceWithCode[], done?: (index: number) => void) => Promise<CodeKeptTranslation[]> {
  return async (sentences, done) => {
    const split = sentences.map((sentence) => (sentence.code?.length ? splitAtCode(sentence.text, sentence.code) : [{ text: sentence.text, translate: true }]));
    const owners: number[] = [];
    const texts: string[] = [];
    split.forEach((parts, index) => {
      for (const part of parts) {
        if (!part.translate) continue;
        owners.push(index);
        texts.push(part.text.trim());
      }
    });
    const left = split.map((parts) => parts.filter((part) => part.translate).length);
    left.forEach((count, index) => {
      if (!count) done?.(index);
    });
    const results = await translate(texts, done && ((index) => {
      if (--left[owners[index]!]! === 0) done(owners[index]!);
    }));
    if (results.length !== texts.length) throw new Error(`the translator returned ${results.length} translations for ${texts.length} pieces`);
    let next = 0;
    return split.map((parts): CodeKeptTranslation => {
      const translated = parts.map((part): SentenceTranslation => (part.translate ? results[next++]! : kept(part.text)));
      const modelPieces = parts.flatMap((part, index) => (part.translate ? translated[index]!.segments : []));
      const cutToFit = modelPieces.length > parts.filter((part) => part.translate).length ? { cutToFit: modelPieces.length } : {};
      if (translated.length === 1) return { ...translated[0]!, ...cutToFit };
      return {
        ...cutToFit,
        translation: joinParts(parts, translated.map((result) => result.translation)),
        segments: translated.flatMap((result) => result.segments).filter((segment) => segment.source.trim()),
        empty: translated.some((result) => result.empty),
        unknown: { restored: translated.flatMap((result) => result.unknown.restored), missing: translated.reduce((total, result) => total + result.unknown.missing, 0) },
      };
    });
  };
}

function kept(text: string): SentenceTranslation {
  return { translation: text, segments: [{ source: text, translation: text }], empty: false, unknown: { restored: [], missing: 0 } };
}

// The translations put together as the source's parts were: a space where the source had one, none where it had none.
function joinParts(parts: readonly Part[], translations: readonly string[]): string {
  let joined = '';
  parts.forEach((part, index) => {
    const text = part.translate ? translations[index]!.trim() : part.text.trim();
    if (!text) return;
    const spaced = index > 0 && (/^\s/u.test(part.text) || /\s$/u.test(parts[index - 1]!.text));
    joined += joined && spaced ? ` ${text}` : text;
  });
  return joined;
}
