import { createHash } from 'node:crypto';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { termKey } from './comparable.js';
import { decodeGlossary } from './decode.js';
import type { Glossary, GlossaryEntry } from './glossary.js';

/** What a glossary file holds: its entries, and every problem found, located. */
export interface ParsedGlossary {
  entries: GlossaryEntry[];
  diagnostics: Diagnostic[];
}

/**
 * Reads a glossary: TSV (`.tsv`, `.txt`: `French term<TAB>English term` a line; a term alone on its line is kept as
 * written; `#` starts a comment line) or YAML (`.yaml`, `.yml`: `terms:` a mapping of French to English, `keep:` a
 * list of names kept as written). Every problem is reported with its line and column, as the config's are.
 */
export function parseGlossary(text: string, file: string): ParsedGlossary {
  // Lines end as Windows, Unix or the old Mac OS (a carriage return alone) end them.
  text = text.replace(/\r\n?/gu, '\n');
  // A comma-separated file would be read as one kept term a line: refused, saying what to do.
  if (/\.csv$/iu.test(file)) {
    return { entries: [], diagnostics: [{ file, line: 1, column: 1, severity: 'error', rule: 'glossary/invalid-line', message: 'A glossary is TSV (French, a tab, English) or YAML, not CSV: save it as tab-separated text (.tsv), or as YAML (README, "Glossary")' }] };
  }
  const parsed = /\.ya?ml$/iu.test(file) ? parseYaml(text, file) : parseTsv(text, file);
  return { entries: parsed.entries, diagnostics: [...parsed.diagnostics, ...checkEntries(parsed.entries, file)] };
}

/**
 * A glossary file's bytes as a run holds them: its entries and the hash of its content, with the problems found;
 * `shown`: the file's name as messages give it.
 */
export function glossaryFromBytes(bytes: Buffer, file: string, shown = file): { glossary: Glossary; diagnostics: Diagnostic[] } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeGlossary(bytes);
  if ('problem' in decoded) {
    // One problem for the whole file: read as lines, a file in another encoding would give an error on each.
    return { glossary: { file, entries: [], sha256 }, diagnostics: [{ file: shown, line: 1, column: 1, severity: 'error', message: decoded.problem, rule: 'glossary/encoding' }] };
  }
  const { entries, diagnostics } = parseGlossary(decoded.text, shown);
  return { glossary: { file, entries, sha256 }, diagnostics };
}

function parseTsv(text: string, file: string): ParsedGlossary {
  const entries: GlossaryEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.replace(/^\uFEFF/u, '').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const columns = raw.split('\t');
    const error = (column: number, message: string) => diagnostics.push({ file, line, column, severity: 'error', message, rule: 'glossary/invalid-line' });
    if (columns.length > 2) {
      error(columns[0]!.length + columns[1]!.length + 2, `Expected \`French term<TAB>English term\`, found ${columns.length} columns; a term holds no tab`);
      return;
    }
    const source = columns[0]!.trim();
    const target = (columns[1] ?? '').trim();
    if (!source) {
      error(1, 'Expected a French term before the tab');
      return;
    }
    if (columns.length === 2 && !target) {
      error(raw.length + 1, `Expected the English for \`${source}\` after the tab; to keep it as written, leave the tab out`);
      return;
    }
    entries.push({ source, target: target || source, keep: !target, line });
  });
  return { entries, diagnostics };
}

