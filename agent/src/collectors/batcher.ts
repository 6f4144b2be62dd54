import { randomUUID } from 'node:crypto';
import {
  commandUpdateSchema,
  describeIssues,
  encodeMessage,
  MAX_MESSAGE_BYTES,
  metricSampleSchema,
  stateReportSchema,
  utf8Length,
  type BatchInput,
  type CommandUpdate,
  type MetricSample,
  type StateReport,
} from '@quorum/protocol';
import type { z } from 'zod';
import type { Logger } from '../log';

/** Where finished batches go (the spool, then the channel). Receives the serialized message. */
export type BatchSink = (batch: BatchText) => void;

export interface BatchText {
  batchId: string;
  text: string;
  states: number;
  samples: number;
  commands: number;
}

/** The protocol's cap on states and on samples per batch. */
const MAX_ITEMS_PER_ARRAY = 512;
/** … and on command updates. */
const MAX_COMMANDS_PER_BATCH = 64;

export interface SplitOptions {
  maxBytes?: number;
  createdAt: number;
  newId?: () => string;
}

/**
 * Packs command updates, states and samples into as few batch messages as possible, each at most
 * `maxBytes` serialized (the channel's 128 KB message limit), at most 512 states or samples and 64
 * command updates. Command updates go first, then states, each in order. An item that cannot fit
 * in any message on its own is returned in `tooLarge`.
 */
export function splitIntoBatches(
  states: readonly StateReport[],
  samples: readonly MetricSample[],
  options: SplitOptions,
  commands: readonly CommandUpdate[] = [],
): { batches: BatchText[]; tooLarge: number } {
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
  const newId = options.newId ?? randomUUID;
  const envelope = utf8Length(
    JSON.stringify({ type: 'batch', batchId: randomUUID(), createdAt: options.createdAt, states: [], samples: [], commands: [] }),
  );
  const budget = maxBytes - envelope;
  const batches: BatchText[] = [];
  let tooLarge = 0;
  const empty = () => ({ states: [] as StateReport[], samples: [] as MetricSample[], commands: [] as CommandUpdate[], bytes: 0 });
  let cur = empty();
  const close = () => {
    if (cur.states.length + cur.samples.length + cur.commands.length === 0) return;
    const message: BatchInput = {
      type: 'batch',
      batchId: newId(),
      createdAt: options.createdAt,
      states: cur.states,
      samples: cur.samples,
      ...(cur.commands.length > 0 ? { commands: cur.commands } : {}),
    };
    batches.push({ batchId: message.batchId, text: encodeMessage(message), states: cur.states.length, samples: cur.samples.length, commands: cur.commands.length });
    cur = empty();
  };
  const add = <T>(item: T, list: (c: typeof cur) => T[], cap: number) => {
    const size = utf8Length(JSON.stringify(item)) + 1; // + the comma that separates it
    if (size > budget) {
      tooLarge += 1;
      return;
    }
    if (cur.bytes + size > budget || list(cur).length >= cap) close();
    list(cur).push(item);
    cur.bytes += size;
  };
  for (const c of commands) add(c, (b) => b.commands, MAX_COMMANDS_PER_BATCH);
  for (const s of states) add(s, (b) => b.states, MAX_ITEMS_PER_ARRAY);
  for (const s of samples) add(s, (b) => b.samples, MAX_ITEMS_PER_ARRAY);
  close();
  return { batches, tooLarge };
}

export interface BatcherOptions {
  sink: BatchSink;
  log: Logger;
  /** Longest a non-urgent item waits for a flush (default 10 s). */
  maxDelayMs?: number;
  now?: () => number;
  maxBytes?: number;
}

/**
 * Collects state reports, samples and command updates and hands them on as batches. Command
 * updates and urgent states (a state change and the confirming poll after it) are flushed at once — on the next turn of the event loop, so
 * that changes seen by several nodes' polls in the same instant share one batch. Everything else
 * waits for an explicit `flush()` (the sample round) or at most `maxDelayMs`.
 */
export class Batcher {
  readonly #opts: BatcherOptions;
  #states: StateReport[] = [];
  #samples: MetricSample[] = [];
  #commands: CommandUpdate[] = [];
  #immediate: NodeJS.Immediate | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: BatcherOptions) {
    this.#opts = options;
  }

  addStates(reports: readonly StateReport[], urgent: boolean): void {
    if (reports.length === 0) return;
    this.#states.push(...reports);
    if (urgent) this.#flushSoon();
    else this.#flushLater();
  }

  /** Command progress and results: always sent at once. */
  addCommands(updates: readonly CommandUpdate[]): void {
    if (updates.length === 0) return;
    this.#commands.push(...updates);
    this.#flushSoon();
  }

  addSamples(samples: readonly MetricSample[]): void {
    if (samples.length === 0) return;
    this.#samples.push(...samples);
    this.#flushLater();
  }

  get pending(): number {
    return this.#states.length + this.#samples.length + this.#commands.length;
  }

  flush(): void {
    this.#cancelTimers();
    if (this.pending === 0) return;
    // One invalid item would make the cloud reject the whole batch: leave it out, loudly.
    const states = this.#states.filter((s) => this.#valid(stateReportSchema, s, 'state report'));
    const samples = this.#samples.filter((s) => this.#valid(metricSampleSchema, s, 'metric sample'));
    const commands = this.#commands.filter((c) => {
      const r = commandUpdateSchema.safeParse(c);
      if (!r.success) this.#opts.log.error('dropped an invalid command update', { commandId: c.commandId, state: c.state, error: describeIssues(r.error) });
      return r.success;
    });
    const { batches, tooLarge } = splitIntoBatches(
      states,
      samples,
      { createdAt: (this.#opts.now ?? Date.now)(), ...(this.#opts.maxBytes ? { maxBytes: this.#opts.maxBytes } : {}) },
      commands,
    );
    this.#states = [];
    this.#samples = [];
    this.#commands = [];
    if (tooLarge > 0) this.#opts.log.error('dropped items too large for any message', { count: tooLarge });
    for (const b of batches) this.#opts.sink(b);
  }

  /** Stops the timers; what is pending stays pending (call flush() first to keep it). */
  stop(): void {
    this.#cancelTimers();
  }

  #valid(schema: z.ZodType, item: StateReport | MetricSample, what: string): boolean {
    const r = schema.safeParse(item);
    if (!r.success) this.#opts.log.error(`dropped an invalid ${what}`, { cluster: item.cluster, node: item.node, error: describeIssues(r.error) });
    return r.success;
  }

  #flushSoon(): void {
    if (this.#immediate) return;
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined;
      this.flush();
    });
  }

  #flushLater(): void {
    if (this.#timer || this.#immediate) return;
    this.#timer = setTimeout(() => this.flush(), this.#opts.maxDelayMs ?? 10_000);
    this.#timer.unref();
  }

  #cancelTimers(): void {
    if (this.#immediate) clearImmediate(this.#immediate);
    if (this.#timer) clearTimeout(this.#timer);
    this.#immediate = undefined;
    this.#timer = undefined;
  }
}
