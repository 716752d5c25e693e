/** The published scores `bitext eval` shows beside its own, for a known test set. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunContext } from '../context.js';
import { UsageError } from '../errors.js';
import { publishedScoresFor, readPublishedScores, type PublishedScore } from '../metrics/published-scores.js';
import { recogniseTestSet } from '../metrics/test-sets.js';

/** Where the published scores are when ../shared sits beside the project (development machines, CI). */
const sharedScores = fileURLToPath(new URL('../../../shared/eval/scores/opus-mt-fr-en_published_scores.tsv', import.meta.url));

/** The published scores named by --scores (refused, with the reason, when they cannot be read), or ../shared's when there. */
export async function readScores(file: string | undefined, context: RunContext): Promise<PublishedScore[] | undefined> {
  const scoresFile = file ? path.resolve(context.cwd, file) : existsSync(sharedScores) ? sharedScores : undefined;
  if (!scoresFile) return undefined;
  try {
    return await readPublishedScores(scoresFile);
  } catch (error) {
    if (!file) return undefined;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--scores ${file} cannot be read as published scores (${reason}); give a file in the OPUS-MT leaderboard format, or leave --scores out`, { cause: error });
  }
}

/** The published scores of the model on the test set the files are, when they are a known one and scores are found. */
export function publishedFor(scores: readonly PublishedScore[] | undefined, sources: readonly string[], references: readonly string[], model: string | undefined): (PublishedScore & { testSet: string }) | undefined {
  if (!scores) return undefined;
  const match = recogniseTestSet({ source: sources, reference: references });
  if (!match || match.differs.length) return undefined;
  const [score] = publishedScoresFor(scores, match.testSet, model ?? 'Xenova/opus-mt-fr-en');
  return score && { ...score, testSet: match.testSet.name };
}
