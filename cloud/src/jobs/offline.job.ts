import type { Deps } from '../deps';
import { newId } from '../ids';
import { forgetConnection } from '../db/telemetry-store/agent-connections.store';
import { insertClusterEvents } from '../db/telemetry-store/batch.store';
import { clusterIdsWatchedBy, lockClusters, scanClustersDue } from '../db/telemetry-store/cluster-assessment.store';
import { inTransaction } from '../db/telemetry-store/executor';
import { agentLabel, markAgentOffline, scanConnections, scanSilentAgents, type ConnectionRef } from '../db/telemetry-store/offline.store';
import { tenantScope } from '../db/tenant-scope';
import { dispatchNotifications } from './alerts/dispatch';
import type { NotifyMessage } from './notify.job';
import { reassessLockedCluster } from './reassess-cluster';

type JobDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'agentChannel' | 'queue'>;

/** How much one run handles of each kind; the rest waits for the next run seconds later. */
const SCAN_LIMIT = 500;

export interface OfflineRunResult {
  connectionsDropped: number;
  agentsOffline: string[];
  clustersReassessed: number;
}

/**
 * The offline detection job (every few seconds):
 * 1. connections silent for longer than `agentOfflineAfterMs` are dropped (their sockets closed);
 * 2. agents left without a connection and not heard from are marked disconnected, with an
 *    `agent_offline` event on each cluster they watch, and those clusters are reassessed;
 * 3. clusters whose assessment went out of date by time alone (`reassess_at`) are reassessed —
 *    their nodes' data turned stale, so they become unknown rather than keep a stale verdict.
 */
export async function detectOffline(deps: JobDeps): Promise<OfflineRunResult> {
  const now = deps.clock.now();
  const before = now - deps.config.agentOfflineAfterMs;
  const silent = await scanConnections(deps.db, { before, limit: SCAN_LIMIT });
  const offline = await dropConnections(deps, silent, 'no message for too long: reconnect');
  for (const a of await scanSilentAgents(deps.db, { before, limit: SCAN_LIMIT })) {
    if (await markAgentOffline(deps.db, tenantScope(a.orgId), a.agentId)) offline.set(a.agentId, a.orgId);
  }
  const clusters = new Map<string, { orgId: string; offlineAgents: string[] }>();
  for (const [agentId, orgId] of offline) {
    for (const clusterId of await clusterIdsWatchedBy(deps.db, tenantScope(orgId), agentId)) {
      const entry = clusters.get(clusterId) ?? { orgId, offlineAgents: [] };
      entry.offlineAgents.push(agentId);
      clusters.set(clusterId, entry);
    }
  }
  for (const due of await scanClustersDue(deps.db, now, SCAN_LIMIT)) {
    if (!clusters.has(due.clusterId)) clusters.set(due.clusterId, { orgId: due.orgId, offlineAgents: [] });
  }
  for (const [clusterId, { orgId, offlineAgents }] of clusters) {
    await reassessCluster(deps, { orgId, clusterId, offlineAgents, now });
  }
  if (offline.size > 0) deps.log.warn('agents offline', { agents: [...offline.keys()] });
  return { connectionsDropped: silent.length, agentsOffline: [...offline.keys()], clustersReassessed: clusters.size };
}

/**
 * Forgets connections no socket of this process serves (called by the local host at start-up:
 * a restart leaves the previous process's rows behind), and reassesses the clusters of agents
 * left without one, so their freshness is reckoned from when they were last heard.
 */
export async function forgetOrphanedConnections(deps: JobDeps): Promise<number> {
  const rows = await scanConnections(deps.db, { limit: 100_000 });
  const offline = await dropConnections(deps, rows, 'the control plane restarted');
  const now = deps.clock.now();
  for (const [agentId, orgId] of offline) {
    for (const clusterId of await clusterIdsWatchedBy(deps.db, tenantScope(orgId), agentId)) {
      await reassessCluster(deps, { orgId, clusterId, offlineAgents: [], now });
    }
  }
  return rows.length;
}

/** Forgets connections and closes their sockets; returns the agents left without any (id → org). */
async function dropConnections(deps: JobDeps, rows: readonly ConnectionRef[], reason: string): Promise<Map<string, string>> {
  const offline = new Map<string, string>();
  for (const c of rows) {
    const { agentStillConnected } = await forgetConnection(deps.db, tenantScope(c.orgId), c);
    await deps.agentChannel.close(c.connectionId, 1000, reason).catch(() => {});
    if (!agentStillConnected) offline.set(c.agentId, c.orgId);
  }
  return offline;
}

async function reassessCluster(
  deps: JobDeps,
  opts: { orgId: string; clusterId: string; offlineAgents: string[]; now: number },
): Promise<void> {
  const scope = tenantScope(opts.orgId);
  const labels = await Promise.all(opts.offlineAgents.map((id) => agentLabel(deps.db, scope, id)));
  const notifications = await inTransaction(deps.db, async (tx): Promise<NotifyMessage[]> => {
    const [cluster] = await lockClusters(tx, scope, [opts.clusterId]);
    if (!cluster) return [];
    await insertClusterEvents(
      tx,
      scope,
      opts.offlineAgents.map((agentId, i) => ({
        id: newId('evt', opts.now),
        clusterId: cluster.id,
        nodeId: null,
        type: 'agent_offline',
        severity: 'warning',
        message: `${cluster.name}: agent ${labels[i]} has not been heard from for over ${Math.round(deps.config.agentOfflineAfterMs / 1000)} s: the nodes it watches are unknown.`,
        data: { agentId },
        occurredAt: opts.now,
      })),
    );
    return (await reassessLockedCluster(tx, deps, scope, cluster, opts.now)).notifications;
  });
  dispatchNotifications(deps, notifications);
}
