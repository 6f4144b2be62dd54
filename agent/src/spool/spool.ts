import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchSchema, MAX_MESSAGE_BYTES, utf8Length } from '@quorum/protocol';
import { errorMessage, type Logger } from '../log';

/**
 * The bounded on-disk outbox. Every batch is written here (temp file + rename) before it is sent,
 * and deleted when the cloud acks it, so batches survive a lost connection and an agent restart.
 * File names carry a sequence number, so sorting names gives creation order. When the spool is
 * over its bounds the OLDEST batches are dropped (and counted): recent state matters more.
 */
export interface SpoolOptions {
  dir: string;
  maxBatches: number;
  maxBytes: number;
  log: Logger;
}

export interface SpoolEntry {
  readonly seq: number;
  readonly batchId: string;
  readonly file: string;
  readonly bytes: number;
}

export interface SpoolStats {
  count: number;
  bytes: number;
  /** Batches dropped, oldest first, because the spool was full. */
  dropped: number;
  /** Files found unreadable at start and renamed to `*.bad`. */
  corrupt: number;
  /** Batches found on disk at start (to be replayed). */
  loaded: number;
}

const NAME = /^(\d{16})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;
const DROP_LOG_EVERY_MS = 60_000;

export class Spool {
  readonly #opts: SpoolOptions;
  readonly #entries: SpoolEntry[] = [];
  readonly #byId = new Map<string, SpoolEntry>();
  #bytes = 0;
  #nextSeq = 1;
  #dropped = 0;
  #corrupt = 0;
  #loaded = 0;
  #lastDropLog = 0;
  #droppedSinceLog = 0;
  /** Appends run one after another so that index order is creation order. */
  #appendChain: Promise<void> = Promise.resolve();

  private constructor(opts: SpoolOptions) {
    this.#opts = opts;
  }

  /** Opens (creating if needed) the spool directory and indexes the batches already in it. */
  static async open(opts: SpoolOptions): Promise<Spool> {
    const spool = new Spool(opts);
    await mkdir(opts.dir, { recursive: true, mode: 0o700 });
    await spool.#load();
    return spool;
  }

  /** Oldest first. */
  entries(): readonly SpoolEntry[] {
    return this.#entries;
  }

  has(batchId: string): boolean {
    return this.#byId.has(batchId);
  }

  stats(): SpoolStats {
    return { count: this.#entries.length, bytes: this.#bytes, dropped: this.#dropped, corrupt: this.#corrupt, loaded: this.#loaded };
  }

  /** Stores one serialized batch; resolves once it is on disk. Drops the oldest when over bounds. */
  append(batchId: string, text: string): Promise<void> {
    const run = this.#appendChain.then(() => this.#append(batchId, text));
    this.#appendChain = run.catch(() => {});
    return run;
  }

  /** The stored text of a batch, or undefined if it is gone (acked or dropped meanwhile). */
  async read(entry: SpoolEntry): Promise<string | undefined> {
    try {
      return await readFile(join(this.#opts.dir, entry.file), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Deletes an acked (or rejected) batch. False if it was not in the spool. */
  async remove(batchId: string): Promise<boolean> {
    const entry = this.#byId.get(batchId);
    if (!entry) return false;
    this.#forget(entry);
    await this.#unlink(entry.file);
    return true;
  }

  async #append(batchId: string, text: string): Promise<void> {
    const seq = this.#nextSeq++;
    const file = `${String(seq).padStart(16, '0')}-${batchId}.json`;
    const tmp = `.${file}.tmp`;
    await writeFile(join(this.#opts.dir, tmp), text, { mode: 0o600 });
    await rename(join(this.#opts.dir, tmp), join(this.#opts.dir, file));
    this.#index({ seq, batchId, file, bytes: Buffer.byteLength(text) });
    await this.#enforceBounds();
  }

  #index(entry: SpoolEntry): void {
    this.#entries.push(entry);
    this.#byId.set(entry.batchId, entry);
    this.#bytes += entry.bytes;
  }

  #forget(entry: SpoolEntry): void {
    const i = this.#entries.indexOf(entry);
    if (i >= 0) this.#entries.splice(i, 1);
    this.#byId.delete(entry.batchId);
    this.#bytes -= entry.bytes;
  }

  async #enforceBounds(): Promise<void> {
    const { maxBatches, maxBytes } = this.#opts;
    // Never drop the newest batch: it is the freshest state we have.
    while (this.#entries.length > 1 && (this.#entries.length > maxBatches || this.#bytes > maxBytes)) {
      const oldest = this.#entries[0]!;
      this.#forget(oldest);
      this.#dropped += 1;
      this.#droppedSinceLog += 1;
      await this.#unlink(oldest.file);
    }
    if (this.#droppedSinceLog > 0 && Date.now() - this.#lastDropLog >= DROP_LOG_EVERY_MS) {
      this.#opts.log.warn('spool full: dropped the oldest unacknowledged batches', {
        droppedNow: this.#droppedSinceLog,
        droppedTotal: this.#dropped,
        maxBatches,
        maxBytes,
      });
      this.#lastDropLog = Date.now();
      this.#droppedSinceLog = 0;
    }
  }

  async #unlink(file: string): Promise<void> {
    try {
      await unlink(join(this.#opts.dir, file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.#opts.log.warn('could not delete a spool file', { file, error: errorMessage(e) });
      }
    }
  }

  async #load(): Promise<void> {
    const names = (await readdir(this.#opts.dir)).sort();
    for (const name of names) {
      if (name.endsWith('.tmp')) {
        await this.#unlink(name); // a write cut short by a crash; its batch was never sent
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const match = NAME.exec(name);
      const text = match ? await readFile(join(this.#opts.dir, name), 'utf8').catch(() => undefined) : undefined;
      const problem = match ? (text === undefined ? 'unreadable' : checkBatch(text, match[2]!)) : 'unexpected file name';
      if (problem) {
        this.#corrupt += 1;
        this.#opts.log.warn('spool file set aside as .bad', { file: name, problem });
        await rename(join(this.#opts.dir, name), join(this.#opts.dir, `${name}.bad`)).catch((e: unknown) =>
          this.#opts.log.error('could not set a bad spool file aside', { file: name, error: errorMessage(e) }),
        );
        continue;
      }
      const seq = Number(match![1]);
      this.#index({ seq, batchId: match![2]!, file: name, bytes: Buffer.byteLength(text!) });
      this.#nextSeq = Math.max(this.#nextSeq, seq + 1);
    }
    this.#loaded = this.#entries.length;
    if (this.#loaded > 0) this.#opts.log.info('spool holds unacknowledged batches to replay', { count: this.#loaded, bytes: this.#bytes });
    await this.#enforceBounds();
  }
}

/** Why a spool file cannot be replayed, or undefined when it is a valid batch. */
function checkBatch(text: string, batchId: string): string | undefined {
  if (utf8Length(text) > MAX_MESSAGE_BYTES) return 'larger than a message may be';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const parsed = batchSchema.safeParse(data);
  if (!parsed.success) return 'not a valid batch';
  if (parsed.data.batchId !== batchId) return 'batch id does not match the file name';
  return undefined;
}
