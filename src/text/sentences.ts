/**
 * Sentence segmentation for French news text (English passages too). The splitter cuts after `.`, `!`, `?` or `…`
 * (and any closing quotes or brackets) when the next word starts a sentence, and never after a title, an
 * abbreviation in its context, a list number or a `[…]` elision mark. Sentences are exact substrings of the
 * paragraph, trimmed.
 */

// Titles before a name, matched with their case: "M. Dupont", "Dr. Money", "Sen. McCaskill". Lower-cased, most
// are words ("me", "col", "gen"), and "100 m." is a metre.
const titles = new Set([
  'M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Mlles', 'Me', 'Mgr', 'Dr', 'Pr', 'Prof', 'Gén', 'Gal', 'Cdt', 'Ste', 'St',
  'Mr', 'Mrs', 'Ms', 'Messrs', 'Gen', 'Sen', 'Rep', 'Gov', 'Lt', 'Capt', 'Sgt', 'Col', 'Hon', 'Rev', 'Mt', 'Ft',
]);

// French initials of two letters: "Ch. Dupont" (Charles), "Ph. Martin", "Th. Durand".
const initials = new Set(['Ch', 'Ph', 'Th']);

// Abbreviations that are no word in French or English: a period after them never ends a sentence. Lower-cased.
const abbreviations = new Set([
  'cf', 'c.-à-d', 'c-à-d', 'e.g', 'i.e', 'vs', 'v', 'approx', 'av', 'apr', 'bd', 'boul', 'ets', 'coll', 'éd', 'trad',
  'réf', 'sq', 'sqq', 'ibid', 'dép', 'auj', 'resp', 'adj',
]);
// Words that abbreviate only after another: "par ex.", "p. ex.", "et al.".
const afterWord: Record<string, RegExp> = { ex: /(?:^|[\s(])(?:par|p\.)\s$/, al: /(?:^|[\s(])et\s$/ };

// Abbreviations that are also words ("la mer", "le jeu", "il est", "le vol", "sept ans") or dates that may end a
// sentence ("le 7 sept."): they hold the sentence only before a number — "p. 12", "art. 4", "sept. 2021".
const beforeNumber = new Set([
  'no', 'nos', 'num', 'pp', 'vol', 'art', 'al', 'chap', 'ch', 'fig', 'tél', 'tel', 'ex', 'env', 'ca', 'est', 'min',
  'max', 'janv', 'févr', 'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'jan', 'feb', 'mar', 'aug', 'dec', 'lun',
  'mer', 'jeu', 'ven', 'sam', 'dim',
]);

// Endings of names ("Boeing Co.", "Spirit Airlines Inc.", "Martin Luther King Jr.") end sentences as often as not:
// like initials and dotted acronyms, they end one only when a word that starts sentences comes next.
const nameEndings = new Set(['inc', 'corp', 'co', 'ltd', 'jr', 'sr', 'bros', 'assn', 'dept', 'univ', 'cie']);

// Words that start sentences but never carry on a name after an initial or an acronym ("U.S. Army" goes on, "U.S.
// The" does not). Elided forms keep their apostrophe.
const starters = new Set([
  // French
  'le', 'la', 'les', "l'", 'un', 'une', 'des', 'du', 'au', 'aux', 'ce', 'cet', 'cette', 'ces', "c'", 'ça', 'cela',
  'ceci', 'il', 'ils', 'elle', 'elles', 'on', 'nous', 'vous', 'je', "j'", 'tu', 'mais', 'et', 'ou', 'or', 'donc',
  'car', 'puis', 'ensuite', 'pour', 'par', 'dans', 'en', 'selon', 'si', "s'", 'quand', 'lorsque', "lorsqu'", 'alors',
  'ainsi', 'cependant', 'pourtant', 'toutefois', 'mon', 'ma', 'mes', 'son', 'sa', 'ses', 'leur', 'leurs', 'notre',
  'votre', 'vos', 'qui', 'que', "qu'", 'comment', 'pourquoi', 'où', 'depuis', 'après', 'avant', 'sur', 'sans',
  'avec', 'sous', 'chez', 'entre', 'tout', 'tous', 'toute', 'toutes', 'certains', 'plusieurs', 'aucun', 'chaque',
  "n'", "d'", 'à', 'dès', 'parmi', 'enfin',
  // English
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his',
  'her', 'their', 'our', 'my', 'your', 'but', 'and', 'so', 'yet', 'in', 'at', 'for', 'from', 'with', 'by', 'as',
  'if', 'when', 'while', 'after', 'before', 'since', 'however', 'meanwhile', 'there', 'here', 'what', 'who', 'why',
  'how', 'where', 'some', 'many', 'most', 'all', 'both', 'each', 'every', 'not', 'now', 'then', 'also', 'still',
  'although', 'though', 'because', 'despite', 'during', 'under', 'such', 'other', 'another',
]);

// Characters that may close a sentence after its final punctuation.
const closers = '»”"’\')]';
// What may open the next sentence: quotes, brackets or a dash, then an upper-case letter, a letter of a script without
// case (a quote in Arabic or Chinese), a digit or a currency sign ("$325m rescue package").
const nextSentence = /[\s\u00a0\u202f]+(?=[«“"'(\[—–-]?[\s\u00a0\u202f]*[\p{Lu}\p{Lo}\p{N}\p{Sc}])/uy;
// Text scraped from web pages often loses the break between paragraphs: "américains.Au lendemain". A sentence ending
// in a lower-case word, glued to a capitalized word, is cut there; "U.S.Army" or "Booking.com" are not.
const gluedSentence = /(?=\p{Lu}\p{Ll})/uy;
const gluedEnding = /\p{Ll}{2}[»”"’')\]]*[.!?…]+[»”"’')\]]*$/u;
// The first word after the gap, past opening quotes and brackets, with its apostrophe if elided ("L'armée").
const nextWord = /[«“"'(\[—–-]?[\s\u00a0\u202f]*(\p{L}+(?:['’](?=\p{L}))?)(\.?)/uy;
// A number, arabic or roman ("vol. II", "art. L. 121-1"); "I" alone is the English pronoun.
const nextNumber = /[«“"'(\[—–-]?[\s\u00a0\u202f]*(?:\p{N}|(?:[IVXLC]{2,}|[VXLC])(?=[\s.,;:)]|$))/uy;
const wordCharacter = /[\p{L}\p{N}.'’-]/u;

/** Splits a paragraph into sentences. Returns `[text]` (trimmed) when there is a single sentence. */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.trim();
  const sentences: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (!isTerminal(text, index)) continue;
    let end = index + 1;
    // Runs of terminal punctuation ("?!", "...") and closing quotes belong to the sentence they end.
    while (end < text.length && (isTerminalChar(text[end]!) || closers.includes(text[end]!) || isSpaceBeforeCloser(text, end))) {
      end++;
    }
    const gap = matchAt(nextSentence, text, end) ?? (gluedEnding.test(text.slice(start, end)) ? matchAt(gluedSentence, text, end) : null);
    if (gap === null) continue;
    if (char === '.' && !endsSentenceAfterPeriod(text, start, index, end + gap)) continue;
    sentences.push(text.slice(start, end).trim());
    start = end + gap;
    index = start - 1;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

// The length of a sticky pattern's match at `index`, or null.
function matchAt(pattern: RegExp, text: string, index: number): number | null {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0].length ?? null;
}

// Latin and the full stops, question and exclamation marks of the scripts a quote in a news article may come in.
const terminalCharacters = new Set(['.', '!', '?', '…', '。', '！', '？', '؟', '۔', '।']);

function isTerminalChar(char: string): boolean {
  return terminalCharacters.has(char);
}

function isTerminal(text: string, index: number): boolean {
  const char = text[index]!;
  if (!isTerminalChar(char)) return false;
  // "[…]" and "(...)" mark an elision inside a quote, not the end of a sentence.
  const before = text.slice(Math.max(0, index - 3), index);
  if ((char === '…' || char === '.') && /[[(](\.{0,2})$/.test(before)) return false;
  return true;
}

// French typography puts a (narrow) no-break space before a closing guillemet: "complices. »".
function isSpaceBeforeCloser(text: string, index: number): boolean {
  return /[\s\u00a0\u202f]/.test(text[index]!) && text[index + 1] === '»';
}

// Whether the period at `period` ends the sentence, given the word before it and what comes at `next`.
function endsSentenceAfterPeriod(text: string, start: number, period: number, next: number): boolean {
  let wordStart = period;
  while (wordStart > start && wordCharacter.test(text[wordStart - 1]!)) wordStart--;
  const whole = text.slice(wordStart, period);
  // After an apostrophe comes the word itself ("c'est", "l'art. 4", "l'U.S."), but a letter alone is no initial
  // there ("don't", "Kimura's").
  const apostrophe = Math.max(whole.lastIndexOf("'"), whole.lastIndexOf('’'));
  const word = whole.slice(apostrophe + 1);
  if (!word || (apostrophe >= 0 && word.length === 1)) return true;
  if (titles.has(word)) return false;
  // An acronym in capitals ("ICE", "BD", "AV") is a word.
  if (word.length > 1 && word === word.toUpperCase() && !word.includes('.') && !/\p{N}/u.test(word)) return true;
  // Initials ("J. Smith", "Henri V. Le roi"), dotted acronyms ("U.S. Army", "p.-d.g.") and the ends of names go on,
  // unless a word that starts sentences comes next.
  if (/^\p{Lu}$/u.test(word) || initials.has(word)) return startsSentence(text, next);
  const lower = word.toLowerCase();
  const phrase = afterWord[lower]?.test(text.slice(Math.max(start, wordStart - 6), wordStart));
  if (abbreviations.has(lower) || (phrase && lower === 'ex')) return false;
  if (/^(\p{L}{1,3}\.-?)+\p{L}{1,3}$/u.test(word) || nameEndings.has(lower) || (phrase && lower === 'al')) {
    return startsSentence(text, next);
  }
  // "p. 12", "n. 3", "art. 4", "sept. 2021"; a lower-case letter alone is an abbreviation too ("22 h. Il" ends).
  if (beforeNumber.has(lower) || /^\p{Ll}$/u.test(word)) return !matchAt(nextNumber, text, next);
  // List numbering: "1. Appelez…, 2. Supprimez…"; a year, "14:30" or "183,03" end sentences as usual.
  if (/^\d{1,2}$/.test(word)) {
    const before = text.slice(start, wordStart);
    if ((before === '' || /[\s(]$/.test(before)) && isListMarker(before)) return false;
  }
  return true;
}

// A number is a list marker when it starts the sentence or follows ":" / "," — "téléphone : 1. Appelez".
function isListMarker(before: string): boolean {
  const trimmed = before.trimEnd();
  return trimmed === '' || /[:,;]$/.test(trimmed);
}

// Whether the word at `next` is one that starts sentences; a capital followed by a period is another initial.
function startsSentence(text: string, next: number): boolean {
  nextWord.lastIndex = next;
  const match = nextWord.exec(text);
  if (!match || (match[1]!.length === 1 && match[2] === '.')) return false;
  const word = match[1]!.toLowerCase().replace('’', "'");
  return starters.has(word) || starters.has(word.replace("'", ''));
}
