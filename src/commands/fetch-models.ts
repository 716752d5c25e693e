import { displayPath } from '../config/load.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { RunContext } from '../context.js';
import { ModelError } from '../errors.js';
import { missingFiles, modelFolder } from '../models/files.js';
import { installModel } from '../models/install.js';
import { announcedSizes, networkReason } from '../models/pull.js';
import { modelsOf, optionalFiles } from '../pipeline/models.js';
import { downloadProgress, formatBytes } from '../report/download-progress.js';

/**
 * Unless offline, a run first fetches the models its stages need and do not have, once: it says what, how big and
 * where to, shows progress, and verifies them as `models pull` does. A present model costs one `stat` per file and
 * opens no connection. A source that cannot be reached is said so, with the two ways on (`mirror`: how the command
 * at hand is given one).
 */
export async function fetchMissingModels(config: Pick<ResolvedConfig, 'models' | 'source' | 'stages'>, context: RunContext, mirror = 'bitext models pull --from URL, or `source: URL` in the config'): Promise<void> {
  for (const need of modelsOf(config.stages)) {
    const folder = modelFolder(config.models, need.model);
    const missing = await missingFiles(folder, need.files);
    if (!missing.length) continue;
    try {
      const sizes = await announcedSizes({ source: config.source, model: need.model, files: missing });
      const total = sizes.every((size) => size !== undefined) ? ` (${formatBytes(sizes.reduce((sum: number, size) => sum + size!, 0))})` : '';
      context.stderr.write(`Fetching ${need.model} (${need.dtype})${total} from ${config.source} into ${displayPath(folder, context.cwd)}, once: ${missing.join(', ')}. (--offline, or offline: true in the config, forbids it.)\n`);
      const check = await installModel({ directory: config.models, need, optional: optionalFiles, source: config.source, onEvent: downloadProgress(context.stderr) });
      context.stderr.write(`✓ ${need.model} (${need.dtype}) installed and verified: ${formatBytes(check.bytes)} in ${displayPath(check.folder, context.cwd)}\n`);
    } catch (error) {
      if (!(error instanceof ModelError) && !(error instanceof TypeError)) throw error;
      const reason = error instanceof ModelError ? error.message : `Cannot reach ${config.source} (${networkReason(error)})`;
      throw new ModelError(
        `${reason.replace(/\.$/, '')}. ${need.model} (${need.dtype}) is needed and not installed in ${displayPath(folder, context.cwd)}. Two ways on: fetch it from a mirror laid out as ` +
          `URL/<owner>/<name>/resolve/main/<file> (${mirror}), or copy the models folder from a machine where \`bitext models pull\` fetched it, then run again (with --offline to be sure nothing is fetched)`,
        { cause: error },
      );
    }
  }
}
