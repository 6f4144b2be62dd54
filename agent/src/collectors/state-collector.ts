import { stateChanged, type NodeStatus, type StateReport } from '@quorum/protocol';
import { errorMessage, type Logger } from '../log';
import { clampNodeStatus } from './clamp';
import type { NodeSource } from './node-poller';

export interface WatchedNode {
  cluster: string;
  node: string;
  source: NodeSource;
}

/** Receives state reports; `urgent` ones must be sent at once (a change, or the poll confirming it). */
export type StateSink = (reports: StateReport[], urgent: boolean) => void;

export interface StateCollectorOptions {
  nodes: readonly WatchedNode[];
  intervalMs: number;
  sink: StateSink;
  log: Logger;
  now?: () => number;
  /** Sees every poll (the safety guard records the positions it shows). */
  onPoll?: (cluster: string, node: string, status: NodeStatus) => void;
}

interface NodeLoop {
  readonly watched: WatchedNode;
  pollSeq: number;
  last: StateReport | undefined;
  /** The next poll confirms a change, so it is sent too. */
  confirmNext: boolean;
  timer: NodeJS.Timeout | undefined;
  inFlight: Promise<void> | undefined;
}

/**
 * Polls every node's state on its own loop (default every second). Loops of different nodes run
 * concurrently and a loop never overlaps itself: the next poll starts one interval after the
 * previous one started, or right after it ended if it took longer.
 *
 * A state change is reported at once (`changed: true`, urgent), and so is the poll right after it
 * (`changed: false`), so the cloud can confirm a state such as a split brain on two consecutive
 * polls without waiting for the periodic refresh.
 */
export class StateCollector {
  readonly #opts: StateCollectorOptions;
  readonly #loops: NodeLoop[];
  #running = false;

  constructor(options: StateCollectorOptions) {
    this.#opts = options;
    this.#loops = options.nodes.map((watched) => ({ watched, pollSeq: 0, last: undefined, confirmNext: false, timer: undefined, inFlight: undefined }));
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const loop of this.#loops) this.#schedule(loop, 0);
  }

  /** Stops polling; resolves when polls in flight have finished. */
  async stop(): Promise<void> {
    this.#running = false;
    for (const loop of this.#loops) clearTimeout(loop.timer);
    await Promise.all(this.#loops.map((l) => l.inFlight));
  }

  /** Every node's latest poll, as a refresh (`changed: false`). */
  latest(): StateReport[] {
    return this.#loops.flatMap((l) => (l.last ? [{ ...l.last, changed: false }] : []));
  }

  #schedule(loop: NodeLoop, delayMs: number): void {
    if (!this.#running) return;
    loop.timer = setTimeout(() => {
      loop.timer = undefined;
      const started = this.#now();
      loop.inFlight = this.#poll(loop).finally(() => {
        loop.inFlight = undefined;
        this.#schedule(loop, Math.max(0, started + this.#opts.intervalMs - this.#now()));
      });
    }, delayMs);
  }

  async #poll(loop: NodeLoop): Promise<void> {
    const { cluster, node, source } = loop.watched;
    let status: NodeStatus;
    try {
      status = clampNodeStatus(await source.pollState());
    } catch (e) {
      // NodeSource promises never to reject; if one does anyway, the loop must survive it.
      this.#opts.log.error('node poll failed unexpectedly', { cluster, node, error: errorMessage(e) });
      return;
    }
    if (!this.#running) return;
    this.#opts.onPoll?.(cluster, node, status);
    const report: StateReport = { cluster, node, pollSeq: ++loop.pollSeq, observedAt: this.#now(), changed: false, status };
    const previous = loop.last?.status;
    loop.last = report;
    if (stateChanged(previous, status)) {
      report.changed = true;
      loop.confirmNext = true;
      this.#logChange(loop.watched, previous, status);
      this.#opts.sink([report], true);
    } else if (loop.confirmNext) {
      loop.confirmNext = false;
      this.#opts.sink([report], true);
    }
  }

  #logChange(w: WatchedNode, before: NodeStatus | undefined, s: NodeStatus): void {
    const fields = { cluster: w.cluster, node: w.node };
    if (!s.reachable) {
      if (before?.reachable !== false) this.#opts.log.warn('node unreachable', { ...fields, error: s.error });
      return;
    }
    this.#opts.log.info(before?.reachable === false ? 'node reachable again' : 'node state changed', {
      ...fields,
      clusterStatus: s.clusterStatus,
      clusterSize: s.clusterSize,
      localState: s.localStateComment,
      confId: s.clusterConfId,
      members: s.members?.length ?? null,
      clusterAddress: s.clusterAddress,
    });
  }

  #now(): number {
    return (this.#opts.now ?? Date.now)();
  }
}
