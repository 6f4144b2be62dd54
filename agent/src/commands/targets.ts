import type { Welcome } from '@quorum/protocol';
import type { ClusterTarget, NodeTarget } from '../actions/types';
import type { AgentConfig } from '../config/schema';
import { createNodeControl } from '../control/node-control';

/**
 * What commands may act on: the configured clusters and nodes that the cloud's `welcome.inventory`
 * names by id. A command names its target by the cloud's ids; an id that does not map to a
 * configured name (or arrives before any inventory) is an unknown target.
 */
export class Targets {
  readonly #nodes: Map<string, NodeTarget[]>;
  readonly #config: AgentConfig;
  #byId = new Map<string, ClusterTarget>();
  #received = false;

  constructor(config: AgentConfig) {
    this.#config = config;
    this.#nodes = new Map(
      config.clusters.map((c) => [
        c.name,
        c.nodes.map((n) => ({ cluster: c.name, name: n.name, config: n, control: n.control ? createNodeControl(n.control) : undefined })),
      ]),
    );
  }

  /** True once a welcome carried an inventory. */
  get hasInventory(): boolean {
    return this.#received;
  }

  /** Forgets the ids (a new connection: its welcome will say them again). */
  clear(): void {
    this.#byId = new Map();
    this.#received = false;
  }

  /** Takes the ids of a welcome; clusters and nodes it names that are not configured here are ignored. */
  setInventory(inventory: Welcome['inventory']): void {
    if (!inventory) return; // a cloud that sends no ids: no command can name a target
    this.#received = true;
    const byId = new Map<string, ClusterTarget>();
    for (const entry of inventory) {
      const config = this.#config.clusters.find((c) => c.name === entry.name);
      const nodes = this.#nodes.get(entry.name);
      if (!config || !nodes) continue;
      const nodeIds = new Map<string, string>();
      for (const n of entry.nodes) if (nodes.some((t) => t.name === n.name)) nodeIds.set(n.nodeId, n.name);
      byId.set(entry.clusterId, { name: config.name, config, nodes, nodeIds });
    }
    this.#byId = byId;
  }

  /** The configured cluster (and node) behind the cloud's ids, or undefined when they are not both known. */
  resolve(clusterId: string, nodeId: string | undefined): { cluster: ClusterTarget; node: NodeTarget | undefined } | undefined {
    const cluster = this.#byId.get(clusterId);
    if (!cluster) return undefined;
    if (nodeId === undefined) return { cluster, node: undefined };
    const name = cluster.nodeIds.get(nodeId);
    const node = name === undefined ? undefined : cluster.nodes.find((n) => n.name === name);
    return node ? { cluster, node } : undefined;
  }

  /** Every configured node (for polls by the actions). */
  allNodes(): NodeTarget[] {
    return [...this.#nodes.values()].flat();
  }
}
