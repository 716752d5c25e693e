import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { FingerprintParts } from '../runner/fingerprint.js';

/** A run says it is alive this often; a word not renewed for a minute is gone, and so is the run. */
const renewEvery = 10_000;
const lasts = 60_000;

/** What a queued run says of itself in Redis while it lives, for its workers. */
const presenceSchema = z.object({
  /** The token of the output folder's lock: a worker writes only while the folder's lock names it. */
  token: z.string(),
  fingerprint: z.string(),
  parts: z.object({ tool: z.string(), stages: z.array(z.unknown()), models: z.array(z.string()), language: z.string().nullable(), glossary: z.string().optional() }),
  host: z.string(),
  pid: z.number(),
  output: z.string(),
});

export type Presence = z.infer<typeof presenceSchema>;

const key = (run: string) => `bitext:run:${run}`;

/**
 * Says in Redis that a run holds its output folder, renewed while it lives; `end()` takes the word back (only if it
 * is still this run's). A run killed outright stops renewing it, and its workers find it gone within a minute.
 */
export async function announce(client: Redis, run: string, presence: Presence): Promise<{ end(): Promise<void> }> {
  const text = JSON.stringify(presence);
  await client.set(key(run), text, 'PX', lasts);
  const timer = setInterval(() => void client.set(key(run), text, 'PX', lasts).catch(() => undefined), renewEvery);
  timer.unref();
  return {
    async end() {
      clearInterval(timer);
      if ((await client.get(key(run))) === text) await client.del(key(run));
    },
  };
}

/** The run that holds an output folder now, as it said; undefined when none does. */
export async function presenceOf(client: Redis, run: string): Promise<Presence | undefined> {
  const text = await client.get(key(run));
  if (!text) return undefined;
  try {
    const parsed = presenceSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of a fingerprint as a presence carries them. */
export function carriedParts(parts: FingerprintParts): Presence['parts'] {
  return { tool: parts.tool, stages: [...parts.stages], models: parts.models, language: parts.language, ...(parts.glossary ? { glossary: parts.glossary } : {}) };
}
