import { rename } from 'node:fs/promises';
import path from 'node:path';
import { ModelError } from '../errors.js';
import { readManifest, writeManifest } from './manifest.js';
import { pullModel } from './pull.js';
import { verifyModel, type ModelFiles, type Verification } from './verify.js';

/**
 * Pulls a model and verifies it as `models verify` does. A file that was downloaded but does not verify (a mirror
 * serving a truncated ONNX file, a config bitext cannot run) is not left installed: it is set aside as
 * `<file>.rejected` and dropped from the manifest, so that the next attempt fetches it again instead of finding a
 * damaged model. Resolves to the verification; a model that does not verify is a ModelError saying what and where.
 */
export async function installModel(options: Omit<Parameters<typeof pullModel>[0], 'model' | 'files'> & { need: ModelFiles }): Promise<Verification> {
  const { need, ...pull } = options;
  await pullModel({ ...pull, model: need.model, files: need.files });
  const check = await verifyModel(options.directory, need);
  const problems = [...check.corrupt, ...check.unusable];
  if (!check.missing.length && !problems.length) return check;
  const manifest = await readManifest(check.folder);
  for (const { file } of problems) {
    await rename(path.join(check.folder, file), path.join(check.folder, `${file}.rejected`)).catch(() => undefined);
    if (manifest) delete manifest.files[file];
  }
  if (manifest) await writeManifest(check.folder, manifest);
  const listed = [...check.missing, ...problems.map((problem) => `${problem.file} (${problem.reason})`)].join(', ');
  const aside = problems.length ? `; set aside as ${problems.map((problem) => `${problem.file}.rejected`).join(', ')} in ${check.folder}, so the next attempt fetches ${problems.length === 1 ? 'it' : 'them'} again` : '';
  throw new ModelError(`${need.model} was downloaded but does not verify: ${listed}${aside}`);
}
