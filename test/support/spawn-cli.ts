import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './paths.js';

export const cliPath = path.join(projectRoot, 'dist/cli.js');

/** Whether permissions can be tested as they are: root reads and writes through any mode bits. */
export const isRoot = process.getuid?.() === 0;
/** The user `nobody`, to run the CLI as when the tests run as root. */
const nobody = 65534;

/**
 * Why permission tests cannot run here, or '' when they can: as root they run the CLI as `nobody`, which needs to
 * reach Node and the project (a clone under a private home folder is out of its reach).
 */
export const permissionsSkipReason = (() => {
  if (!isRoot) return '';
  const probe = spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(cliPath)})`], { uid: nobody, gid: nobody });
  return probe.status === 0 ? '' : ' (skipped: running as root, and the user nobody cannot reach the project to test permissions)';
})();

/**
 * Runs the built CLI in a child process. `unprivileged` runs it as `nobody` when the tests run as root, so that
 * unreadable files and read-only folders behave as they do for a user; the folders it uses must then be open to it.
 */
export function spawnCli(argv: string[], options: { cwd: string; unprivileged?: boolean }): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, ...argv], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1' },
    ...(options.unprivileged && isRoot ? { uid: nobody, gid: nobody } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
