/** What the runner reports as it goes; only the reporter prints. */
export type RunEvent =
  | { type: 'run-start'; total: number; concurrency: number }
  | { type: 'article-start'; file: string }
  | { type: 'stage-start'; file: string; stage: string }
  | { type: 'article-end'; file: string; output: string; words: number; milliseconds: number; notes: number }
  | { type: 'article-skipped'; file: string; output: string }
  | { type: 'article-failed'; file: string; stage: string; message: string; error: unknown }
  | { type: 'run-end'; written: number; unchanged: number; failed: number; words: number; milliseconds: number; output: string };

export type EventSink = (event: RunEvent) => void;
