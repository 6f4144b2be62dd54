import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { NodeStatus } from '@quorum/protocol';
import type { AssessmentMemory, Health } from '../../core/galera/index';
import { agents, clusters, nodes, nodeStatus } from '../schema/index';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { NodeRow } from '../../core/ingest/freshness';
import { jsonColumn, type Executor, type Transaction } from './executor';

export interface LockedCluster {
  id: string;
  name: string;
  expectedSize: number;
  health: Health;
  healthSince: number;
  memory: AssessmentMemory;
}

/**
 * Locks clusters (SELECT … FOR UPDATE, in primary-key order so two transactions never wait on
 * each other crosswise) and returns their stored assessment state. Whoever holds the lock owns the
 * cluster's assessment memory until commit: two batches for one cluster never both build on the
 * same memory and lose one update (a split brain's confirmation lives there).
 */
export async function lockClusters(tx: Transaction, scope: TenantScope, clusterIds: readonly string[]): Promise<LockedCluster[]> {
  if (clusterIds.length === 0) return [];
  const rows = await tx
    .select({
      id: clusters.id,
      name: clusters.name,
      expectedSize: clusters.expectedSize,
      health: clusters.health,
      healthSince: clusters.healthSince,
      memory: clusters.assessmentMemory,
    })
    .from(clusters)
    .where(inTenant(clusters, scope, inArray(clusters.id, [...clusterIds])))
    .orderBy(asc(clusters.id))
    .for('update');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    expectedSize: r.expectedSize,
    health: r.health,
    healthSince: r.healthSince.getTime(),
    memory: jsonColumn<AssessmentMemory>(r.memory) ?? {},
  }));
}

/** Every node of a cluster with its latest poll and what is known of the agent watching it. */
export async function loadClusterNodes(db: Executor, scope: TenantScope, clusterId: string): Promise<NodeRow[]> {
  const rows = await db
    .select({
      nodeId: nodes.id,
      name: nodes.name,
      address: nodes.address,
      status: nodeStatus.status,
      pollSeq: nodeStatus.pollSeq,
      observedAt: nodeStatus.observedAt,
      agentConnected: agents.connected,
      agentLastSeenAt: agents.lastSeenAt,
    })
    .from(nodes)
    .leftJoin(nodeStatus, and(eq(nodeStatus.nodeId, nodes.id), eq(nodeStatus.orgId, nodes.orgId)))
    .leftJoin(agents, and(eq(agents.id, nodes.agentId), eq(agents.orgId, nodes.orgId)))
    .where(inTenant(nodes, scope, eq(nodes.clusterId, clusterId)))
    .orderBy(asc(nodes.name));
  return rows.map((r) => ({
    nodeId: r.nodeId,
    name: r.name,
    address: r.address,
    status: jsonColumn<NodeStatus>(r.status),
    pollSeq: r.pollSeq ?? null,
    observedAt: r.observedAt ? r.observedAt.getTime() : null,
    agentConnected: r.agentConnected ?? false,
    agentLastSeenAt: r.agentLastSeenAt ? r.agentLastSeenAt.getTime() : null,
  }));
}

export async function saveAssessment(
  db: Executor,
  scope: TenantScope,
  clusterId: string,
  opts: { health: Health; healthSince: number; assessment: unknown; memory: AssessmentMemory; reassessAt: number | null },
): Promise<void> {
  await db
    .update(clusters)
    .set({
      health: opts.health,
      healthSince: new Date(opts.healthSince),
      assessment: opts.assessment,
      assessmentMemory: opts.memory,
      reassessAt: opts.reassessAt === null ? null : new Date(opts.reassessAt),
    })
    .where(inTenant(clusters, scope, eq(clusters.id, clusterId)));
}

/** The clusters of an organization whose nodes an agent watches. */
export async function clusterIdsWatchedBy(db: Executor, scope: TenantScope, agentId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ clusterId: nodes.clusterId })
    .from(nodes)
    .where(inTenant(nodes, scope, eq(nodes.agentId, agentId)));
  return rows.map((r) => r.clusterId);
}

/**
 * System scan (all tenants): clusters whose stored assessment has gone out of date by time alone.
 * It only finds work; each cluster is then reassessed under its own organization's scope.
 */
export async function scanClustersDue(db: Executor, now: number, limit: number): Promise<Array<{ orgId: string; clusterId: string }>> {
  return db
    .select({ orgId: clusters.orgId, clusterId: clusters.id })
    .from(clusters)
    .where(and(isNotNull(clusters.reassessAt), lte(clusters.reassessAt, new Date(now))))
    .orderBy(asc(clusters.reassessAt))
    .limit(limit);
}
