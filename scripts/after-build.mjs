// Runs after tsc: copies the data files of src/ (anything not TypeScript) into dist/, and makes the CLI executable.
import { chmodSync, cpSync, readdirSync } from 'node:fs';
import path from 'node:path';

for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = path.join(entry.parentPath ?? entry.path, entry.name);
  cpSync(from, path.join('dist', path.relative('src', from)));
}
chmodSync('dist/cli.js', 0o755);
