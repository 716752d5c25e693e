import type { Presence } from './presence.js';

type Parts = Presence['parts'];

/**
 * Why a worker's outputs would not be the run's, from the parts of their fingerprints; undefined when they agree.
 * Names the first difference a user can act on: the version, a stage or option, a model file, the glossary.
 */
export function explainMismatch(run: Parts, worker: Parts): string | undefined {
  if (run.tool !== worker.tool) return `the run is ${run.tool}, this worker ${worker.tool}: run the same version of bitext everywhere`;
  const stages = stageDifference(run.stages, worker.stages);
  if (stages) return `${stages}: give the worker the run's config (options given to \`bitext run\` on its command line, such as --model, --beams, --layout, --without, --glossary, must be in the config the workers read)`;
  const models = modelDifference(run.models, worker.models);
  if (models) return `${models}: share the models folder, or copy it keeping the files' times (rsync -a, cp -p)`;
  if (run.language !== worker.language) return 'the shipped language model differs (another build of bitext): run the same version of bitext everywhere';
  if (run.glossary !== worker.glossary) return `the glossary differs (${run.glossary ? 'the run has one' : 'the run has none'}, ${worker.glossary ? 'this worker has one' : 'this worker has none'}${run.glossary && worker.glossary ? ', with other terms' : ''}): give the worker the run's glossary`;
  return undefined;
}

function stageDifference(run: readonly unknown[], worker: readonly unknown[]): string | undefined {
  const names = (stages: readonly unknown[]) => stages.map((stage) => (stage as { name: string }).name);
  if (names(run).join() !== names(worker).join()) return `the run's stages are ${names(run).join(', ')}; this worker's are ${names(worker).join(', ')}`;
  for (const [index, stage] of run.entries()) {
    const { name, options } = stage as { name: string; options: Record<string, unknown> };
    const mine = (worker[index] as { options: Record<string, unknown> }).options;
    for (const option of new Set([...Object.keys(options), ...Object.keys(mine)])) {
      const [theirs, ours] = [JSON.stringify(options[option]), JSON.stringify(mine[option])];
      if (theirs !== ours) return `the run's ${name} stage has ${option}: ${theirs ?? '(unset)'}, this worker's ${ours ?? '(unset)'}`;
    }
  }
  return undefined;
}

function modelDifference(run: readonly string[], worker: readonly string[]): string | undefined {
  for (const [index, identity] of run.entries()) {
    const [label, ...files] = identity.split('\n');
    const [mine, ...myFiles] = (worker[index] ?? '').split('\n');
    if (label !== mine) return `the run uses the model ${label}, this worker ${mine || 'none'}`;
    for (const [at, file] of files.entries()) {
      if (file === myFiles[at]) continue;
      const [name] = file.split(':');
      return `the model ${label}'s file ${name} differs: ${describe(file)} for the run, ${describe(myFiles[at] ?? `${name}:missing`)} here`;
    }
  }
  return run.length === worker.length ? undefined : 'the models the stages load differ';
}

/** `file:size:mtimeMs` as a person reads it. */
function describe(line: string): string {
  const [, size, time] = line.split(':');
  if (size === 'missing' || size === undefined) return 'missing';
  return `${Number(size).toLocaleString('en')} bytes, modified ${new Date(Number(time)).toISOString()}`;
}