function parseYaml(text: string, file: string): ParsedGlossary {
  const lineCounter = new LineCounter();
  // Failsafe: every scalar is text as written (`49.30`, `007`, `true` and `null` are terms, not numbers or nothing).
  // Merge keys (`<<: *shared`) work as in the config.
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true, schema: 'failsafe' });
  const documents = Array.isArray(parsed) ? parsed : [];
  const entries: GlossaryEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const at = (node: Node | null | undefined, message: string, rule: Diagnostic['rule'] = 'glossary/invalid-line') => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    diagnostics.push({ file, line, column: col, severity: 'error', message, rule });
  };
  const lineOf = (node: Node) => lineCounter.linePos(node.range?.[0] ?? 0).line;
  const document = documents[0];
  if (!document) {
    at(undefined, 'Expected a mapping with `terms:` (French: English) and `keep:` (a list of names kept as written)');
    return { entries, diagnostics };
  }
  for (const error of document.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    diagnostics.push({ file, line, column: col, severity: 'error', message: error.message.split('\n')[0]!, rule: 'glossary/invalid-line' });
  }
  if (documents.length > 1) {
    // yaml would read the first and say "use parseAllDocuments()": a glossary has one document, so say where the next begins.
    const { line, col } = lineCounter.linePos(documents[1]!.range[0]);
    diagnostics.push({ file, line, column: col, severity: 'error', message: 'A second YAML document starts here (`---`); a glossary is one document: remove this `---` or move its terms into the first', rule: 'glossary/invalid-line' });
  }
  if (diagnostics.length) return { entries, diagnostics };
  const root = document.contents;
  if (!isMap(root)) {
    at(root as Node, 'Expected a mapping with `terms:` (French: English) and `keep:` (a list of names kept as written)');
    return { entries, diagnostics };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'terms') {
      if (!isMap(value)) {
        at(value ?? (pair.key as Node), 'Expected `terms` to be a mapping of French terms to their English: `Maison Blanche: White House`');
        continue;
      }
      for (const term of withMerged(value, document)) {
        const source = isScalar(term.key) ? String(term.key.value ?? '').trim() : '';
        const target = isScalar(term.value) ? String(term.value.value ?? '').trim() : '';
        if (!source) at(term.key as Node, 'Expected a French term');
        else if (!isScalar(term.value) || !target) {
          // An empty value has no place of its own: point at its term.
          const written = term.value && !(isScalar(term.value) && (term.value.value === null || term.value.value === ''));
          at(written ? (term.value as Node) : (term.key as Node), `Expected the English for \`${source}\`; to keep it as written, list it under \`keep:\``);
        }
        else entries.push({ source, target, keep: false, line: lineOf(term.key as Node) });
      }
    } else if (key === 'keep') {
      if (!isSeq(value)) {
        at(value ?? (pair.key as Node), 'Expected `keep` to be a list of names kept as written: `[ICE, Emmanuel Macron]`');
        continue;
      }
      for (const item of value.items) {
        const source = isScalar(item) ? String(item.value ?? '').trim() : '';
        if (!source) at(item as Node, 'Expected a name to keep as written');
        else entries.push({ source, target: source, keep: true, line: lineOf(item as Node) });
      }
    } else if (!isOwnKey(pair)) at(pair.key as Node, `Unknown key \`${key}\`; a glossary has \`terms\` and \`keep\``, 'glossary/unknown-key');
  }
  return { entries, diagnostics };
}

/**
 * A mapping's pairs with those merged in (`<<: *shared`, `<<: [*a, *b]`), each where it is written; as in YAML, a
 * key written in the mapping overrides a merged one, and an earlier merged mapping a later one.
 */
function withMerged(map: YAMLMap, document: Document, within = new Set<YAMLMap>()): Pair[] {
  // A mapping that merges itself, through an alias, is read once.
  if (within.has(map)) return [];
  within.add(map);
  const isMerge = (pair: Pair) => isScalar(pair.key) && typeof pair.key.value === 'symbol';
  const own = map.items.filter((pair) => !isMerge(pair));
  const seen = new Set(own.map((pair) => (isScalar(pair.key) ? pair.key.value : pair.key)));
  const merged: Pair[] = [];
  for (const pair of map.items.filter(isMerge)) {
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(document) : source;
      if (!isMap(target)) continue;
      for (const item of withMerged(target, document, within)) {
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push(item);
      }
    }
  }
  return [...own, ...merged];
}

/** Top-level keys a glossary leaves to the user, as the config does: those whose value carries an anchor, and `x-…`. */
function isOwnKey(pair: Pair): boolean {
  return isScalar(pair.key) && (String(pair.key.value).startsWith('x-') || Boolean((pair.value as Node | null)?.anchor));
}

/**
 * A term given twice with different English (written alike, or in spellings the matcher takes as one: `Maison
 * Blanche` and `Maison-Blanche`, `Etats-Unis` and `États-Unis`), and terms with nothing to match.
 */
function checkEntries(entries: readonly GlossaryEntry[], file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, GlossaryEntry>();
  for (const entry of entries) {
    const problem = (message: string, rule: Diagnostic['rule']) => diagnostics.push({ file, line: entry.line, column: 1, severity: 'error', message, rule });
    if (!/[\p{L}\p{N}]/u.test(entry.source)) {
      problem(`The term \`${entry.source}\` has no letter or digit to match`, 'glossary/invalid-line');
      continue;
    }
    const key = termKey(entry.source);
    const first = seen.get(key);
    if (!first) seen.set(key, entry);
    else if (first.target !== entry.target) {
      const given = first.source === entry.source
        ? `\`${entry.source}\` is given twice`
        : `\`${entry.source}\` is \`${first.source}\` to the matcher (spaces, hyphens and accents aside), given twice`;
      problem(`${given}, as \`${first.target}\` (line ${first.line}) and \`${entry.target}\` (line ${entry.line}); keep one`, 'glossary/duplicate-term');
    }
  }
  return diagnostics;
}
