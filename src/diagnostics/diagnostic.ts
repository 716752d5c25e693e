/** Every rule a configuration (or glossary) problem can break: a closed set, so that a typo does not compile. */
export const rules = [
  'config/yaml-syntax',
  'config/duplicate-key',
  'config/unknown-key',
  'config/missing-key',
  'config/invalid-type',
  'config/invalid-value',
  'config/unknown-stage',
  'config/invalid-stage',
  'config/unknown-option',
  'config/duplicate-stage',
  'config/missing-stage',
  'config/stage-order',
  'glossary/invalid-line',
  'glossary/unknown-key',
  'glossary/duplicate-term',
  'glossary/encoding',
] as const;

export type Rule = (typeof rules)[number];

/** One problem found in a configuration file, located by line and column (both from 1). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  rule: Rule;
}

/** Formats a diagnostic compiler-style: `FILE:LINE:COL severity message [rule]`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const { file, line, column, severity, message, rule } = diagnostic;
  return `${file}:${line}:${column} ${severity} ${message} [${rule}]`;
}

/** Sorts diagnostics by position so a user reads them top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
}
