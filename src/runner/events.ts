import type { NameSummary } from './names.js';
import type { ArticleStatus, FlagSummary } from './report.js';

/** What the runner reports as it goes; only the reporter prints. */
export type RunEvent =
  /** Models are being loaded: nothing is read until they are. */
  | { type: 'loading' }
  /** `bytes`: each article's size as listed, by its name as shown (what the work left is estimated from). */
  | { type: 'run-start'; total: number; concurrency: number; bytes?: Record<string, number> }
  | { type: 'warning'; message: string }
  | { type: 'article-start'; file: string }
  | { type: 'stage-start'; file: string; stage: string }
  /** The long work of an article (its translation) under way: `words` of its `of` source words done. */
  | { type: 'article-progress'; file: string; words: number; of: number }
  | { type: 'article-end'; file: string; output: string; words: number; milliseconds: number; notes: number }
  | {
      type: 'article-skipped'; file: string; output: string; status: 'unchanged' | 'edited';
      /** Whether bitext wrote the outputs kept (false: it has no record of them). */ recorded?: boolean;
      /** The outputs kept because bitext did not write them as they are (edited, or another's). */ kept?: string[];
    }
  | { type: 'article-failed'; file: string; stage: string; message: string; stack?: string }
  /** A queued run's article back in the queue before it was done (its worker stopped or refused it): it starts again. */
  | { type: 'article-requeued'; file: string; reason: string }
  /** A queued run's workers: how many are connected to its queue (shown as the URL, without password). */
  | { type: 'workers'; count: number; queue: string }
  | {
      type: 'run-end';
      counts: Record<ArticleStatus, number>;
      words: number;
      milliseconds: number;
      output: string;
      /** The signal that interrupted the run. */
      interrupted?: string;
      /** Why the run stopped before its end. */
      stopped?: string;
      /** Where the report was written, or why it could not be. */
      report: { file: string } | { error: string };
      /** What the check flagged in the articles written or unchanged (their outputs stand). */
      flagged?: FlagSummary;
      /** Names of the articles written or unchanged that came out two ways. */
      inconsistentNames?: NameSummary[];
    };

export type EventSink = (event: RunEvent) => void;
