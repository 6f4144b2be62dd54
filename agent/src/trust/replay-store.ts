import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ACTION_NAMES, commandUpdateSchema, DEFAULT_MAX_LIFETIME_MS, DEFAULT_MAX_SKEW_MS, type ActionName, type CommandUpdate } from '@quorum/protocol';
import { removeFileDurably, writeFileAtomic } from '../fs/atomic-file';
import { errorMessage, type Logger } from '../log';

/**
 * Every command id this agent decided to run, on disk BEFORE it runs: one file per id,
 * `<stateDir>/commands/<id>.json`, replaced atomically and fsynced (file and directory), so an id
 * survives kill -9 and power loss and is never executed twice. The command's final update is
 * written to the same file when it ends, so a re-sent envelope gets that outcome again instead of
 * a second execution.
 *
 * Bounded: a record whose `expiresAt` + the verifier's clock skew has passed is deleted, because
 * an envelope that old is rejected as `expired` before the replay check is even reached.
 */
export const REPLAY_DIR = 'commands';

const recordSchema = z.object({
  version: z.literal(1),
  id: z.uuid(),
  action: z.enum(ACTION_NAMES),
  clusterId: z.string(),
  nodeId: z.string().optional(),
  receivedAt: z.number().int(),
  expiresAt: z.number().int(),
  outcome: commandUpdateSchema.optional(),
});

export interface CommandRecord {
  id: string;
  action: ActionName;
  clusterId: string;
  nodeId?: string;
  receivedAt: number;
  expiresAt: number;
  /** The final command update (succeeded, failed or rejected), once there is one. */
  outcome?: CommandUpdate;
}

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;
const PRUNE_EVERY_MS = 30_000;

export class ReplayStore {
  readonly #dir: string;
  readonly #log: Logger;
  readonly #skewMs: number;
  readonly #records = new Map<string, CommandRecord>();
  /** Writes of one id run in order (begin before finish). */
  readonly #writes = new Map<string, Promise<void>>();
  #lastPrune = 0;

  private constructor(dir: string, log: Logger, skewMs: number) {
    this.#dir = dir;
    this.#log = log;
    this.#skewMs = skewMs;
  }

  static async open(options: { stateDir: string; log: Logger; skewMs?: number; now?: number }): Promise<ReplayStore> {
    const store = new ReplayStore(join(options.stateDir, REPLAY_DIR), options.log, options.skewMs ?? DEFAULT_MAX_SKEW_MS);
    await mkdir(store.#dir, { recursive: true, mode: 0o700 });
    await store.#load();
    await store.prune(options.now ?? Date.now());
    return store;
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  get(id: string): CommandRecord | undefined {
    return this.#records.get(id);
  }

  get size(): number {
    return this.#records.size;
  }

  /** Records loaded from disk that never got an outcome: the agent died while they ran. */
  unfinished(): CommandRecord[] {
    return [...this.#records.values()].filter((r) => !r.outcome);
  }

  /**
   * Claims an id: from the moment this returns, `has(id)` is true (so a duplicate arriving while
   * the write is in progress is a replay too); the promise resolves once the record is durable.
   * Nothing may run before it resolves.
   */
  begin(record: Omit<CommandRecord, 'outcome'>): Promise<void> {
    if (this.#records.has(record.id)) return Promise.reject(new Error(`command ${record.id} is already recorded`));
    this.#records.set(record.id, { ...record });
    return this.#write(record.id);
  }

  /** Stores a command's final update (durably) so that a re-sent envelope gets it again. */
  finish(id: string, outcome: CommandUpdate): Promise<void> {
    const record = this.#records.get(id);
    if (!record) return Promise.reject(new Error(`command ${id} was never recorded`));
    record.outcome = outcome;
    return this.#write(id);
  }

  /** Deletes finished records whose envelope can no longer pass verification (expired). */
  async prune(now: number): Promise<number> {
    this.#lastPrune = now;
    let removed = 0;
    for (const record of [...this.#records.values()]) {
      if (!record.outcome || record.expiresAt + this.#skewMs >= now || this.#writes.has(record.id)) continue;
      this.#records.delete(record.id);
      try {
        await removeFileDurably(this.#file(record.id));
        removed += 1;
      } catch (e) {
        this.#log.warn('could not delete an old command record', { commandId: record.id, error: errorMessage(e) });
      }
    }
    return removed;
  }

  /** Prunes if it has not been done for a while (called on each new command). */
  maybePrune(now: number): void {
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    void this.prune(now).catch((e: unknown) => this.#log.warn('pruning command records failed', { error: errorMessage(e) }));
  }

  #file(id: string): string {
    return join(this.#dir, `${id}.json`);
  }

  #write(id: string): Promise<void> {
    const previous = this.#writes.get(id) ?? Promise.resolve();
    const run = previous
      .catch(() => {})
      .then(() => {
        const record = this.#records.get(id);
        if (!record) return;
        return writeFileAtomic(this.#file(id), `${JSON.stringify({ version: 1, ...record })}\n`);
      });
    const tracked = run.finally(() => {
      if (this.#writes.get(id) === tracked) this.#writes.delete(id);
    });
    this.#writes.set(id, tracked);
    return run;
  }

  async #load(): Promise<void> {
    for (const name of await readdir(this.#dir)) {
      if (name.endsWith('.tmp')) {
        await unlink(join(this.#dir, name)).catch(() => {}); // a write cut short: its rename never happened
        continue;
      }
      const match = FILE.exec(name);
      if (!match) continue;
      const id = match[1]!;
      const path = join(this.#dir, name);
      const parsed = await readFile(path, 'utf8')
        .then((text) => recordSchema.safeParse(JSON.parse(text)))
        .catch(() => undefined);
      if (parsed?.success && parsed.data.id === id) {
        const { version: _version, ...record } = parsed.data;
        this.#records.set(id, record);
        continue;
      }
      // Unreadable, yet the file name proves the id was claimed: it stays "seen" for as long as
      // any envelope could live, counted from when the file was written.
      const written = await stat(path).then((s) => s.mtimeMs, () => Date.now());
      this.#log.warn('unreadable command record; its id stays claimed', { commandId: id });
      this.#records.set(id, {
        id,
        action: 'collect-diagnostics',
        clusterId: '?',
        receivedAt: Math.floor(written),
        expiresAt: Math.floor(written) + DEFAULT_MAX_LIFETIME_MS,
        outcome: {
          commandId: id,
          state: 'failed',
          at: Math.floor(written),
          seq: 0,
          error: { code: 'record_unreadable', message: 'the agent lost the record of this command; its outcome is unknown' },
        },
      });
    }
  }
}
