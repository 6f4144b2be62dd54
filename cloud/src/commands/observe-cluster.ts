import type { ObservedNode } from '../core/commands/rolling-restart';
import { observeNodes } from '../core/ingest/freshness';
import { findCluster, listNodesWithStatus, type ClusterRow, type NodeWithStatus } from '../db/repos/clusters.repo';
import type { Queryable } from '../db/repos/queryable';
import type { TenantScope } from '../db/tenant-scope';

export interface ObservedCluster {
  cluster: ClusterRow;
  nodes: NodeWithStatus[];
  /** Each node's latest poll and whether it is fresh — by the assessment's own rule. */
  observed: ObservedNode[];
}

/** A cluster as the cloud sees it now, for preconditions and orchestration steps; undefined if not the org's. */
export async function observeCluster(
  db: Queryable,
  scope: TenantScope,
  opts: { clusterId: string; now: number; offlineAfterMs: number },
): Promise<ObservedCluster | undefined> {
  const cluster = await findCluster(db, scope, opts.clusterId);
  if (!cluster) return undefined;
  const nodes = await listNodesWithStatus(db, scope, [cluster.id]);
  const { observations } = observeNodes(
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
    { now: opts.now, offlineAfterMs: opts.offlineAfterMs },
  );
  return { cluster, nodes, observed: observations.map((o) => ({ nodeId: o.nodeId, name: o.name, fresh: o.fresh, status: o.status, observedAt: o.observedAt })) };
}

/** The one agent that watches every node of the cluster (cluster-wide commands need one), or why not. */
export function clusterAgent(nodes: readonly NodeWithStatus[]): { agentId: string } | { problem: string } {
  const agents = [...new Set(nodes.map((n) => n.agentId))];
  if (agents.length === 1) return { agentId: agents[0] as string };
  if (agents.length === 0) return { problem: 'the cluster has no nodes reported yet' };
  return { problem: `its nodes are watched by ${agents.length} different agents; a cluster-wide command needs one agent that watches them all` };
}
