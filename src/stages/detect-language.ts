import { z } from 'zod';
import type { Article, Block, Detection, LanguageShare, Note } from '../article.js';
import { StageError } from '../errors.js';
import { createDetector, type Prior } from '../language/detector.js';
import { countLetters } from '../language/features.js';
import { francLanguages } from '../language/franc-languages.js';
import { iso6393For } from '../language/codes.js';
import { dominantScript, latinLetters } from '../language/scripts.js';
import { didYouMean } from '../text/suggest.js';
import { defineStage } from './stage.js';

/** French, English, and the languages a reader of European news meets most: those the shipped model has learnt. */
export const defaultCandidates = ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'cat', 'ron'];

const language = z.string().superRefine((code, context) => {
  if (defaultCandidates.includes(code) || francLanguages.has(code)) return;
  const meant = iso6393For(code);
  context.addIssue({
    code: 'custom',
    message: meant
      ? `bitext names languages in ISO 639-3: did you mean \`${meant}\`?`
      : `expected an ISO 639-3 code of a language bitext can detect, such as \`fra\`${didYouMean(code, [...defaultCandidates])} (see README, "Language detection")`,
  });
});

export const detectLanguageOptions = z.strictObject({
  /** Languages to choose from, ISO 639-3. Others than the defaults are judged by franc. @default fra, eng, deu, spa, ita, por, nld, cat, ron */
  candidates: z.array(language).min(2).default(defaultCandidates),
  /** Segments with fewer letters than this (bylines, datelines, captions) take their article's language. @default 20 */
  minLetters: z.int().min(1).default(20),
  /** Below this confidence the detector abstains (`und`) rather than guess. @default 0.7 */
  minConfidence: z.number().min(0).max(1).default(0.7),
  /**
   * A paragraph whose language stays `und`: `keep` it `und` and note it (an article in translate's `from` language
   * still has it translated), `fail` the article, or `assume` the article's language. @default keep
   */
  undetermined: z.enum(['keep', 'fail', 'assume']).default('keep'),
  /** How likely a paragraph is, before it is read, to be in its article's language; 0 judges each alone. @default 0.5 */
  articlePrior: z.number().min(0).max(0.99).default(0.5),
  /** Also judge each sentence, so that a quote in another language inside a paragraph is found. @default true */
  sentences: z.boolean().default(true),
});

export type DetectLanguageOptions = z.output<typeof detectLanguageOptions>;

export default defineStage({
  name: 'detect-language',
  summary: 'Detects the language of the article, each paragraph and mixed sentences (ISO 639-3, calibrated confidence)',
  requires: ['read'],
  options: detectLanguageOptions,
  async create(options) {
    const [detector, { francAll }] = await Promise.all([createDetector(options), import('franc')]);
    // Text in another script is no candidate's: franc names it among all the languages it knows.
    const nameOtherScript = (text: string, script: string): Detection => {
      const [first, second] = francAll(text, { minLength: 1 });
      const confidence = first && first[0] !== 'und' ? Math.round(Math.min(1, (1 - (second?.[1] ?? 0)) * 20) * 1000) / 1000 : 0;
      return confidence >= options.minConfidence ? { code: first![0], confidence, script } : { code: 'und', confidence, script, ...(first && first[0] !== 'und' ? { guess: first[0] } : {}) };
    };
    const judge: Judge = (text, prior) => {
      const { script, share } = dominantScript(text);
      if (script !== 'Latin' && share >= 0.5) return nameOtherScript(text, script);
      // A quote in another script inside Latin text says nothing of the Latin text's language.
      return detector.detect(latinLetters(text), prior);
    };
    return (article) => detectArticle(article, judge, options);
  },
});

/** A text's language, in the light of what is known around it. */
type Judge = (text: string, prior?: Prior) => Detection;

/**
 * The article's language, then each block's in the light of it, then each sentence's where a paragraph mixes. An
 * article whose blocks hold several languages, each over a tenth of its letters, is in the largest, and lists them.
 */
