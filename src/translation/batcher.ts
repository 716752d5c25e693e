/** Translates one batch, each text with the terms its translation must hold; lists in, lists of the same length out. */
export type TranslateBatch<Result> = (texts: string[], terms: string[][]) => Promise<Result[]>;

interface Pending<Result> {
  text: string;
  terms: string[];
  resolve(translation: Result): void;
  reject(error: unknown): void;
}

/**
 * One queue of sentences in front of the model, shared by every article of a run: whichever articles are in flight,
 * their sentences are batched together, the pending ones sorted by length so that a batch holds sentences of
 * similar length (less padding), and the model runs one batch at a time, so its threads never compete.
 */
export class SentenceBatcher<Result = string> {
  #pending: Pending<Result>[] = [];
  #running = false;

  constructor(
    private readonly translateBatch: TranslateBatch<Result>,
    private readonly batchSize: number,
  ) {}

  /** Translates a text, batched with whatever else is waiting; its translation is to hold `terms` (glossary English). */
  translate(text: string, terms: readonly string[] = []): Promise<Result> {
    const result = new Promise<Result>((resolve, reject) => this.#pending.push({ text, terms: [...terms], resolve, reject }));
    if (!this.#running) {
      this.#running = true;
      // Let the other articles in flight queue their sentences before the first batch is formed.
      setImmediate(() => void this.#drain());
    }
    return result;
  }

  async #drain(): Promise<void> {
    while (this.#pending.length) {
      this.#pending.sort((a, b) => a.text.length - b.text.length);
      const batch = this.#pending.splice(0, this.batchSize);
      try {
        const output = await this.translateBatch(batch.map((item) => item.text), batch.map((item) => item.terms));
        if (output.length !== batch.length) throw new Error(`the model returned ${output.length} translations for ${batch.length} sentences`);
        batch.forEach((item, index) => item.resolve(output[index]!));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.#running = false;
  }
}
