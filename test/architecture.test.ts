import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './support/paths.js';

/** Every TypeScript file under a folder of the project, relative to the project. */
function sources(folder: string): string[] {
  return readdirSync(path.join(projectRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)));
}

/** The project files a file imports (type-only imports too: they tie the layers as much). */
function imports(file: string): string[] {
  const text = readFileSync(path.join(projectRoot, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => path.join(path.dirname(file), match[1]!.replace(/\.js$/, '.ts')));
}

const graph = new Map([...sources('src'), ...sources('scripts')].map((file) => [file, imports(file)]));
const layer = (file: string) => file.split(path.sep)[1]!.replace(/\.ts$/, '');

// From the bottom up: a layer may import from its own and those before it, never from those after it.
const bottom = ['version', 'article', 'text', 'metrics', 'diagnostics', 'glossary', 'integrity', 'errors', 'files', 'language', 'models', 'summary', 'translation', 'markdown', 'html', 'exchange', 'digest'];
const order = [...bottom, 'stages', 'pipeline', 'config', 'runner', 'queue', 'report', 'context', 'commands', 'main', 'cli'];

describe('the import graph', () => {
  it('has no circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('points one way: models/, text/, language/ and the other lower layers import nothing from the layers above', () => {
    const upward = [...graph].filter(([file]) => file.startsWith('src/')).flatMap(([file, targets]) =>
      targets.filter((target) => order.indexOf(layer(target)) > order.indexOf(layer(file))).map((target) => `${file} → ${target}`));
    expect(upward).toEqual([]);
    expect(order).toEqual(expect.arrayContaining([...new Set([...graph.keys()].filter((file) => file.startsWith('src/')).map(layer))]));
  });

  it('has one way in: only src/pipeline/ reads the stage registry, and no command or script imports a stage', () => {
    const registry = [...graph].filter(([, targets]) => targets.includes(path.join('src', 'stages', 'index.ts'))).map(([file]) => file);
    expect(registry.every((file) => file.startsWith(path.join('src', 'pipeline')) || file.startsWith(path.join('src', 'stages')))).toBe(true);
    const stageImports = [...graph].filter(([file]) => file.startsWith('src/commands') || file.startsWith('scripts'))
      .flatMap(([file, targets]) => targets.filter((target) => target.startsWith(path.join('src', 'stages'))).map((target) => `${file} → ${target}`));
    expect(stageImports).toEqual([]);
  });
});
