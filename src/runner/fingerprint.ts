import type { Glossary } from '../glossary/glossary.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { shippedModelFile } from '../language/model.js';
import { modelIdentity } from '../models/identity.js';
import { modelsOf, type StageConfig } from '../pipeline/models.js';
import { tool } from '../version.js';

/** What a run's fingerprint is made of, kept apart so that two runs that differ can say where. */
export interface FingerprintParts {
  tool: string;
  stages: readonly StageConfig[];
  /** Per model the stages load: its label, then `file:size:mtimeMs` per file. */
  models: string[];
  /** SHA-256 of the shipped language model, when a stage detects languages. */
  language: string | null;
  /** SHA-256 of the glossary, when there is one. */
  glossary?: string;
}

/**
 * What an output depends on besides its input file, as one hash: the tool's version, every stage and its options,
 * the model files the stages load (name, size, modification time) and the shipped language model. Computed once
 * per run; an article's fingerprint adds its input's SHA-256.
 */
export async function runFingerprint(stages: readonly StageConfig[], models: string, glossary?: Glossary): Promise<string> {
  return fingerprintOf(await fingerprintParts(stages, models, glossary));
}

/** The parts of a run's fingerprint. */
export async function fingerprintParts(stages: readonly StageConfig[], models: string, glossary?: Glossary): Promise<FingerprintParts> {
  const identities = await Promise.all(modelsOf(stages).map((need) => modelIdentity(models, need, need.files)));
  const detects = stages.some((stage) => stage.name === 'detect-language');
  const language = detects ? sha256(await readFile(shippedModelFile)) : null;
  // Without a glossary, the fingerprint is what it was before glossaries: outputs already written stay unchanged.
  return { tool: `${tool.name} ${tool.version}`, stages, models: identities, language, ...(glossary ? { glossary: glossary.sha256 } : {}) };
}

/** A run's fingerprint from its parts. */
export function fingerprintOf(parts: FingerprintParts): string {
  // With a glossary, it also says that its terms are held in decoding (they were only checked before): outputs made
  // before that are redone once.
  const terms = parts.glossary ? { glossary: parts.glossary, terms: 'held in decoding' } : {};
  return sha256(JSON.stringify({ tool: parts.tool, stages: parts.stages, models: parts.models, language: parts.language, ...terms }));
}

/** An article's fingerprint: its input's SHA-256 under the run's fingerprint. */
export function articleFingerprint(run: string, sourceSha256: string): string {
  return sha256(`${run}\n${sourceSha256}`);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
