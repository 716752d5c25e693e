import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { ConfigError, UsageError } from '../errors.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { describeIssues, type Problem } from '../diagnostics/problems.js';
import { checkStages, type StageConfig } from '../pipeline/check.js';
import { resolveConfig, type Overrides, type ResolvedConfig } from './resolve.js';
import { readRegularFile, SpecialFileError } from '../files/regular-file.js';
import { glossaryFromBytes } from '../glossary/parse.js';
import { configSchema, topLevelKeys, type ParsedConfig } from './schema.js';
import { describeSyntaxErrors } from './syntax.js';

/** The result of checking a config's text: every problem, and the parsed config when there are no errors. */
export interface CheckedConfig {
  diagnostics: Diagnostic[];
  parsed?: ParsedConfig;
  stages?: StageConfig[];
  /** Where the config names its glossary, for a glossary that cannot be read. */
  glossaryAt?: { line: number; column: number };
}

/** The commented default pipeline shipped with bitext, at the package's root (one folder above `src/` and `dist/`). */
export const builtInConfigFile = fileURLToPath(new URL('../../pipeline.yaml', import.meta.url));

/**
 * Reads, checks and resolves a config file; throws a ConfigError listing every problem. With `builtIn`, a missing
 * file is no error: the shipped defaults apply, with paths relative to the working folder (`bitext init` writes them
 * out to edit).
 */
export async function loadConfig(file: string, overrides: Overrides, cwd: string, options: { builtIn?: boolean } = {}): Promise<ResolvedConfig> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.builtIn) return loadBuiltIn(absolute, overrides, cwd);
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    throw new UsageError(`Config file ${file} ${reason}; pass one with --config FILE, or write the default one with \`bitext init\``, { cause: error });
  }
  const checked = checkConfig(text, displayPath(absolute, cwd));
  if (checked.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) throw new ConfigError(checked.diagnostics);
  const resolved = resolveConfig(absolute, checked.parsed!, checked.stages!, overrides, cwd);
  return withGlossary(resolved, overrides.glossary ? path.resolve(cwd, overrides.glossary) : checked.parsed!.glossary && path.resolve(path.dirname(absolute), checked.parsed!.glossary), cwd, checked.glossaryAt);
}

/**
 * Reads and checks the glossary the config (or `--glossary`) names: its problems are the config's, each located in
 * the glossary file; a glossary that cannot be read is located at the config's `glossary:` key.
 */
/** The most a glossary file may hold: a million terms are some 30 MB. */
const maxGlossaryBytes = 100 * 2 ** 20;

class GlossaryTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`${bytes} bytes`);
  }
}

