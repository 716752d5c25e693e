import { languageName } from '../markdown/escape.js';
import type { DigestEntry } from './entry.js';

/** How an article stands after a run, as the run report says it. */
export type DigestStatus = 'written' | 'unchanged' | 'edited' | 'failed' | 'not-run';

/** One article of the batch, as its digest lists it. */
export interface DigestItem {
  /** The input, as shown to the user. */
  source: string;
  status: DigestStatus;
  /** Why it failed, or why it was kept. */
  reason?: string;
  /** Its outputs that are there, relative to the output folder (`sub/article.html`), the reader's page first. */
  files: string[];
  /** What it holds; none when bitext has no record of it (it failed, or never ran). */
  entry?: DigestEntry;
}

/** How the run ended, for the digest's first lines. */
export interface DigestRun {
  finished: Date;
  interrupted?: string;
  stopped?: string;
}

/** What a status says to a reader of the digest; nothing for an article written or unchanged. */
export function statusLabel(item: DigestItem): string | undefined {
  switch (item.status) {
    case 'edited':
      return 'edited by hand, kept';
    case 'failed':
      return `failed${item.reason ? `: ${item.reason}` : ''}`;
    case 'not-run':
      return item.files.length ? 'not run to the end (the outputs linked may be from an earlier run)' : 'not run';
    default:
      return undefined;
  }
}

/** The counts of a run's articles by status: `5 articles: 3 written, 2 unchanged`. */
export function countsLine(items: readonly DigestItem[]): string {
  const statuses: DigestStatus[] = ['written', 'unchanged', 'edited', 'failed', 'not-run'];
  const parts = statuses.map((status) => [status, items.filter((item) => item.status === status).length] as const).filter(([, count]) => count);
  return `${items.length} article${items.length === 1 ? '' : 's'}${parts.length ? `: ${parts.map(([status, count]) => `${count} ${status}`).join(', ')}` : ''}`;
}

/** The flags of an article in a few words: `2 sentences flagged (number 1, name 1)`; nothing if it was not checked. */
export function flagsLine(entry: DigestEntry): string | undefined {
  if (!entry.flagged) return undefined;
  const { sentences, kinds } = entry.flagged;
  if (!sentences) return 'no sentence flagged';
  return `${sentences} sentence${sentences === 1 ? '' : 's'} flagged (${Object.entries(kinds).map(([kind, count]) => `${kind} ${count}`).join(', ')})`;
}

/** How the run ended, in a line, when it did not end on its own. */
export function endingLine(run: DigestRun): string | undefined {
  if (run.interrupted) return `This run was interrupted (${run.interrupted}): the articles not run are listed as such.`;
  if (run.stopped) return `This run stopped before the end: ${run.stopped}`;
  return undefined;
}

/** Names of output files as links name them: the page, the Markdown, then the exports. */
export function fileLabel(file: string): string {
  const extension = file.slice(file.lastIndexOf('.'));
  return ({ '.html': 'page', '.md': 'Markdown', '.tmx': 'TMX', '.xlf': 'XLIFF', '.jsonl': 'JSONL' } as Record<string, string>)[extension] ?? extension;
}

/** The article's language and the detector's confidence, or the languages it mixes with their shares. */
export function languageLine(entry: DigestEntry): string | undefined {
  if (entry.languages) return entry.languages.map((share) => `${languageName(share.code)} ${Math.round(share.share * 100)}%`).join(', ');
  return entry.language ? `${languageName(entry.language.code)} (${entry.language.code}, ${entry.language.confidence.toFixed(2)})` : undefined;
}
