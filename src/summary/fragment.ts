import { countWords } from '../article.js';
import { hasVerb } from './verbs.js';

/** Fewer words than this never make a summary sentence: "OK.", "Non.", "Je suis indignée.", "Par Jean Dupont". */
export const fewestWords = 4;

/** Sentences shorter than this must show a verb to be picked; longer ones only when they lack a final stop. */
const shortWords = 8;

// Photo credits and caption marks, kept by scrapers as sentences of their own: "Photo d'illustration AFP", "© Reuters".
const creditWords = 15;
const credit = /^[(«"“\s]*(?:©|(?:photos?|crédits?|credits?|illustration|légende)\b)/iu;
const finalStop = /[.!?…][\s\u00a0\u202f»”"’')\]]*$/u;

/**
 * True when a sentence cannot stand as a summary sentence: fewer than {@link fewestWords} words, a photo credit, or,
 * in French and English, a short or unfinished sentence with no word that looks like a verb (a byline, a caption,
 * "Montant de la facture ?").
 */
export function isFragment(text: string, language: string, count = countWords(text)): boolean {
  if (count < fewestWords || (count <= creditWords && credit.test(text))) return true;
  // Without a dictionary, a verb can hide ("le chauffeur porte plainte"): only short or unfinished sentences must show one.
  if (count >= shortWords && finalStop.test(text)) return false;
  return hasVerb(text, language) === false;
}
