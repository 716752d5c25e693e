import { Digest } from '../runner/digest.js';
import type { Holder } from '../runner/lock.js';
import { OutputFolder } from '../runner/output-folder.js';

/** An output folder a worker writes into for a run, and what the digest keeps of its articles there. */
export interface Attachment {
  key: string;
  folder: OutputFolder;
  digest: Digest;
}

type Attaching = Attachment | { unseen: string } | { taken: Holder };

/**
 * The output folders a worker writes into, one attachment per folder and run however many of its articles are under
 * way at once (one part of the ledger each), closed when its last article ends: a run that ends after its last
 * article merges and removes that part, so it must not be left open.
 */
export class Attachments {
  readonly #open = new Map<string, { attaching: Promise<Attaching>; users: number }>();

  constructor(
    /** The worker's token: names its temporary files and its parts of the ledgers. */
    private readonly token: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Attaches to a run's output folder, or says why it cannot (see `OutputFolder.attach`). */
  async attach(output: string, runToken: string): Promise<Attaching> {
    const key = `${output}\n${runToken}`;
    let open = this.#open.get(key);
    if (!open) {
      const attaching = OutputFolder.attach(output, runToken, this.token).then((folder): Attaching => (folder instanceof OutputFolder ? { key, folder, digest: new Digest(folder, 'index', this.warn) } : folder));
      open = { attaching, users: 0 };
      this.#open.set(key, open);
    }
    open.users++;
    const attached = await open.attaching.catch((error: unknown) => {
      this.#forget(key);
      throw error;
    });
    if (!('folder' in attached)) this.#forget(key);
    return attached;
  }

  /** An article is done with its folder: the folder is closed once none is under way in it. */
  async release(attachment: Attachment): Promise<void> {
    const open = this.#open.get(attachment.key);
    if (!open || --open.users > 0) return;
    this.#open.delete(attachment.key);
    await attachment.folder.close().catch(() => undefined);
  }

  #forget(key: string): void {
    const open = this.#open.get(key);
    if (open && --open.users <= 0) this.#open.delete(key);
  }
}
