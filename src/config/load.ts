import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, UsageError } from '../errors.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { describeIssues, type Problem } from '../diagnostics/problems.js';
import { checkStages, type StageConfig } from '../pipeline/check.js';
import { resolveConfig, type Overrides, type ResolvedConfig } from './resolve.js';
import { configSchema, topLevelKeys, type ParsedConfig } from './schema.js';

/** The result of checking a config's text: every problem, and the parsed config when there are no errors. */
export interface CheckedConfig {
  diagnostics: Diagnostic[];
  parsed?: ParsedConfig;
  stages?: StageConfig[];
}

/** Reads, checks and resolves a config file; throws a ConfigError listing every problem. */
export async function loadConfig(file: string, overrides: Overrides, cwd: string): Promise<ResolvedConfig> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    throw new UsageError(`Config file ${file} ${reason}; pass one with --config FILE`, { cause: error });
  }
  const checked = checkConfig(text, displayPath(absolute, cwd));
  if (checked.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) throw new ConfigError(checked.diagnostics);
  return resolveConfig(absolute, checked.parsed!, checked.stages!, overrides, cwd);
}

/** Checks a config's text without touching the file system; `file` is the name diagnostics carry. */
export function checkConfig(text: string, file: string): CheckedConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, problem: Omit<Diagnostic, 'file' | 'line' | 'column' | 'severity'>, severity: Diagnostic['severity'] = 'error'): Diagnostic => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, severity, ...problem };
  };

  const syntax = [...document.errors.map((error) => ({ error, severity: 'error' as const })), ...document.warnings.map((error) => ({ error, severity: 'warning' as const }))];
  const diagnostics = syntax.map(({ error, severity }) =>
    at(error.pos[0], { message: `${firstLine(error.message)}`, rule: error.code === 'DUPLICATE_KEY' ? 'config/duplicate-key' : 'config/yaml-syntax' }, severity),
  );
  // After a syntax error the tree is a guess; checking it would report problems that are not there.
  if (document.errors.length) return { diagnostics: sortDiagnostics(diagnostics) };

  const locate = (problem: Problem): Diagnostic => at(offsetOf(document, problem), { message: problem.message, rule: problem.rule });
  let data: unknown;
  try {
    data = document.toJS() ?? {};
  } catch (error) {
    // yaml refuses to expand more aliases than a config could need (a "billion laughs" document).
    diagnostics.push(at(0, { message: `${firstLine((error as Error).message)}; a config needs no more than a few aliases`, rule: 'config/yaml-syntax' }));
    return { diagnostics };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push(at(0, { message: 'Expected the config to be a mapping of keys (`input`, `stages`, …)', rule: 'config/invalid-type' }));
    return { diagnostics };
  }
  const result = configSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    diagnostics.push(...describeIssues(result.error.issues, { name: 'the config', base: [], keys: topLevelKeys }).map(locate));
  }
  const entries = (data as { stages?: unknown }).stages;
  const stages = Array.isArray(entries) ? checkStages(entries) : undefined;
  if (stages) diagnostics.push(...stages.problems.map(locate));
  return {
    diagnostics: sortDiagnostics(diagnostics),
    ...(result.success && stages && !stages.problems.length ? { parsed: result.data, stages: stages.stages } : {}),
  };
}

/** Where a problem points: the key itself for unknown keys, else the value (or, when it is missing, its parent). */
function offsetOf(document: Document, problem: Problem): number {
  let path = problem.path;
  for (;;) {
    if (problem.atKey && path.length) {
      const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
        const key = pair?.key as Node | undefined;
        if (key?.range) return key.range[0];
      }
    }
    const node = (path.length ? document.getIn(path, true) : document.contents) as Node | null | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
    if (!path.length) return 0;
    path = path.slice(0, -1);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** A path as the user should see it: relative to the working folder when inside it or beside it, else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const climbs = relative.split(path.sep).filter((part) => part === '..').length;
  return relative && climbs <= 1 && !path.isAbsolute(relative) ? relative : absolute;
}
