// Builds dist/ from src/ when it is missing or older than a source file: `npm start` works right after `npm ci`
// (which runs no install scripts: see .npmrc) and costs nothing once built.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/cli.js');
const newest = (folder) => Math.max(...readdirSync(folder, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs));
if (!existsSync(built) || newest(path.join(root, 'src')) > statSync(built).mtimeMs) {
  process.stderr.write('bitext: building (first run, or the sources changed)…\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
