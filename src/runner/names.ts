import { sameRendering } from '../integrity/index.js';

/** A name of the batch's sources: each way it was rendered, in how many articles, and whether they disagree. */
export interface NameSummary {
  name: string;
  renderings: { text: string | null; articles: number }[];
  /** Rendered two ways that are not one inside the other ("Ayrault", "Airault"; not "Merkel", "Angela Merkel"). */
  inconsistent: boolean;
}

/**
 * The names of the articles written or unchanged, from their records (`names`: name → its renderings), the ones rendered two ways
 * first, then the most used.
 */
export function summarizeNames(records: readonly { status: string; names?: Record<string, (string | null)[]> }[]): NameSummary[] {
  const byName = new Map<string, Map<string | null, number>>();
  for (const record of records) {
    if ((record.status !== 'written' && record.status !== 'unchanged') || !record.names) continue;
    for (const [name, renderings] of Object.entries(record.names)) {
      const counts = byName.get(name) ?? new Map<string | null, number>();
      for (const rendering of new Set(renderings)) counts.set(rendering, (counts.get(rendering) ?? 0) + 1);
      byName.set(name, counts);
    }
  }
  const names = [...byName].map(([name, counts]): NameSummary => {
    // The most used first; ties in a fixed order, whatever order the articles ended in.
    const renderings = [...counts].map(([text, articles]) => ({ text, articles }))
      .sort((a, b) => b.articles - a.articles || (a.text === null ? 1 : b.text === null ? -1 : a.text.localeCompare(b.text)));
    const found = renderings.map((rendering) => rendering.text).filter((text): text is string => text !== null);
    const inconsistent = groups(found, (a, b) => sameRendering(a, b, name)) > 1;
    return { name, renderings, inconsistent };
  });
  const uses = (summary: NameSummary) => summary.renderings.reduce((total, rendering) => total + rendering.articles, 0);
  return names.sort((a, b) => Number(b.inconsistent) - Number(a.inconsistent) || uses(b) - uses(a) || a.name.localeCompare(b.name));
}

/** How many groups the texts fall into when any two that agree are together ("France", "Frances", "French": one). */
function groups(texts: readonly string[], agree: (a: string, b: string) => boolean): number {
  const parent = texts.map((_, index) => index);
  const root = (index: number): number => (parent[index] === index ? index : (parent[index] = root(parent[index]!)));
  for (let a = 0; a < texts.length; a++) {
    for (let b = a + 1; b < texts.length; b++) if (agree(texts[a]!, texts[b]!)) parent[root(a)] = root(b);
  }
  return new Set(texts.map((_, index) => root(index))).size;
}
