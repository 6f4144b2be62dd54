import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ZERO_UUID } from '@quorum/protocol';
import { writeFileAtomic } from '../fs/atomic-file';
import { errorMessage, type Logger } from '../log';

/**
 * The highest seqno this agent has seen for each node and state UUID, from its polls
 * (`wsrep_last_committed`) and from position recoveries. The safety guard refuses a bootstrap
 * from a position older than this (`position_regressed`): a node that reports less than it once
 * had has lost transactions, and bootstrapping from it would make the loss permanent.
 *
 * Kept in `<stateDir>/positions.json`. Polls change it every second, so those are written at most
 * every few seconds; a recovered position is written at once.
 */
export const POSITIONS_FILE = 'positions.json';

/** UUIDs remembered per node (the newest by time of sighting); older histories are forgotten. */
const MAX_UUIDS_PER_NODE = 8;
const SAVE_DELAY_MS = 5_000;

const entrySchema = z.object({ uuid: z.string(), seqno: z.number().int(), at: z.number().int() });
const fileSchema = z.object({ version: z.literal(1), nodes: z.record(z.string(), z.array(entrySchema)) });
type Entry = z.infer<typeof entrySchema>;

export interface RecordedPositions {
  /** The highest seqno recorded for this node with this state UUID, if any. */
  highest(cluster: string, node: string, uuid: string): number | undefined;
}

export class PositionStore implements RecordedPositions {
  readonly #path: string;
  readonly #log: Logger;
  readonly #nodes = new Map<string, Entry[]>();
  #timer: NodeJS.Timeout | undefined;
  #saving: Promise<void> = Promise.resolve();

  private constructor(path: string, log: Logger) {
    this.#path = path;
    this.#log = log;
  }

  static async open(options: { stateDir: string; log: Logger }): Promise<PositionStore> {
    const store = new PositionStore(join(options.stateDir, POSITIONS_FILE), options.log);
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(store.#path, 'utf8')));
      if (parsed.success) for (const [key, entries] of Object.entries(parsed.data.nodes)) store.#nodes.set(key, entries);
      else options.log.warn('positions file is not valid; starting with no recorded positions', { path: store.#path });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        options.log.warn('cannot read the recorded positions; starting with none', { path: store.#path, error: errorMessage(e) });
      }
    }
    return store;
  }

  highest(cluster: string, node: string, uuid: string): number | undefined {
    return this.#nodes.get(key(cluster, node))?.find((e) => e.uuid === uuid)?.seqno;
  }

  /**
   * Records a sighting; returns true when it raised the recorded position. `durable` writes at
   * once (a recovery), otherwise the write is batched (polls).
   */
  observe(cluster: string, node: string, position: { uuid: string | null; seqno: number | null }, options: { durable?: boolean; now?: number } = {}): boolean {
    const { uuid, seqno } = position;
    if (uuid === null || seqno === null || seqno < 0 || uuid === ZERO_UUID || !/^[0-9a-f-]{36}$/i.test(uuid)) return false;
    const now = options.now ?? Date.now();
    const entries = this.#nodes.get(key(cluster, node)) ?? [];
    const entry = entries.find((e) => e.uuid === uuid);
    if (entry && entry.seqno >= seqno) return false;
    if (entry) {
      entry.seqno = seqno;
      entry.at = now;
    } else {
      entries.push({ uuid, seqno, at: now });
      entries.sort((a, b) => b.at - a.at);
      entries.splice(MAX_UUIDS_PER_NODE);
    }
    this.#nodes.set(key(cluster, node), entries);
    if (options.durable) void this.flush();
    else this.#saveLater();
    return true;
  }

  /** Writes what is recorded now (and waits for it). */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const text = `${JSON.stringify({ version: 1, nodes: Object.fromEntries(this.#nodes) })}\n`;
    this.#saving = this.#saving
      .catch(() => {})
      .then(() => writeFileAtomic(this.#path, text))
      .catch((e: unknown) => this.#log.warn('could not save the recorded positions', { path: this.#path, error: errorMessage(e) }));
    return this.#saving;
  }

  #saveLater(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
    this.#timer.unref();
  }
}

const key = (cluster: string, node: string) => `${cluster}/${node}`;
