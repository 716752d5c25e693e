import type { Session } from '../runner/session.js';
import type { Follower } from './follow.js';
import type { QueueLink } from './link.js';

/**
 * Ends a queued run's jobs when the run ends before they have: those no worker has started are taken back (their
 * articles `not-run`), those under way are waited for unless `urgent` is aborted (a second Ctrl-C) or Redis is gone;
 * any left are said, in their records and in the run's warnings, and the folder is not settled (workers may still
 * write into it until they find the run gone).
 */
export async function endJobs(follower: Follower, session: Session, link: QueueLink, urgent?: AbortSignal): Promise<void> {
  if (!link.lost.aborted) {
    const under = await follower.withdraw();
    if (under.length && !urgent?.aborted) await follower.wait(AbortSignal.any([link.lost, ...(urgent ? [urgent] : [])]));
  }
  const left = follower.ids();
  if (!left.length) return;
  session.settled = false;
  for (const id of left) {
    const record = session.records[follower.indexOf(id)!]!;
    const worker = link.lost.aborted ? undefined : await follower.workerOf(id);
    record.reason = worker
      ? `under way on the worker ${worker} when the run ended: left to it; the next run redoes it unless it was written`
      : 'in the queue when Redis was lost: its workers drop it once they find the run gone; the next run redoes it';
  }
  const count = `${left.length} article${left.length === 1 ? ' was' : 's were'}`;
  session.warn(link.lost.aborted
    ? `${count} still queued or under way when Redis was lost; they are left in the queue, where workers drop them once they find the run gone (within a minute); run again to redo them`
    : `${count} under way on workers when the run ended, and left to them; the run no longer holds the output folder, so those workers stop writing at their next check; run again to redo any not written`);
}
