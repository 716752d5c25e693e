import path from 'node:path';
import { escapeBlock } from '../markdown/escape.js';
import { fileUrl } from '../html/escape.js';
import { countsLine, endingLine, fileLabel, flagsLine, languageLine, statusLabel, type DigestItem, type DigestRun } from './items.js';

/** The digest as Markdown: one section per article, its title linking to its page, with what a desk editor scans for. */
export function renderDigestMarkdown(items: readonly DigestItem[], run: DigestRun): string {
  const ending = endingLine(run);
  const lines = [
    '# Digest',
    '',
    `${countsLine(items)} · ${run.finished.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    '',
    ...(ending ? [`> ${escapeBlock(ending)}`, ''] : []),
  ];
  for (const item of items) lines.push(...renderItem(item), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderItem(item: DigestItem): string[] {
  const entry = item.entry;
  const name = entry?.title ?? `Untitled (${path.basename(item.source)})`;
  const link = item.files[0];
  const heading = link ? `## [${escapeLink(name)}](<${fileUrl(link)}>)` : `## ${escapeBlock(name)}`;
  const lines = [heading];
  if (entry?.englishTitle !== undefined) lines.push(`*${escapeBlock(entry.englishTitle)}*`);
  lines.push('');
  const status = statusLabel(item);
  const facts = [
    ...(status ? [`**${escapeBlock(status)}**`] : []),
    ...(entry?.date ? [escapeBlock(entry.date)] : []),
    ...(entry && languageLine(entry) ? [languageLine(entry)!] : []),
    ...(entry ? [`${entry.words.toLocaleString('en-US')} words`] : []),
    ...(entry && flagsLine(entry) ? [flagsLine(entry)!] : []),
    `\`${item.source.replace(/`/g, "'")}\``,
  ];
  lines.push(facts.join(' · '));
  if (entry?.summary.sentences.length) lines.push('', `> ${escapeBlock(entry.summary.sentences.join(' ')).replace(/\n/g, ' ')}`);
  if (item.files.length) lines.push('', item.files.map((file) => `[${fileLabel(file)}](<${fileUrl(file)}>)`).join(' · '));
  return lines;
}

/** Link text: brackets and line breaks would end it. */
function escapeLink(text: string): string {
  return escapeBlock(text).replace(/[[\]]/g, '\\$&').replace(/\n/g, ' ');
}
