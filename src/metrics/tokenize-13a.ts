import { splitWords } from './whitespace.js';

// sacrebleu/tokenizers/tokenizer_re.py, in its order. The first class is sacreBLEU's `[\{-\~\[-\` -\&\(-\+\:-\@\/]`
// written with code points: { | } ~, [ \ ] ^ _ `, space ! " # $ % &, ( ) * +, : ; < = > ? @, and /.
const rules: [RegExp, string][] = [
  [/([\x7b-\x7e\x5b-\x60\x20-\x26\x28-\x2b\x3a-\x40\x2f])/gu, ' $1 '],
  // A period or comma is split off unless a digit is on both sides of it (3.5 and 1,000 stay whole).
  [/([^0-9])([.,])/gu, '$1 $2 '],
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // A dash after a digit is split off (2014-2015), any other stays inside its word (e-mail).
  [/([0-9])(-)/gu, '$1 $2 '],
];

/**
 * Tokenizes a segment as sacreBLEU's `13a` tokenizer does (mteval-v13a as sacreBLEU implements it): the four SGML
 * entities unescaped, punctuation split off, tokens joined by single spaces.
 */
export function tokenize13a(segment: string): string {
  let line = segment.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  line = ` ${line} `;
  for (const [pattern, replacement] of rules) line = line.replace(pattern, replacement);
  return splitWords(line).join(' ');
}
