import { readFileSync } from 'node:fs';

/** bitext's own name and version, from package.json (one folder above both `src/` and `dist/`). */
export const tool = (() => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: manifest.name, version: manifest.version };
})();
