import type { Article } from '../article.js';
import { languageTag } from '../language/codes.js';
import { tool } from '../version.js';
import type { SentencePair } from './pairs.js';
import { escapeXml } from './xml.js';

/**
 * A TMX 1.4b translation memory of an article: one translation unit per translated sentence, its article, paragraph
 * and sentence kept as properties (`x-bitext-article`, `x-bitext-paragraph`, `x-bitext-sentence`), each flag of the
 * check a note. No date is written, so the same article gives the same bytes.
 */
export function renderTmx(article: Article, pairs: readonly SentencePair[]): string {
  const languages = new Set(pairs.map((pair) => languageTag(pair.language)));
  const source = languages.size === 1 ? [...languages][0]! : languages.size ? '*all*' : languageTag(article.language?.code ?? 'und');
  const units = pairs.map((pair) => {
    const id = `${article.source.display}#${pair.key}`;
    return [
      `    <tu tuid="${escapeXml(id)}" srclang="${escapeXml(languageTag(pair.language))}">`,
      `      <prop type="x-bitext-article">${escapeXml(article.source.display)}</prop>`,
      `      <prop type="x-bitext-paragraph">${escapeXml(pair.block.id)}</prop>`,
      `      <prop type="x-bitext-sentence">${pair.sentence}</prop>`,
      ...pair.flags.map((flag) => `      <note>${escapeXml(`${flag.kind}: ${flag.detail}`)}</note>`),
      `      <tuv xml:lang="${escapeXml(languageTag(pair.language))}"><seg>${escapeXml(pair.source)}</seg></tuv>`,
      `      <tuv xml:lang="en"><seg>${escapeXml(pair.translation)}</seg></tuv>`,
      '    </tu>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header creationtool="${escapeXml(tool.name)}" creationtoolversion="${escapeXml(tool.version)}" segtype="sentence" o-tmf="${escapeXml(tool.name)}" adminlang="en" srclang="${escapeXml(source)}" datatype="plaintext">`,
    `    <prop type="x-bitext-article">${escapeXml(article.source.display)}</prop>`,
    '  </header>',
    '  <body>',
    ...units,
    '  </body>',
    '</tmx>',
    '',
  ].join('\n');
}
