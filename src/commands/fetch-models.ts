import { displayPath } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { RunContext } from '../context.js';
import { missingFiles, modelFolder } from '../models/files.js';
import { pullModel } from '../models/pull.js';
import { modelsOf, optionalFiles } from '../pipeline/models.js';
import { downloadProgress } from '../report/download-progress.js';

/**
 * With `offline: false`, a run first fetches the models its stages need and do not have, saying so and showing
 * progress, so the first run on a connected machine works. Only missing files are looked for: a present model
 * costs one `stat` per file.
 */
export async function fetchMissingModels(config: ResolvedConfig, context: RunContext): Promise<void> {
  for (const need of modelsOf(config.stages)) {
    const folder = modelFolder(config.models, need.model);
    if (!(await missingFiles(folder, need.files)).length) continue;
    context.stderr.write(`Fetching ${need.model} (${need.dtype}) from ${config.source} into ${displayPath(folder, context.cwd)} (offline: false in the config; --offline forbids it)\n`);
    await pullModel({ directory: config.models, model: need.model, files: need.files, optional: optionalFiles, source: config.source, onEvent: downloadProgress(context.stderr) });
  }
}
