/** Source words a byte holds in articles not read yet, until finished ones say better: French news in UTF-8. */
const defaultWordsPerByte = 1 / 6.5;

/** How much of a new estimate the ETA shown takes in a second: it counts down, and drifts to the estimate. */
const blend = 0.2;

/** Before this much work, or these many words, there is no rate to trust. */
const warmUpMilliseconds = 3000;
const warmUpWords = 20;

/**
 * The work of a run in source words, for the status line: words done (of finished articles, and so far of those in
 * flight), words left (known for an article whose translation started, estimated from the size of the others),
 * the rate since the work began, and an ETA that counts down between estimates. Articles skipped or failed leave
 * the count without adding to the rate.
 */
export class Progress {
  /** Sizes of the articles not started yet, by name. */
  private readonly waiting = new Map<string, number>();
  /** Articles in flight: their size, and their words done and in all once their long work has begun. */
  private readonly inFlight = new Map<string, { bytes: number; words: number; of?: number }>();
  private finishedWords = 0;
  private finishedBytes = 0;
  private started: number | undefined;
  private shown: { eta: number; at: number } | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  start(bytes: Record<string, number>): void {
    for (const [file, size] of Object.entries(bytes)) this.waiting.set(file, size);
  }

  /** An article begins its stages: the work (and the clock, for the first) starts. */
  begin(file: string): void {
    this.started ??= this.now();
    this.inFlight.set(file, { bytes: this.waiting.get(file) ?? 0, words: 0 });
    this.waiting.delete(file);
  }

  advance(file: string, words: number, of: number): void {
    const article = this.inFlight.get(file) ?? { bytes: this.waiting.get(file) ?? 0, words: 0 };
    this.waiting.delete(file);
    this.inFlight.set(file, { ...article, words, of });
  }

  /** An article written: all its words are done. */
  finish(file: string, words: number): void {
    const article = this.inFlight.get(file);
    this.inFlight.delete(file);
    this.waiting.delete(file);
    this.finishedWords += words;
    this.finishedBytes += article?.bytes ?? 0;
  }

  /** An article sent back to the queue before it was done: its words done so far are not, and it waits again. */
  requeue(file: string): void {
    const article = this.inFlight.get(file);
    if (!article) return;
    this.inFlight.delete(file);
    this.waiting.set(file, article.bytes);
  }

  /** An article skipped, kept or failed: no longer work to do, and no words to count in the rate. */
  drop(file: string): void {
    this.inFlight.delete(file);
    this.waiting.delete(file);
  }

  get wordsDone(): number {
    let words = this.finishedWords;
    for (const article of this.inFlight.values()) words += article.words;
    return words;
  }

  /** Words left: exact for articles whose long work began, estimated from their size for the others. */
  get wordsLeft(): number {
    const perByte = this.finishedBytes > 0 && this.finishedWords > 0 ? this.finishedWords / this.finishedBytes : defaultWordsPerByte;
    let words = 0;
    for (const size of this.waiting.values()) words += size * perByte;
    for (const article of this.inFlight.values()) words += article.of === undefined ? article.bytes * perByte : Math.max(0, article.of - article.words);
    return Math.round(words);
  }

  /** Whether `wordsLeft` is in part an estimate: some article's words are not counted yet. */
  get estimated(): boolean {
    for (const size of this.waiting.values()) if (size > 0) return true;
    for (const article of this.inFlight.values()) if (article.of === undefined && article.bytes > 0) return true;
    return false;
  }

  /** Source words a second since the work began; undefined until there is enough to trust. */
  get rate(): number | undefined {
    if (this.started === undefined) return undefined;
    const elapsed = this.now() - this.started;
    const words = this.wordsDone;
    if (elapsed < warmUpMilliseconds || words < warmUpWords) return undefined;
    return (words * 1000) / elapsed;
  }

  /**
   * Milliseconds left, as shown: the last ETA counted down by the time since, moved part of the way to the new
   * estimate, so that it falls by about a second a second and never jumps. Undefined until there is a rate.
   */
  eta(): number | undefined {
    const rate = this.rate;
    const now = this.now();
    if (rate === undefined) return undefined;
    const estimate = (this.wordsLeft * 1000) / rate;
    const since = this.shown ? now - this.shown.at : 0;
    const counted = this.shown ? Math.max(0, this.shown.eta - since) : estimate;
    // However often it is asked, the ETA moves toward the estimate at the same pace; good news of a half or more (the
    // translation cache answering) is taken at once.
    const eta = estimate < counted / 2 ? estimate : counted + (1 - (1 - blend) ** (since / 1000)) * (estimate - counted);
    this.shown = { eta, at: now };
    return eta;
  }
}
