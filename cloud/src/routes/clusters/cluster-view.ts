import { primaryComponents } from '../../core/galera/components';
import { observeNodes } from '../../core/ingest/freshness';
import type { Assessment, Health, NodeObservation } from '../../core/galera/types';
import type { ActiveAlertCounts } from '../../db/repos/alerts.repo';
import type { ClusterRow, NodeWithStatus } from '../../db/repos/clusters.repo';
import { parseJson } from '../../db/repos/queryable';
import type { ClusterDetail, ClusterSummary, NodeDetail } from './cluster.schemas';

/** Worst first: the cluster that needs a human is at the top of the list. */
export const HEALTH_ORDER: readonly Health[] = ['split_brain', 'no_primary', 'degraded', 'unknown', 'healthy'];

export function compareClusters(a: { health: Health; name: string }, b: { health: Health; name: string }): number {
  return HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health) || a.name.localeCompare(b.name);
}

/**
 * Which nodes' reports are current — by the same rule the ingest assesses with
 * (`core/ingest/freshness.ts`), so the page and the stored health never disagree about it.
 */
export function observe(nodes: readonly NodeWithStatus[], now: number, offlineAfterMs: number): NodeObservation[] {
  return observeNodes(
    nodes.map((n) => ({
      nodeId: n.id,
      name: n.name,
      address: n.address,
      status: n.status,
      pollSeq: n.pollSeq,
      observedAt: n.observedAt?.getTime() ?? null,
      agentConnected: n.agentConnected,
      agentLastSeenAt: n.agentLastSeenAt?.getTime() ?? null,
    })),
    { now, offlineAfterMs },
  ).observations;
}

function stateOf(node: NodeWithStatus): string {
  if (!node.status) return 'unknown';
  if (!node.status.reachable) return 'unreachable';
  return node.status.localStateComment ?? 'unknown';
}

export function nodeDetail(node: NodeWithStatus, fresh: boolean): NodeDetail {
  const s = node.status;
  return {
    id: node.id,
    name: node.name,
    address: node.address,
    agentId: node.agentId,
    state: stateOf(node),
    fresh,
    observedAt: node.observedAt?.getTime() ?? null,
    receivedAt: node.receivedAt?.getTime() ?? null,
    reachable: s?.reachable ?? null,
    error: s?.error ?? null,
    clusterStatus: s?.clusterStatus ?? null,
    localState: s?.localState ?? null,
    localStateComment: s?.localStateComment ?? null,
    clusterSize: s?.clusterSize ?? null,
    clusterConfId: s?.clusterConfId ?? null,
    clusterStateUuid: s?.clusterStateUuid ?? null,
    ready: s?.ready ?? null,
    connected: s?.connected ?? null,
    lastCommitted: s?.lastCommitted ?? null,
    members: s?.members ?? null,
    incomingAddresses: s?.incomingAddresses ?? [],
    clusterAddress: s?.clusterAddress ?? null,
    clusterName: s?.clusterName ?? null,
    desyncCount: s?.desyncCount ?? null,
  };
}

/** The cluster with its live node details; the list view drops the details it does not need. */
export function clusterDetail(
  cluster: ClusterRow,
  nodes: NodeWithStatus[],
  opts: { now: number; offlineAfterMs: number; alerts: ActiveAlertCounts },
): ClusterDetail {
  const observations = observe(nodes, opts.now, opts.offlineAfterMs);
  const details = nodes.map((n, i) => nodeDetail(n, observations[i]?.fresh ?? false));
  const assessment = parseJson<Assessment>(cluster.assessment);
  // The stored assessment is what set `health`; count its Primary components so the two agree.
  const primaries = assessment
    ? assessment.components.filter((c) => c.kind === 'primary').length
    : primaryComponents(observations).length;
  const seen = details.flatMap((d) => (d.observedAt === null ? [] : [d.observedAt]));
  return {
    id: cluster.id,
    name: cluster.name,
    expectedSize: cluster.expectedSize,
    health: cluster.health,
    healthSince: cluster.healthSince.getTime(),
    summary: assessment?.summary ?? (nodes.length === 0 ? 'No node has been reported yet.' : 'Not assessed yet.'),
    nodeCount: nodes.length,
    syncedCount: details.filter((d) => d.fresh && d.reachable && d.clusterStatus === 'Primary' && d.localStateComment === 'Synced').length,
    primaryComponents: primaries,
    lastSeenAt: seen.length > 0 ? Math.max(...seen) : null,
    alerts: opts.alerts,
    nodes: details,
    assessment,
  };
}

export function clusterSummary(detail: ClusterDetail): ClusterSummary {
  const { assessment: _assessment, nodes, ...rest } = detail;
  return {
    ...rest,
    nodes: nodes.map((n) => ({
      id: n.id,
      name: n.name,
      address: n.address,
      state: n.state,
      clusterStatus: n.clusterStatus,
      fresh: n.fresh,
      observedAt: n.observedAt,
    })),
  };
}
