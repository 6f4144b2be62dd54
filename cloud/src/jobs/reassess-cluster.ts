import { assessCluster, type AssessOutput } from '../core/galera/index';
import { observeNodes } from '../core/ingest/freshness';
import type { Deps } from '../deps';
import { newId } from '../ids';
import { insertClusterEvents } from '../db/telemetry-store/batch.store';
import { loadClusterNodes, saveAssessment, type LockedCluster } from '../db/telemetry-store/cluster-assessment.store';
import type { Transaction } from '../db/telemetry-store/executor';
import type { TenantScope } from '../db/tenant-scope';
import { evaluateClusterAlerts } from './alerts/evaluate-cluster-alerts';
import type { NotifyMessage } from './notify.job';

export type ReassessOutput = AssessOutput & {
  /** Deliveries the alert evaluation put in the outbox: dispatch them once the transaction commits. */
  notifications: NotifyMessage[];
};

/**
 * Assesses a cluster whose row the transaction has locked, from every node's latest poll, and
 * stores the verdict, the memory carried to the next assessment, and the events — in the same
 * transaction, so a split brain is on the timeline the moment it is seen (after the rogue node
 * rejoins, nothing in wsrep status shows it any more). Then evaluates the cluster's alerts on
 * that verdict, still in the transaction (see `alerts/evaluate-cluster-alerts.ts`).
 */
export async function reassessLockedCluster(
  tx: Transaction,
  deps: Pick<Deps, 'config' | 'log'>,
  scope: TenantScope,
  cluster: LockedCluster,
  now: number,
): Promise<ReassessOutput> {
  const rows = await loadClusterNodes(tx, scope, cluster.id);
  const { observations, reassessAt } = observeNodes(rows, { now, offlineAfterMs: deps.config.agentOfflineAfterMs });
  const out = assessCluster({
    expectedSize: cluster.expectedSize,
    nodes: observations,
    memory: cluster.memory,
    previousHealth: cluster.health,
    now,
  });
  const health = out.assessment.health;
  await saveAssessment(tx, scope, cluster.id, {
    health,
    healthSince: health === cluster.health ? cluster.healthSince : now,
    assessment: out.assessment,
    memory: out.memory,
    reassessAt,
  });
  await insertClusterEvents(
    tx,
    scope,
    out.events.map((e) => ({
      id: newId('evt', now),
      clusterId: cluster.id,
      nodeId: e.nodeIds.length === 1 ? (e.nodeIds[0] as string) : null,
      type: e.type,
      severity: e.severity,
      message: `${cluster.name}: ${e.message}`,
      data: { ...e.data, nodeIds: e.nodeIds },
      occurredAt: now,
    })),
  );
  for (const e of out.events) {
    if (e.type === 'split_brain_detected' || e.type === 'split_brain_suspected') {
      deps.log.warn(e.type.replace(/_/g, ' '), { orgId: scope.orgId, clusterId: cluster.id, nodeIds: e.nodeIds });
    }
  }
  const notifications = await evaluateClusterAlerts(tx, deps, scope, { cluster, assessment: out.assessment, observations, now });
  return { ...out, notifications };
}
