import { and, eq, gt, gte, inArray, or, sql } from 'drizzle-orm';
import type { GuardSettings, OptionFile } from '@quorum/protocol';
import { DEFAULT_POLICY, type AgentWatch, type AlertInstance, type GroupState, type GuardMetric, type NodeConfig, type NotificationPolicy, type RuleOverride, type Silence } from '../../core/alerts/index';
import { agents } from '../schema/identity';
import { alertGroups, alertRuleOverrides, alerts, nodeConfigs, notificationPolicies, silences } from '../schema/alerts';
import { metricSamples, nodes } from '../schema/telemetry';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { AlertRow } from '../repos/alerts.repo';
import { jsonColumn, type Executor } from '../telemetry-store/executor';

/** Everything the engine reads about one cluster besides its assessment. Every query is tenant-scoped. */

export async function loadRuleOverrides(
  db: Executor,
  scope: TenantScope,
  clusterId: string,
): Promise<{ org: Map<string, RuleOverride>; cluster: Map<string, RuleOverride> }> {
  const rows = await db
    .select({ clusterId: alertRuleOverrides.clusterId, rule: alertRuleOverrides.rule, settings: alertRuleOverrides.settings })
    .from(alertRuleOverrides)
    .where(inTenant(alertRuleOverrides, scope, inArray(alertRuleOverrides.clusterId, ['', clusterId])));
  const org = new Map<string, RuleOverride>();
  const cluster = new Map<string, RuleOverride>();
  for (const r of rows) (r.clusterId === '' ? org : cluster).set(r.rule, jsonColumn<RuleOverride>(r.settings) ?? {});
  return { org, cluster };
}

export async function loadPolicy(db: Executor, scope: TenantScope): Promise<NotificationPolicy> {
  const [row] = await db.select().from(notificationPolicies).where(inTenant(notificationPolicies, scope)).limit(1);
  return row ? { groupWaitMs: row.groupWaitMs, groupIntervalMs: row.groupIntervalMs, repeatIntervalMs: row.repeatIntervalMs } : { ...DEFAULT_POLICY };
}

function toInstance(r: AlertRow): AlertInstance {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    rule: r.rule as AlertInstance['rule'],
    nodeId: r.nodeId,
    severity: r.severity,
    summary: r.summary,
    details: jsonColumn<AlertInstance['details']>(r.details) ?? { nodeNames: [] },
    state: r.state,
    startedAt: r.startedAt.getTime(),
    firedAt: r.firedAt?.getTime() ?? null,
    clearedAt: r.clearedAt?.getTime() ?? null,
    resolvedAt: r.resolvedAt?.getTime() ?? null,
    acknowledgedAt: r.acknowledgedAt?.getTime() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    notifiedState: r.notifiedState,
    inhibitedBy: r.inhibitedBy,
    silencedBy: r.silencedBy,
  };
}

/** The cluster's pending and firing alerts, and resolved ones whose resolution is still to be notified. */
export async function loadAlertsForEvaluation(db: Executor, scope: TenantScope, clusterId: string): Promise<AlertInstance[]> {
  const rows = await db
    .select()
    .from(alerts)
    .where(
      inTenant(
        alerts,
        scope,
        eq(alerts.clusterId, clusterId),
        or(inArray(alerts.state, ['pending', 'firing']), and(eq(alerts.state, 'resolved'), eq(alerts.notifiedState, 'firing'))),
      ),
    );
  return rows.map(toInstance);
}

/** The organization's silences and maintenance windows that have not ended. */
export async function loadSilences(db: Executor, scope: TenantScope, now: number): Promise<Silence[]> {
  const rows = await db
    .select({ id: silences.id, kind: silences.kind, clusterId: silences.clusterId, nodeId: silences.nodeId, rule: silences.rule, startsAt: silences.startsAt, endsAt: silences.endsAt })
    .from(silences)
    .where(inTenant(silences, scope, gt(silences.endsAt, new Date(now))));
  return rows.map((r) => ({ ...r, startsAt: r.startsAt.getTime(), endsAt: r.endsAt.getTime() }));
}

export const EMPTY_GROUP: GroupState = { seq: 0, pendingSince: null, lastNotifiedAt: null };

