import { and, asc, eq, inArray } from 'drizzle-orm';
import type { NodeStatus } from '@quorum/protocol';
import { agents } from '../schema/identity';
import { clusters, nodes, nodeStatus } from '../schema/telemetry';
import { inTenant, type TenantScope } from '../tenant-scope';
import { parseJson, type Queryable } from './queryable';

export type ClusterRow = typeof clusters.$inferSelect;

export async function listClusters(db: Queryable, scope: TenantScope): Promise<ClusterRow[]> {
  return db.select().from(clusters).where(inTenant(clusters, scope)).orderBy(asc(clusters.name));
}

export async function findCluster(db: Queryable, scope: TenantScope, id: string): Promise<ClusterRow | undefined> {
  const [row] = await db.select().from(clusters).where(inTenant(clusters, scope, eq(clusters.id, id))).limit(1);
  return row;
}

export interface NodeWithStatus {
  id: string;
  clusterId: string;
  name: string;
  address: string;
  agentId: string;
  /** Whether the agent watching the node is connected now (and not revoked). */
  agentConnected: boolean;
  /** When that agent was last heard from (null once revoked: its reports are no longer trusted). */
  agentLastSeenAt: Date | null;
  status: NodeStatus | null;
  pollSeq: number | null;
  observedAt: Date | null;
  receivedAt: Date | null;
}

/**
 * The nodes of the given clusters with their latest status and their agent's connection state.
 * The joins repeat the org id, so a row of another tenant can never be joined in even if ids
 * collided.
 */
export async function listNodesWithStatus(db: Queryable, scope: TenantScope, clusterIds: string[]): Promise<NodeWithStatus[]> {
  if (clusterIds.length === 0) return [];
  const rows = await db
    .select({
      id: nodes.id,
      clusterId: nodes.clusterId,
      name: nodes.name,
      address: nodes.address,
      agentId: nodes.agentId,
      agentConnected: agents.connected,
      agentLastSeenAt: agents.lastSeenAt,
      agentRevokedAt: agents.revokedAt,
      status: nodeStatus.status,
      pollSeq: nodeStatus.pollSeq,
      observedAt: nodeStatus.observedAt,
      receivedAt: nodeStatus.receivedAt,
    })
    .from(nodes)
    .leftJoin(nodeStatus, and(eq(nodeStatus.nodeId, nodes.id), eq(nodeStatus.orgId, nodes.orgId)))
    .leftJoin(agents, and(eq(agents.id, nodes.agentId), eq(agents.orgId, nodes.orgId)))
    .where(inTenant(nodes, scope, inArray(nodes.clusterId, clusterIds)))
    .orderBy(asc(nodes.name), asc(nodes.id));
  return rows.map(({ agentRevokedAt, agentConnected, agentLastSeenAt, status, ...r }) => ({
    ...r,
    agentConnected: agentConnected === true && agentRevokedAt === null,
    agentLastSeenAt: agentRevokedAt === null ? agentLastSeenAt : null,
    status: parseJson<NodeStatus>(status),
  }));
}

export async function findNode(db: Queryable, scope: TenantScope, id: string) {
  const [row] = await db.select().from(nodes).where(inTenant(nodes, scope, eq(nodes.id, id))).limit(1);
  return row;
}
