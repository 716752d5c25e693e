import { z } from 'zod';
import type { Article, Block, Detection, Note } from '../article.js';
import { StageError } from '../errors.js';
import { createDetector, type Detector, type Prior } from '../language/detector.js';
import { countLetters } from '../language/features.js';
import { francLanguages } from '../language/franc-languages.js';
import { defineStage } from './stage.js';

/** French, English, and the languages a reader of European news meets most: those the shipped model has learnt. */
export const defaultCandidates = ['fra', 'eng', 'deu', 'spa', 'ita', 'por', 'nld', 'cat', 'ron'];

const language = z
  .string()
  .regex(/^[a-z]{3}$/, { error: 'an ISO 639-3 code such as `fra`' })
  .refine((code) => defaultCandidates.includes(code) || francLanguages.has(code), { error: 'a language bitext can detect (ISO 639-3; see README, "Language detection")' });

export const detectLanguageOptions = z.strictObject({
  /** Languages to choose from, ISO 639-3. Others than the defaults are judged by franc. @default fra, eng, deu, spa, ita, por, nld, cat, ron */
  candidates: z.array(language).min(2).default(defaultCandidates),
  /** Segments with fewer letters than this (bylines, datelines, captions) take their article's language. @default 20 */
  minLetters: z.int().min(1).default(20),
  /** Below this confidence the detector abstains (`und`) rather than guess. @default 0.7 */
  minConfidence: z.number().min(0).max(1).default(0.7),
  /** A paragraph whose language stays `und`: `keep` it untranslated and flag it, `fail` the article, or `assume` the article's language. @default keep */
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
    const detector = await createDetector(options);
    return (article) => detectArticle(article, detector, options);
  },
});

/** The article's language, then each block's in the light of it, then each sentence's where a paragraph mixes. */
export function detectArticle(article: Article, detector: Detector, options: DetectLanguageOptions): Article {
  const notes: Note[] = [...article.notes];
  const note = (block: Block, message: string) => notes.push({ stage: 'detect-language', block: block.id, message });
  const sample = leadingText(article.blocks, articleSampleLetters);
  const whole = detector.detect(sample);
  if (whole.code === 'und' && options.undetermined === 'fail') {
    throw new StageError('detect-language', `its language could not be told${guessed(whole)}; set detect-language.undetermined to keep or assume to go on`);
  }

  const blocks = article.blocks.map((block): Block => {
    // A block that is the whole article (a one-paragraph text) has been judged already: its own text is the sample.
    let detected: Detection =
      countLetters(block.text) < options.minLetters ? { ...whole, inherited: true }
      : block.text === sample ? whole
      : detector.detect(block.text, priorFor(whole.code, options));
    if (detected.code === 'und' && !detected.inherited) {
      if (options.undetermined === 'fail') {
        throw new StageError('detect-language', `${block.id}: its language could not be told${guessed(detected)}; set detect-language.undetermined to keep or assume to go on`);
      }
      if (options.undetermined === 'assume' && whole.code !== 'und') {
        note(block, `language undetermined${guessed(detected)}; assumed ${whole.code}, the article's`);
        detected = { code: whole.code, confidence: detected.confidence, assumed: true };
      } else {
        note(block, `language undetermined${guessed(detected)}; kept as written`);
      }
    }
    const sentences = options.sentences && block.kind === 'paragraph' ? mixedSentences(block, detected, detector, options) : undefined;
    if (!sentences) return { ...block, language: detected };
    const others = [...new Set(sentences.map((sentence) => sentence.language!.code).filter((code) => code !== detected.code))];
    note(block, `mixes languages: ${others.join(', ')} beside ${detected.code}; each sentence is handled in its own`);
    return { ...block, language: detected, sentences };
  });
  return { ...article, language: whole, blocks, notes };
}

/** Letters of an article's opening that settle its language: more adds time, not certainty. */
const articleSampleLetters = 20_000;

/** The article's first blocks, up to about `letters` letters. */
function leadingText(blocks: readonly Block[], letters: number): string {
  const taken: string[] = [];
  let count = 0;
  for (const block of blocks) {
    if (count >= letters) break;
    taken.push(block.text);
    count += countLetters(block.text);
  }
  return taken.join('\n');
}

/** The paragraph's sentences with a language each, when one of them is confidently in another language. */
function mixedSentences(block: Block, paragraph: Detection, detector: Detector, options: DetectLanguageOptions): Block['sentences'] | undefined {
  if (block.sentences.length < 2 || paragraph.code === 'und') return undefined;
  const languages = block.sentences.map((sentence): Detection => {
    if (countLetters(sentence.text) < options.minLetters) return { ...paragraph, inherited: true };
    const detected = detector.detect(sentence.text, priorFor(paragraph.code, options));
    return detected.code === 'und' ? { ...paragraph, inherited: true } : detected;
  });
  if (languages.every((detected) => detected.code === paragraph.code)) return undefined;
  return block.sentences.map((sentence, index) => ({ ...sentence, language: languages[index]! }));
}

/** The prior a part of a text gets from the whole around it: its language, at `articlePrior`. */
function priorFor(code: string, options: DetectLanguageOptions): Prior | undefined {
  return options.articlePrior > 0 && code !== 'und' ? { code, probability: options.articlePrior } : undefined;
}

function guessed(detection: Detection): string {
  return detection.guess ? ` (best guess ${detection.guess} at ${detection.confidence.toFixed(2)})` : '';
}