export async function loadGroup(db: Executor, scope: TenantScope, clusterId: string): Promise<GroupState> {
  const [row] = await db.select().from(alertGroups).where(inTenant(alertGroups, scope, eq(alertGroups.clusterId, clusterId))).limit(1);
  if (!row) return { ...EMPTY_GROUP };
  return {
    seq: row.seq,
    pendingSince: row.pendingSince?.getTime() ?? null,
    lastNotifiedAt: row.lastNotifiedAt?.getTime() ?? null,
  };
}

export async function loadNodeConfigs(db: Executor, scope: TenantScope, clusterId: string): Promise<Map<string, NodeConfig>> {
  const rows = await db.select().from(nodeConfigs).where(inTenant(nodeConfigs, scope, eq(nodeConfigs.clusterId, clusterId)));
  return new Map(
    rows.map((r) => [
      r.nodeId,
      {
        configured: jsonColumn<{ files: OptionFile[]; settings: GuardSettings }>(r.configured),
        running: jsonColumn<GuardSettings>(r.running),
        observedAt: r.observedAt.getTime(),
      },
    ]),
  );
}

const GUARD_METRIC_NAMES: GuardMetric[] = ['flow_control_paused', 'recv_queue', 'cert_failures_per_s'];

/** The latest value since `since` of each threshold rule's metric, per node (primary-key range reads). */
export async function loadGuardMetrics(
  db: Executor,
  scope: TenantScope,
  nodeIds: readonly string[],
  since: number,
): Promise<Map<string, Partial<Record<GuardMetric, number>>>> {
  const out = new Map<string, Partial<Record<GuardMetric, number>>>();
  if (nodeIds.length === 0) return out;
  const rows = await db
    .select({ nodeId: metricSamples.nodeId, name: metricSamples.name, ts: metricSamples.ts, value: metricSamples.value })
    .from(metricSamples)
    .where(inTenant(metricSamples, scope, inArray(metricSamples.nodeId, [...nodeIds]), inArray(metricSamples.name, GUARD_METRIC_NAMES), gte(metricSamples.ts, since)));
  const latest = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.nodeId}/${r.name}`;
    if ((latest.get(key) ?? -1) > r.ts) continue;
    latest.set(key, r.ts);
    const values = out.get(r.nodeId) ?? {};
    values[r.name as GuardMetric] = r.value;
    out.set(r.nodeId, values);
  }
  return out;
}

/** The agents watching the cluster's nodes, and whether each is offline (past the threshold). */
export async function loadAgentWatches(
  db: Executor,
  scope: TenantScope,
  clusterId: string,
  opts: { now: number; offlineAfterMs: number },
): Promise<AgentWatch[]> {
  const rows = await db
    .select({ nodeId: nodes.id, agentId: nodes.agentId, hostname: agents.hostname, connected: agents.connected, lastSeenAt: agents.lastSeenAt, revokedAt: agents.revokedAt })
    .from(nodes)
    .innerJoin(agents, and(eq(agents.id, nodes.agentId), eq(agents.orgId, nodes.orgId)))
    .where(inTenant(nodes, scope, eq(nodes.clusterId, clusterId)));
  const byAgent = new Map<string, AgentWatch>();
  for (const r of rows) {
    const offline =
      r.revokedAt === null && !r.connected && (r.lastSeenAt === null || r.lastSeenAt.getTime() <= opts.now - opts.offlineAfterMs);
    const watch = byAgent.get(r.agentId) ?? { agentId: r.agentId, label: `${r.hostname} (${r.agentId})`, nodeIds: [], offline };
    watch.nodeIds.push(r.nodeId);
    byAgent.set(r.agentId, watch);
  }
  return [...byAgent.values()];
}

/** Stores the engine's verdict: changed alerts (one upsert), dropped ones deleted, the group state. */
export async function saveEvaluation(
  db: Executor,
  scope: TenantScope,
  opts: { clusterId: string; changed: readonly AlertInstance[]; dropped: readonly string[]; group: GroupState; nextEvalAt: number | null; now: number },
): Promise<void> {
  const now = new Date(opts.now);
  if (opts.changed.length > 0) {
    await db
      .insert(alerts)
      .values(
        opts.changed.map((a) => ({
          id: a.id,
          orgId: scope.orgId,
          clusterId: opts.clusterId,
          nodeId: a.nodeId,
          rule: a.rule,
          fingerprint: a.fingerprint,
          activeKey: a.state === 'resolved' ? null : a.fingerprint,
          state: a.state,
          severity: a.severity,
          summary: a.summary.length > 2048 ? `${a.summary.slice(0, 2045)}...` : a.summary,
          details: a.details,
          startedAt: new Date(a.startedAt),
          firedAt: toDate(a.firedAt),
          clearedAt: toDate(a.clearedAt),
          resolvedAt: toDate(a.resolvedAt),
          acknowledgedAt: toDate(a.acknowledgedAt),
          acknowledgedBy: a.acknowledgedBy,
          notifiedState: a.notifiedState,
          inhibitedBy: a.inhibitedBy,
          silencedBy: a.silencedBy,
          updatedAt: now,
        })),
      )
      .onDuplicateKeyUpdate({
        set: {
          activeKey: sql`values(${alerts.activeKey})`,
          nodeId: sql`values(${alerts.nodeId})`,
          state: sql`values(${alerts.state})`,
          severity: sql`values(${alerts.severity})`,
          summary: sql`values(${alerts.summary})`,
          details: sql`values(${alerts.details})`,
          firedAt: sql`values(${alerts.firedAt})`,
          clearedAt: sql`values(${alerts.clearedAt})`,
          resolvedAt: sql`values(${alerts.resolvedAt})`,
          notifiedState: sql`values(${alerts.notifiedState})`,
          inhibitedBy: sql`values(${alerts.inhibitedBy})`,
          silencedBy: sql`values(${alerts.silencedBy})`,
          updatedAt: sql`values(${alerts.updatedAt})`,
          // Acknowledgement is the API's to set (under the same cluster lock): never overwritten here.
        },
      });
  }
  if (opts.dropped.length > 0) await db.delete(alerts).where(inTenant(alerts, scope, inArray(alerts.id, [...opts.dropped])));
  const group = {
    seq: opts.group.seq,
    pendingSince: toDate(opts.group.pendingSince),
    lastNotifiedAt: toDate(opts.group.lastNotifiedAt),
    nextEvalAt: toDate(opts.nextEvalAt),
  };
  await db.insert(alertGroups).values({ clusterId: opts.clusterId, orgId: scope.orgId, ...group }).onDuplicateKeyUpdate({ set: group });
}

/** Stores the latest configuration report of nodes (one upsert; an older report never replaces a newer one). */
export async function saveNodeConfigs(
  db: Executor,
  scope: TenantScope,
  rows: ReadonlyArray<{ nodeId: string; clusterId: string; observedAt: number; receivedAt: number; configured: unknown; running: unknown }>,
): Promise<void> {
  if (rows.length === 0) return;
  const newer = (col: unknown) => sql`if(values(${nodeConfigs.observedAt}) >= ${nodeConfigs.observedAt}, values(${col}), ${col})`;
  await db
    .insert(nodeConfigs)
    .values(
      rows.map((r) => ({
        nodeId: r.nodeId,
        orgId: scope.orgId,
        clusterId: r.clusterId,
        observedAt: new Date(r.observedAt),
        receivedAt: new Date(r.receivedAt),
        configured: r.configured as never,
        running: r.running as never,
      })),
    )
    .onDuplicateKeyUpdate({
      // observed_at becomes the greater of the two whichever is assigned first, so
      // `values(observed_at) >= observed_at` holds exactly when the incoming report is the newer.
      set: {
        configured: newer(nodeConfigs.configured),
        running: newer(nodeConfigs.running),
        receivedAt: newer(nodeConfigs.receivedAt),
        clusterId: newer(nodeConfigs.clusterId),
        observedAt: sql`greatest(${nodeConfigs.observedAt}, values(${nodeConfigs.observedAt}))`,
      },
    });
}

/** Asks the scheduled job to look at these clusters' alerts now (after an ack, a silence, a rule change). */
export async function requestEvaluation(db: Executor, scope: TenantScope, now: number, clusterIds?: readonly string[]): Promise<void> {
  await db
    .update(alertGroups)
    .set({ nextEvalAt: new Date(now) })
    .where(inTenant(alertGroups, scope, clusterIds ? inArray(alertGroups.clusterId, [...clusterIds]) : undefined));
}

/** Takes a group off the schedule (its cluster is gone). */
export async function unscheduleGroup(db: Executor, scope: TenantScope, clusterId: string): Promise<void> {
  await db.update(alertGroups).set({ nextEvalAt: null }).where(inTenant(alertGroups, scope, eq(alertGroups.clusterId, clusterId)));
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