function detectArticle(article: Article, judge: Judge, options: DetectLanguageOptions): Article {
  const notes: Note[] = [...article.notes];
  const note = (block: Block, message: string) => notes.push({ stage: 'detect-language', block: block.id, message });
  const sample = leadingText(article.blocks, articleSampleLetters);
  const whole = judge(sample);
  if (whole.code === 'und' && options.undetermined === 'fail') {
    throw new StageError('detect-language', `its language could not be told${guessed(whole)}; set detect-language.undetermined to keep or assume to go on`);
  }
  // A block that is the whole article (a one-paragraph text) has been judged already: its own text is the sample.
  const judged = article.blocks.map((block): Detection | undefined =>
    block.kind === 'verbatim' || isShort(block.text, options) ? undefined : block.text === sample ? whole : judge(block.text, priorFor(whole.code, options)));
  const { language, languages } = articleLanguage(article.blocks, judged, whole);

  const blocks = article.blocks.map((block, index): Block => {
    // Code, tables and HTML kept as written are in no language.
    if (block.kind === 'verbatim') return block;
    let detected: Detection = judged[index] ?? { ...language, inherited: true };
    if (detected.code === 'und' && !detected.inherited && !detected.script) {
      if (options.undetermined === 'fail') {
        throw new StageError('detect-language', `${block.id}: its language could not be told${guessed(detected)}; set detect-language.undetermined to keep or assume to go on`);
      }
      if (options.undetermined === 'assume' && language.code !== 'und') {
        note(block, `language undetermined${guessed(detected)}; assumed ${language.code}, the article's`);
        detected = { code: language.code, confidence: detected.confidence, assumed: true };
      } else {
        note(block, `language undetermined${guessed(detected)}`);
      }
    }
    const sentences = options.sentences && block.kind === 'paragraph' ? mixedSentences(block, detected, language, judge, options) : undefined;
    if (!sentences) return { ...block, language: detected };
    const others = [...new Set(sentences.map((sentence) => nameOf(sentence.language!)).filter((name) => name !== nameOf(detected)))];
    note(block, `mixes languages: ${others.join(', ')} beside ${nameOf(detected)}; each sentence is handled in its own`);
    return { ...block, language: detected, sentences };
  });
  return { ...article, language, ...(languages ? { languages } : {}), blocks, notes };
}

/** Letters of an article's opening that settle its language: more adds time, not certainty. */
const articleSampleLetters = 20_000;

/** Below this share of an article's letters, a language is a quote in it, not one of its languages. */
const mixedShare = 0.1;

/**
 * The article's language from its judged blocks: the whole text's, unless another holds most of the letters judged
 * (then that one, its share as the confidence); with every language that holds over a tenth of them, when several do.
 */
function articleLanguage(blocks: readonly Block[], judged: readonly (Detection | undefined)[], whole: Detection): { language: Detection; languages?: LanguageShare[] } {
  const letters = new Map<string, number>();
  let total = 0;
  judged.forEach((detected, index) => {
    if (!detected || detected.code === 'und') return;
    const count = countLetters(blocks[index]!.text);
    letters.set(detected.code, (letters.get(detected.code) ?? 0) + count);
    total += count;
  });
  const shares = [...letters].map(([code, count]) => ({ code, share: Math.round((100 * count) / total) / 100 })).sort((a, b) => b.share - a.share);
  const held = shares.filter((entry) => entry.share >= mixedShare);
  if (!held.length || (held.length === 1 && held[0]!.code === whole.code)) return { language: whole };
  const language = held[0]!.code === whole.code ? whole : { code: held[0]!.code, confidence: held[0]!.share };
  return { language, ...(held.length > 1 ? { languages: held } : {}) };
}

function isShort(text: string, options: DetectLanguageOptions): boolean {
  return countLetters(text) < options.minLetters && dominantScript(text).script === 'Latin';
}

/** The article's first blocks, up to about `letters` letters. */
function leadingText(blocks: readonly Block[], letters: number): string {
  const taken: string[] = [];
  let count = 0;
  for (const block of blocks) {
    if (count >= letters) break;
    if (block.kind === 'verbatim') continue;
    taken.push(block.text);
    count += countLetters(block.text);
  }
  return taken.join('\n');
}

/**
 * The paragraph's sentences with a language each, when one of them is confidently in another language or script. A
 * paragraph left undetermined is judged sentence by sentence, in the light of the article's language.
 */
function mixedSentences(block: Block, paragraph: Detection, article: Detection, judge: Judge, options: DetectLanguageOptions): Block['sentences'] | undefined {
  if (block.sentences.length < 2) return undefined;
  const around = paragraph.code === 'und' ? article : paragraph;
  const languages = block.sentences.map((sentence): Detection => {
    if (isShort(sentence.text, options)) return { ...paragraph, inherited: true };
    const detected = judge(sentence.text, priorFor(around.code, options));
    return detected.code === 'und' && !detected.script ? { ...paragraph, inherited: true } : detected;
  });
  if (languages.every((detected) => nameOf(detected) === nameOf(paragraph))) return undefined;
  return block.sentences.map((sentence, index) => ({ ...sentence, language: languages[index]! }));
}

/** A detection as notes name it: its code, or its script when the language could not be told. */
function nameOf(detection: Detection): string {
  return detection.code === 'und' && detection.script ? `${detection.script} script` : detection.code;
}

/** The prior a part of a text gets from the whole around it: its language, at `articlePrior`. */
function priorFor(code: string, options: DetectLanguageOptions): Prior | undefined {
  return options.articlePrior > 0 && code !== 'und' ? { code, probability: options.articlePrior } : undefined;
}

function guessed(detection: Detection): string {
  return detection.guess ? ` (best guess ${detection.guess} at ${detection.confidence.toFixed(2)})` : '';
}
