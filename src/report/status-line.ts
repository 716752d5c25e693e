/** The live status line of a run: what it says, made to fit the terminal's width. */
import path from 'node:path';
import type { Progress } from './progress.js';
import { displayWidth, fitWidth } from './width.js';

/** What the status line is drawn from. */
export interface RunState {
  done: number;
  total: number;
  /** The articles in flight, each with the stage it is in. */
  running: ReadonlyMap<string, string>;
  progress: Progress;
  formatSeconds(milliseconds: number): string;
  /** A queued run's workers connected to its queue, once counted. */
  workers?: number;
}

const separator = ' · ';

/**
 * `[2/5] · 1,200 of ~4,800 words · 95 words/s · ETA 38 s · 2 in flight (translate 2): a.txt, b.txt`, in `width`
 * columns at most: the articles in flight give way first (their names, then their stages, then all of them), then
 * the line is cut.
 */
export function statusLine(state: RunState, width: number): string {
  const { progress } = state;
  const rate = progress.rate;
  const eta = progress.eta();
  const words = progress.wordsDone + progress.wordsLeft;
  const head = [
    `[${state.done}/${state.total}]`,
    ...(words > 0 ? [`${progress.wordsDone.toLocaleString('en')} of ${progress.estimated ? '~' : ''}${words.toLocaleString('en')} word${words === 1 ? '' : 's'}`] : []),
    ...(rate === undefined ? [] : [`${Math.round(rate).toLocaleString('en')} words/s`]),
    eta === undefined ? 'ETA …' : progress.wordsLeft === 0 ? 'finishing' : `ETA ${state.formatSeconds(eta)}`,
    ...(state.workers === undefined ? [] : [`${state.workers} worker${state.workers === 1 ? '' : 's'}`]),
  ].join(separator);
  const room = width - displayWidth(head) - separator.length;
  for (const flight of inFlight(state.running, room)) {
    if (!flight) break;
    if (displayWidth(flight) <= room) return `${head}${separator}${flight}`;
  }
  return fitWidth(head, width);
}

// What can be said of the articles in flight, from the most to the least; the names cut to the room if need be.
function inFlight(running: ReadonlyMap<string, string>, room: number): string[] {
  const files = [...running];
  if (!files.length) return [];
  if (files.length === 1) {
    const [file, stage] = files[0]!;
    return [`${stage} ${file}`, `${stage} ${path.basename(file)}`, fitWidth(`${stage} ${path.basename(file)}`, room), stage];
  }
  const stages = new Map<string, number>();
  for (const [, stage] of files) stages.set(stage, (stages.get(stage) ?? 0) + 1);
  const counted = `${files.length} in flight (${[...stages].map(([stage, count]) => `${stage} ${count}`).join(', ')})`;
  const names = `${counted}: ${files.map(([file]) => path.basename(file)).join(', ')}`;
  return [names, displayWidth(counted) + 4 <= room ? fitWidth(names, room) : counted, counted, `${files.length} in flight`];
}
