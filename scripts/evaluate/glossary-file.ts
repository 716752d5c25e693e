import { readFileSync } from 'node:fs';
import type { Glossary } from '../../src/glossary/glossary.js';
import { glossaryFromBytes } from '../../src/glossary/parse.js';

/** A glossary file read as a run reads it; one with a problem stops the script, its problems listed. */
export function readGlossaryFile(file: string): Glossary {
  const { glossary, diagnostics } = glossaryFromBytes(readFileSync(file), file);
  if (diagnostics.length) throw new Error(diagnostics.map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.message}`).join('\n'));
  return glossary;
}
