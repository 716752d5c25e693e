import type { Article, Block, Flag } from '../article.js';
import { flagKinds, flagMeanings } from '../integrity/index.js';
import { escapeBlock } from './escape.js';
import { paragraphLink } from './labels.js';

/** The mark a flagged sentence carries in the English: `⚠` and its kinds, so a reader sees where to look. */
export function flagMark(flags: readonly Flag[] | undefined, italic = false): string {
  if (!flags?.length) return '';
  const kinds = [...new Set(flags.map((flag) => flag.kind))].join(', ');
  return italic ? ` ⚠ ${kinds}` : ` ⚠*${kinds}*`;
}

/** Every flagged sentence of an article, in reading order, with its block. */
export function flaggedSentences(article: Article): { block: Block; index: number; flags: readonly Flag[]; translation: string }[] {
  return article.blocks.flatMap((block) => block.sentences.flatMap((sentence, index) =>
    sentence.flags?.length ? [{ block, index, flags: sentence.flags, translation: sentence.translation ?? '' }] : []));
}

/**
 * The list of flagged sentences at the end of the page, each linked to its paragraph with what the check found, and
 * the legend of the kinds that appear.
 */
export function renderFlags(article: Article): string | undefined {
  const flagged = flaggedSentences(article);
  if (!flagged.length) return undefined;
  const kinds = flagKinds.filter((kind) => flagged.some((item) => item.flags.some((flag) => flag.kind === kind)));
  const where = (block: Block) => (block.kind === 'title' ? 'Title' : paragraphLink(block));
  return [
    '## Checked: sentences to read twice',
    '',
    `⚠ marks a translated sentence the check flagged beside its source (flags never change a translation):`,
    '',
    ...kinds.map((kind) => `- **${kind}**: ${flagMeanings[kind]}`),
    '',
    ...flagged.map(({ block, index, flags, translation }) =>
      `- ${where(block)}, sentence ${index + 1}: ${byKind(flags).map(([kind, details]) => `**${kind}** ${escapeBlock(details.join(', '))}`).join('; ')} — “${escapeBlock(translation)}”`),
    '',
  ].join('\n');
}

/** A sentence's flags grouped by kind, in the order they came: two numbers missing read as one `number` item. */
function byKind(flags: readonly Flag[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const flag of flags) groups.set(flag.kind, [...(groups.get(flag.kind) ?? []), flag.detail]);
  return [...groups];
}
