import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Glossary } from '../../src/glossary/glossary.js';
import { parseGlossary } from '../../src/glossary/parse.js';

/** A glossary file read as a run reads it; one with a problem stops the script, its problems listed. */
export function readGlossaryFile(file: string): Glossary {
  const bytes = readFileSync(file);
  const { entries, diagnostics } = parseGlossary(bytes.toString('utf8'), file);
  if (diagnostics.length) throw new Error(diagnostics.map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.message}`).join('\n'));
  return { file, entries, sha256: createHash('sha256').update(bytes).digest('hex') };
}