async function withGlossary(config: ResolvedConfig, file: string | undefined, cwd: string, at?: { line: number; column: number }): Promise<ResolvedConfig> {
  if (!file) return config;
  const shown = displayPath(file, cwd);
  let bytes: Buffer;
  try {
    // A pipe or a device (/dev/zero) would block or never end: only a regular file of sensible size is read.
    bytes = await readRegularFile(file, maxGlossaryBytes, (size) => {
      throw new GlossaryTooLarge(size);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = error instanceof SpecialFileError ? (error.kind === 'a folder' ? 'is a folder' : `is ${error.kind}, not a file`)
      : error instanceof GlossaryTooLarge ? `holds ${Math.ceil(error.bytes / 2 ** 20)} MB, more than a glossary's ${maxGlossaryBytes / 2 ** 20} MB`
      : code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    const message = `The glossary ${shown} ${reason}; write one (README, "Glossary") or remove \`glossary\``;
    if (!at) throw new UsageError(message, { cause: error });
    throw new ConfigError([{ file: displayPath(config.file, cwd), ...at, severity: 'error', message, rule: 'config/invalid-value' }]);
  }
  const { glossary, diagnostics } = glossaryFromBytes(bytes, file, shown);
  if (diagnostics.length) throw new ConfigError(sortDiagnostics(diagnostics));
  return { ...config, glossary };
}

async function loadBuiltIn(absolute: string, overrides: Overrides, cwd: string): Promise<ResolvedConfig> {
  const checked = checkConfig(await readFile(builtInConfigFile, 'utf8'), 'built-in pipeline.yaml');
  if (!checked.parsed) throw new ConfigError(checked.diagnostics);
  return withGlossary({ ...resolveConfig(absolute, checked.parsed, checked.stages!, overrides, cwd), builtIn: true }, overrides.glossary && path.resolve(cwd, overrides.glossary), cwd);
}

/** Checks a config's text without touching the file system; `file` is the name diagnostics carry. */
export function checkConfig(text: string, file: string): CheckedConfig {
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *defaults`) are how a YAML user shares options between entries. Duplicated keys are found
  // below, in one pass: yaml's own check compares every key with every other.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const at = (offset: number, problem: Omit<Diagnostic, 'file' | 'line' | 'column' | 'severity'>, severity: Diagnostic['severity'] = 'error'): Diagnostic => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, severity, ...problem };
  };

  const diagnostics = describeSyntaxErrors(document.errors, document.warnings, text, lineCounter).map((problem) =>
    at(problem.offset, { message: problem.message, rule: 'config/yaml-syntax' }, problem.severity),
  );
  const duplicates = duplicateKeys(document).map(({ name, key, first }) =>
    at(key, { message: `Key \`${name}\` is given twice (first on line ${lineCounter.linePos(first).line}); keep one`, rule: 'config/duplicate-key' }));
  diagnostics.push(...duplicates);
  // After a syntax error, or with a key given twice, the tree is a guess: checking it would report problems that
  // are not there.
  if (document.errors.length || duplicates.length) return { diagnostics: sortDiagnostics(diagnostics) };

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
  }  // Keys that only hold anchors for the rest to refer to (`defaults: &tr {…}`), and `x-` keys, are the user's own.
  for (const name of ownKeys(document)) delete (data as Record<string, unknown>)[name];

  const result = configSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    diagnostics.push(...describeIssues(result.error.issues, { name: 'the config', base: [], keys: topLevelKeys }).map(locate));
  }
  const entries = (data as { stages?: unknown }).stages;
  const stages = Array.isArray(entries) ? checkStages(entries) : undefined;
  if (stages) diagnostics.push(...stages.problems.map(locate));
  const glossary = isMap(document.contents) ? (document.contents.get('glossary', true) as Node | undefined) : undefined;
  const glossaryAt = glossary?.range ? lineCounter.linePos(glossary.range[0]) : undefined;
  return {
    diagnostics: sortDiagnostics(diagnostics),
    ...(result.success && stages && !stages.problems.length ? { parsed: result.data, stages: stages.stages } : {}),
    ...(glossaryAt ? { glossaryAt: { line: glossaryAt.line, column: glossaryAt.col } } : {}),
  };
}

/** Where a problem points: the key itself for unknown keys, else the value (or, when it is missing, its parent). */
function offsetOf(document: Document, problem: Problem): number {
  let path = problem.path;
  for (;;) {
    if (problem.atKey && path.length) {
      const parent = path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents;
      if (isMap(parent)) {
        const key = keysOf(parent).get(path[path.length - 1]!);
        if (key?.range) return key.range[0];
      }
    }
    const node = (path.length ? document.getIn(path, true) : document.contents) as Node | null | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
    if (!path.length) return 0;
    path = path.slice(0, -1);
  }
}

// A mapping's keys by name, found once: a config with thousands of unknown keys is located in linear time.
const keyIndex = new WeakMap<object, Map<unknown, Node>>();
function keysOf(map: YAMLMap): Map<unknown, Node> {
  let keys = keyIndex.get(map);
  if (!keys) {
    keys = new Map();
    for (const item of map.items) if (isScalar(item.key) && !keys.has(item.key.value)) keys.set(item.key.value, item.key as Node);
    keyIndex.set(map, keys);
  }
  return keys;
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

/** Top-level keys bitext leaves to the user: those whose value carries an anchor, and those named `x-…`. */
function ownKeys(document: Document): string[] {
  if (!isMap(document.contents)) return [];
  return document.contents.items
    .filter((pair) => isScalar(pair.key) && (String(pair.key.value).startsWith('x-') || Boolean((pair.value as Node | null)?.anchor)))
    .map((pair) => String((pair.key as { value: unknown }).value))
    .filter((name) => !topLevelKeys.includes(name));
}

/** Keys given twice in one mapping, anywhere in the document: each repeat, and where the key first appeared. */
function duplicateKeys(document: Document): { name: string; key: number; first: number }[] {
  const found: { name: string; key: number; first: number }[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const { key } of map.items) {
        if (!isScalar(key) || !key.range) continue;
        const first = seen.get(key.value);
        if (first === undefined) seen.set(key.value, key.range[0]);
        else found.push({ name: String(key.value), key: key.range[0], first });
      }
    },
  });
  return found;
}
