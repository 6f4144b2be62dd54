import { readFileSync } from 'node:fs';
import { toNodeStatus, unreachableStatus, type NodeStatus } from '@quorum/protocol';
import type { NodeObservation } from '../../src/core/galera/types';

/**
 * Real captures of a 3-node MariaDB 10.11 + Galera 4.23 lab (see fixtures/galera/README.md),
 * turned into what the agent would report for each node.
 */
interface FixtureNode {
  reachable?: boolean;
  error?: string;
  address?: string;
  globalStatus?: Record<string, string | null>;
  wsrepVariables?: Record<string, string | null>;
  clusterMembers?: Array<{ node_uuid: string; node_name: string; node_incoming_address: string }>;
}

const FIXTURE_DIR = new URL('../fixtures/galera/', import.meta.url);

export function fixtureStatuses(file: string): Record<string, NodeStatus> {
  const data = JSON.parse(readFileSync(new URL(file, FIXTURE_DIR), 'utf8')) as { nodes: Record<string, FixtureNode> };
  return Object.fromEntries(
    Object.entries(data.nodes).map(([name, n]) => [
      name,
      n.reachable === false || !n.globalStatus
        ? unreachableStatus(n.error ?? 'unreachable')
        : toNodeStatus({
            status: n.globalStatus,
            members: n.clusterMembers ?? null,
            clusterAddress: n.wsrepVariables?.wsrep_cluster_address ?? null,
            clusterName: n.wsrepVariables?.wsrep_cluster_name ?? null,
          }),
    ]),
  );
}

/** Observations of node1..node3 (ids `n1`…) from a fixture, all fresh, at the given poll. */
export function fixtureObservations(file: string, opts: { pollSeq?: number; observedAt?: number } = {}): NodeObservation[] {
  const statuses = fixtureStatuses(file);
  return Object.entries(statuses).map(([name, status]) => ({
    nodeId: `n${name.replace('node', '')}`,
    name,
    address: `127.0.0.1${name.replace('node', '')}:3306${name.replace('node', '')}`,
    status,
    pollSeq: opts.pollSeq ?? 1,
    observedAt: opts.observedAt ?? 1_000,
    fresh: true,
  }));
}
