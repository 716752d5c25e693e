import { formatNote, type Article, type Block } from '../article.js';
import { languageTag } from '../language/codes.js';
import type { SentencePair } from './pairs.js';
import { escapeXml } from './xml.js';

/** What XLIFF cannot hold as a character, written as its code point, as XLIFF 2 says. */
const codePoint = (character: string) => `<cp hex="${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}"/>`;

/**
 * An XLIFF 2.0 document of an article (core only, so any XLIFF 2 tool reads it): the article is the `<file>` (its
 * source path as `original`, its notes as notes), each block with a translated sentence a `<group>` with the block's
 * id (`p3`), each translated sentence a `<unit>` (`p3.2`) of one segment, its flags notes on the target.
 */
export function renderXliff(article: Article, pairs: readonly SentencePair[]): string {
  const source = languageTag(pairs[0]?.language ?? article.language?.code ?? 'und');
  const groups: string[] = [];
  let current: Block | undefined;
  for (const pair of pairs) {
    if (pair.block !== current) {
      if (current) groups.push('    </group>');
      current = pair.block;
      groups.push(`    <group id="${escapeXml(current.id)}" name="${escapeXml(current.id)}" type="bitext:${current.kind}">`);
    }
    groups.push(renderUnit(pair));
  }
  if (current) groups.push('    </group>');
  // A <file> holds at least one unit or group: an article with nothing translated gets an empty group that says so.
  else groups.push('    <group id="untranslated" name="nothing translated"/>');
  const notes = article.notes.map((note) => `      <note category="${escapeXml(note.stage)}">${escapeXml(formatNote(note), codePoint)}</note>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="${escapeXml(source)}" trgLang="en">`,
    `  <file id="article" original="${escapeXml(article.source.display)}">`,
    ...(notes.length ? ['    <notes>', ...notes, '    </notes>'] : []),
    ...groups,
    '  </file>',
    '</xliff>',
    '',
  ].join('\n');
}

function renderUnit(pair: SentencePair): string {
  const flags = pair.flags.map((flag) => `          <note category="${escapeXml(flag.kind)}" appliesTo="target">${escapeXml(flag.detail, codePoint)}</note>`);
  return [
    `      <unit id="${escapeXml(pair.key)}" name="${escapeXml(pair.key)}">`,
    ...(flags.length ? ['        <notes>', ...flags, '        </notes>'] : []),
    `        <segment state="translated"${flags.length ? ' subState="bitext:flagged"' : ''}>`,
    `          <source>${escapeXml(pair.source, codePoint)}</source>`,
    `          <target>${escapeXml(pair.translation, codePoint)}</target>`,
    '        </segment>',
    '      </unit>',
  ].join('\n');
}
