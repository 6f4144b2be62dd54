import { randomUUID } from 'node:crypto';
import {
  describeIssues,
  encodeMessage,
  MAX_MESSAGE_BYTES,
  metricSampleSchema,
  nodeConfigReportSchema,
  commandUpdateSchema,
  stateReportSchema,
  utf8Length,
  type BatchInput,
  type MetricSample,
  type NodeConfigReport,
  type CommandUpdate,
  type StateReport,
} from '@quorum/protocol';
import type { z } from 'zod';
import type { Logger } from '../log';

/** Where finished batches go (the spool, then the channel). Receives the serialized message. */
export type BatchSink = (batch: BuiltBatch) => void;

export interface BuiltBatch {
  batchId: string;
  text: string;
  states: number;
  samples: number;
  configs: number;
  commands: number;
}

/** What goes into batches: command updates first, then state reports, config reports, samples. */
export interface BatchItems {
  states: readonly StateReport[];
  samples: readonly MetricSample[];
  configs?: readonly NodeConfigReport[];
  commands?: readonly CommandUpdate[];
}

/** The protocol's cap on states and on samples per batch. */
const MAX_ITEMS_PER_ARRAY = 512;
/** The protocol's cap on config reports per batch… */
const MAX_CONFIGS_PER_BATCH = 64;
/** … and on command updates. */
const MAX_COMMANDS_PER_BATCH = 64;

export interface SplitOptions {
  maxBytes?: number;
  createdAt: number;
  newId?: () => string;
}

/**
 * Packs command updates, states, config reports and samples into as few batch messages as
 * possible, each at most `maxBytes` serialized (the channel's 128 KB message limit) and at most 512
 * items per array (64 config reports, 64 command updates). Command updates go first, then states,
 * each in order. An item that cannot fit in any message on its
 * own is returned in `tooLarge`.
 */
export function splitIntoBatches(items: BatchItems, options: SplitOptions): { batches: BuiltBatch[]; tooLarge: number } {
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
  const newId = options.newId ?? randomUUID;
  const envelope = utf8Length(
    JSON.stringify({ type: 'batch', batchId: randomUUID(), createdAt: options.createdAt, states: [], samples: [], configs: [], commands: [] }),
  );
  const budget = maxBytes - envelope;
  const batches: BuiltBatch[] = [];
  let tooLarge = 0;
  const empty = () => ({ states: [] as StateReport[], samples: [] as MetricSample[], configs: [] as NodeConfigReport[], commands: [] as CommandUpdate[], bytes: 0 });
  let cur = empty();
  const close = () => {
    if (cur.states.length + cur.samples.length + cur.configs.length + cur.commands.length === 0) return;
    const message: BatchInput = {
      type: 'batch',
      batchId: newId(),
      createdAt: options.createdAt,
      states: cur.states,
      samples: cur.samples,
      // Only when there are some: a batch without the key is read as `configs: []`.
      ...(cur.configs.length > 0 ? { configs: cur.configs } : {}),
      ...(cur.commands.length > 0 ? { commands: cur.commands } : {}),
    };
    batches.push({ batchId: message.batchId, text: encodeMessage(message), states: cur.states.length, samples: cur.samples.length, configs: cur.configs.length, commands: cur.commands.length });
    cur = empty();
  };
  const add = <T>(item: T, list: (c: typeof cur) => T[], cap = MAX_ITEMS_PER_ARRAY) => {
    const size = utf8Length(JSON.stringify(item)) + 1; // + the comma that separates it
    if (size > budget) {
      tooLarge += 1;
      return;
    }
    if (cur.bytes + size > budget || list(cur).length >= cap) close();
    list(cur).push(item);
    cur.bytes += size;
  };
  for (const u of items.commands ?? []) add(u, (c) => c.commands, MAX_COMMANDS_PER_BATCH);
  for (const s of items.states) add(s, (c) => c.states);
  for (const r of items.configs ?? []) add(r, (c) => c.configs, MAX_CONFIGS_PER_BATCH);
  for (const s of items.samples) add(s, (c) => c.samples);
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
 * Collects state reports, config reports, samples and command updates and hands them on as
 * batches. Command updates and urgent states (a state change and the confirming poll after it) are flushed at once — on the next turn of the event loop, so
 * that changes seen by several nodes' polls in the same instant share one batch. Everything else
 * waits for an explicit `flush()` (the sample round) or at most `maxDelayMs`.
 */
export class Batcher {
  readonly #opts: BatcherOptions;
  #states: StateReport[] = [];
  #samples: MetricSample[] = [];
  #configs: NodeConfigReport[] = [];
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

  /** Config reports are urgent: a bad setting in an option file is flagged before the restart. */
  addConfigs(reports: readonly NodeConfigReport[]): void {
    if (reports.length === 0) return;
    this.#configs.push(...reports);
    this.#flushSoon();
  }

  addSamples(samples: readonly MetricSample[]): void {
    if (samples.length === 0) return;
    this.#samples.push(...samples);
    this.#flushLater();
  }

  get pending(): number {
    return this.#states.length + this.#samples.length + this.#configs.length + this.#commands.length;
  }

  flush(): void {
    this.#cancelTimers();
    if (this.pending === 0) return;
    // One invalid item would make the cloud reject the whole batch: leave it out, loudly.
    const states = this.#states.filter((s) => this.#valid(stateReportSchema, s, 'state report'));
    const samples = this.#samples.filter((s) => this.#valid(metricSampleSchema, s, 'metric sample'));
    const configs = this.#configs.filter((c) => this.#valid(nodeConfigReportSchema, c, 'config report'));
    const commands = this.#commands.filter((c) => {
      const r = commandUpdateSchema.safeParse(c);
      if (!r.success) this.#opts.log.error('dropped an invalid command update', { commandId: c.commandId, state: c.state, error: describeIssues(r.error) });
      return r.success;
    });
    const { batches, tooLarge } = splitIntoBatches(
      { states, samples, configs, commands },
      { createdAt: (this.#opts.now ?? Date.now)(), ...(this.#opts.maxBytes ? { maxBytes: this.#opts.maxBytes } : {}) },
    );
    this.#states = [];
    this.#samples = [];
    this.#configs = [];
    this.#commands = [];
    if (tooLarge > 0) this.#opts.log.error('dropped items too large for any message', { count: tooLarge });
    for (const b of batches) this.#opts.sink(b);
  }

  /** Stops the timers; what is pending stays pending (call flush() first to keep it). */
  stop(): void {
    this.#cancelTimers();
  }

  #valid(schema: z.ZodType, item: StateReport | MetricSample | NodeConfigReport, what: string): boolean {
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
