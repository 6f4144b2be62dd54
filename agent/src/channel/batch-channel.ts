import type { Ack, ChannelError, ChannelErrorCode } from '@quorum/protocol';
import { errorMessage, type Logger } from '../log';
import type { Session, SessionHandler } from '../connection/client';

/** The part of the spool the channel needs. */
export interface Outbox {
  /** Oldest first; `seq` grows with creation order. */
  entries(): readonly { readonly seq: number; readonly batchId: string }[];
  read(entry: { readonly seq: number; readonly batchId: string }): Promise<string | undefined>;
  remove(batchId: string): Promise<boolean>;
}

export interface ChannelOptions {
  outbox: Outbox;
  log: Logger;
  /** Batches sent and not yet acked, at most (default 16). */
  window?: number;
  /** A batch the cloud could not take for a passing reason is sent again after this long (default 5 s). */
  retryDelayMs?: number;
}

/**
 * Above this many bytes waiting in the socket, no further batch is handed to it: a slow uplink
 * must not pile megabytes in front of the next heartbeat.
 */
const MAX_BUFFERED_BYTES = 256 * 1024;
const BACKLOG_RETRY_MS = 50;

export interface ChannelStats {
  sent: number;
  acked: number;
  /** Acks saying the cloud had already stored the batch (a re-send). */
  duplicates: number;
  /** Batches the cloud refused as invalid: dropped, never sent again. */
  rejected: number;
  inFlight: number;
}

/** Error codes after which the same batch will never be accepted: drop it rather than loop. */
const PERMANENT: ReadonlySet<ChannelErrorCode> = new Set(['invalid_json', 'invalid_message', 'unknown_type', 'too_large']);

/**
 * Sends the outbox's batches over the current session in creation order, at most `window` awaiting
 * an ack at a time, and deletes each from the outbox once acked. On a new session everything still
 * in the outbox is sent again from the oldest (the cloud dedupes by batch id).
 */
export class BatchChannel implements SessionHandler {
  readonly #opts: ChannelOptions;
  readonly #window: number;
  #session: Session | undefined;
  #paused = false;
  /** Highest seq handed to the current session; later entries are still to send. */
  #cursor = 0;
  readonly #inFlight = new Set<string>();
  /** Entries to send again (a passing error) before continuing after the cursor. */
  readonly #retry: { seq: number; batchId: string }[] = [];
  #pumping = false;
  #backlogTimer: NodeJS.Timeout | undefined;
  #retryTimers = new Set<NodeJS.Timeout>();
  readonly #stats = { sent: 0, acked: 0, duplicates: 0, rejected: 0 };

  constructor(options: ChannelOptions) {
    this.#opts = options;
    this.#window = options.window ?? 16;
  }

  ready(session: Session): void {
    this.#session = session;
    this.#paused = false;
    this.#reset();
    void this.#pump();
  }

  down(): void {
    this.#session = undefined;
    this.#reset();
  }

  pause(): void {
    this.#paused = true;
  }

  idle(): boolean {
    return this.#inFlight.size === 0;
  }

  /** A new batch is in the outbox. */
  notify(): void {
    void this.#pump();
  }

  stats(): ChannelStats {
    return { ...this.#stats, inFlight: this.#inFlight.size };
  }

  stop(): void {
    this.down();
  }

  message(msg: Ack | ChannelError): void {
    if (msg.type === 'ack') {
      if (this.#inFlight.delete(msg.batchId)) {
        this.#stats.acked += 1;
        if (msg.duplicate) this.#stats.duplicates += 1;
      }
      void this.#forget(msg.batchId);
      return;
    }
    if (!msg.batchId) {
      this.#opts.log.warn('the cloud reported an error', { code: msg.code, error: msg.message });
      return;
    }
    const batchId = msg.batchId;
    if (!this.#inFlight.has(batchId)) return;
    if (PERMANENT.has(msg.code)) {
      this.#inFlight.delete(batchId);
      this.#stats.rejected += 1;
      this.#opts.log.error('the cloud rejected a batch; dropped it', { batchId, code: msg.code, error: msg.message, rejectedTotal: this.#stats.rejected });
      void this.#forget(batchId);
      return;
    }
    // rate_limited, internal…: the batch is fine, the moment was not. Send it again later.
    this.#opts.log.warn('the cloud could not take a batch now; will send it again', { batchId, code: msg.code });
    const session = this.#session;
    const t = setTimeout(() => {
      this.#retryTimers.delete(t);
      if (session !== this.#session || !this.#inFlight.delete(batchId)) return;
      const entry = this.#opts.outbox.entries().find((e) => e.batchId === batchId);
      if (entry) this.#retry.push(entry);
      void this.#pump();
    }, this.#opts.retryDelayMs ?? 5000);
    this.#retryTimers.add(t);
  }

  async #forget(batchId: string): Promise<void> {
    try {
      await this.#opts.outbox.remove(batchId);
    } catch (e) {
      this.#opts.log.warn('could not remove a batch from the spool', { batchId, error: errorMessage(e) });
    }
    void this.#pump();
  }

  #reset(): void {
    clearTimeout(this.#backlogTimer);
    this.#backlogTimer = undefined;
    this.#cursor = 0;
    this.#inFlight.clear();
    this.#retry.length = 0;
    for (const t of this.#retryTimers) clearTimeout(t);
    this.#retryTimers.clear();
  }

  #next(): { seq: number; batchId: string } | undefined {
    const retry = this.#retry.shift();
    if (retry) return retry;
    // Entries at or below the cursor are in flight or already acked, so this scan is short.
    return this.#opts.outbox.entries().find((e) => e.seq > this.#cursor);
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#session && !this.#paused && this.#inFlight.size < this.#window) {
        const session = this.#session;
        if (session.buffered() > MAX_BUFFERED_BYTES) {
          this.#backlogTimer ??= setTimeout(() => {
            this.#backlogTimer = undefined;
            void this.#pump();
          }, BACKLOG_RETRY_MS);
          break;
        }
        const entry = this.#next();
        if (!entry) break;
        this.#cursor = Math.max(this.#cursor, entry.seq);
        this.#inFlight.add(entry.batchId);
        let text: string | undefined;
        try {
          text = await this.#opts.outbox.read(entry);
        } catch (e) {
          this.#opts.log.error('could not read a spooled batch; skipping it', { batchId: entry.batchId, error: errorMessage(e) });
        }
        if (session !== this.#session) break;
        if (text === undefined) {
          this.#inFlight.delete(entry.batchId); // dropped or acked meanwhile
          continue;
        }
        if (!session.send(text)) {
          this.#inFlight.delete(entry.batchId);
          break;
        }
        this.#stats.sent += 1;
      }
    } catch (e) {
      this.#opts.log.error('sending batches failed; will resume on the next event', { error: errorMessage(e) });
    } finally {
      this.#pumping = false;
    }
  }
}
