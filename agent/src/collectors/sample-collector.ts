import { computeMetrics, type MetricSample, type StatusReading } from '@quorum/protocol';
import type { WatchedNode } from './state-collector';

/**
 * Reads every node's full `SHOW GLOBAL STATUS` and turns it into one MetricSample per node:
 * gauges as read, counters as per-second rates against the node's previous reading (so the first
 * round of a node has gauges only). An unreachable node yields no sample.
 */
export class SampleCollector {
  readonly #nodes: readonly WatchedNode[];
  readonly #previous = new Map<WatchedNode, StatusReading>();

  constructor(nodes: readonly WatchedNode[]) {
    this.#nodes = nodes;
  }

  /** One round over all nodes, concurrently. */
  async collect(): Promise<MetricSample[]> {
    const samples = await Promise.all(this.#nodes.map((n) => this.#sample(n)));
    return samples.filter((s): s is MetricSample => s !== undefined);
  }

  async #sample(node: WatchedNode): Promise<MetricSample | undefined> {
    const reading = await node.source.readStatus();
    if (!reading) return undefined;
    const values = computeMetrics(this.#previous.get(node), reading);
    this.#previous.set(node, reading);
    if (Object.keys(values).length === 0) return undefined;
    return { cluster: node.cluster, node: node.node, observedAt: reading.at, values };
  }
}
