import type { Glossary } from '../glossary/glossary.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { shippedModelFile } from '../language/model.js';
import { modelIdentity } from '../models/identity.js';
import { modelsOf, type StageConfig } from '../pipeline/models.js';
import { tool } from '../version.js';

/**
 * What an output depends on besides its input file, as one hash: the tool's version, every stage and its options,
 * the model files the stages load (name, size, modification time) and the shipped language model. Computed once
 * per run; an article's fingerprint adds its input's SHA-256.
 */
export async function runFingerprint(stages: readonly StageConfig[], models: string, glossary?: Glossary): Promise<string> {
  const identities = await Promise.all(modelsOf(stages).map((need) => modelIdentity(models, need, need.files)));
  const detects = stages.some((stage) => stage.name === 'detect-language');
  const language = detects ? sha256(await readFile(shippedModelFile)) : null;
  // Without a glossary, the fingerprint is what it was before glossaries: outputs already written stay unchanged. With
  // one, it says that its terms are held in decoding (they were only checked before): those outputs are redone once.
  const terms = glossary ? { glossary: glossary.sha256, terms: 'held in decoding' } : {};
  return sha256(JSON.stringify({ tool: `${tool.name} ${tool.version}`, stages, models: identities, language, ...terms }));
}

/** An article's fingerprint: its input's SHA-256 under the run's fingerprint. */
export function articleFingerprint(run: string, sourceSha256: string): string {
  return sha256(`${run}\n${sourceSha256}`);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
