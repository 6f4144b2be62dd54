import { and, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { alerts, notificationAlerts, notificationChannels, notifications, type ALERT_SEVERITIES } from '../schema/alerts';
import { clusters } from '../schema/telemetry';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, type Queryable } from './queryable';

export type AlertRow = typeof alerts.$inferSelect;
export interface AlertWithCluster {
  alert: AlertRow;
  clusterName: string | null;
}

/** `active` = pending or firing (acknowledged included); `acknowledged` = firing and acknowledged. */
export const ALERT_FILTERS = ['active', 'pending', 'firing', 'acknowledged', 'resolved', 'all'] as const;
export type AlertFilter = (typeof ALERT_FILTERS)[number];

function stateCondition(filter: AlertFilter) {
  switch (filter) {
    case 'active':
      return inArray(alerts.state, ['pending', 'firing']);
    case 'pending':
      return eq(alerts.state, 'pending');
    case 'firing':
      return and(eq(alerts.state, 'firing'), isNull(alerts.acknowledgedAt));
    case 'acknowledged':
      return and(eq(alerts.state, 'firing'), isNotNull(alerts.acknowledgedAt));
    case 'resolved':
      return eq(alerts.state, 'resolved');
    case 'all':
      return undefined;
  }
}

/** Newest first (ids are time-ordered), keyset-paginated on the id. */
export async function listAlerts(
  db: Queryable,
  scope: TenantScope,
  opts: { filter: AlertFilter; clusterId?: string | undefined; severity?: AlertSeverity | undefined; limit: number; before?: string | undefined },
): Promise<AlertWithCluster[]> {
  return db
    .select({ alert: alerts, clusterName: clusters.name })
    .from(alerts)
    .leftJoin(clusters, and(eq(clusters.id, alerts.clusterId), eq(clusters.orgId, alerts.orgId)))
    .where(
      inTenant(
        alerts,
        scope,
        stateCondition(opts.filter),
        opts.clusterId ? eq(alerts.clusterId, opts.clusterId) : undefined,
        opts.severity ? eq(alerts.severity, opts.severity) : undefined,
        opts.before ? lt(alerts.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(alerts.id))
    .limit(opts.limit);
}

type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** One cluster's active alerts, counted: what the overview tile and the cluster header show. */
export interface ActiveAlertCounts {
  /** Firing, and nobody has acknowledged them. */
  firing: number;
  /** Firing, and someone took them. */
  acknowledged: number;
  /** The condition holds, waiting for the rule's `for` before it fires. */
  pending: number;
  /** Firing alerts (acknowledged included) by severity. */
  bySeverity: Record<AlertSeverity, number>;
}

export function noActiveAlerts(): ActiveAlertCounts {
  return { firing: 0, acknowledged: 0, pending: 0, bySeverity: { critical: 0, warning: 0, info: 0 } };
}

/**
 * Active alerts per cluster, in one grouped query (the clusters list needs no request per
 * cluster). Clusters without an active alert are absent from the map.
 */
export async function countActiveAlerts(db: Queryable, scope: TenantScope, clusterIds: readonly string[]): Promise<Map<string, ActiveAlertCounts>> {
  const counts = new Map<string, ActiveAlertCounts>();
  if (clusterIds.length === 0) return counts;
  const acked = sql<number>`(${alerts.acknowledgedAt} is not null)`;
  const rows = await db
    .select({ clusterId: alerts.clusterId, state: alerts.state, severity: alerts.severity, acked, n: count() })
    .from(alerts)
    .where(inTenant(alerts, scope, inArray(alerts.state, ['pending', 'firing']), inArray(alerts.clusterId, [...clusterIds])))
    .groupBy(alerts.clusterId, alerts.state, alerts.severity, acked);
  for (const r of rows) {
    let c = counts.get(r.clusterId);
    if (!c) counts.set(r.clusterId, (c = noActiveAlerts()));
    const n = Number(r.n);
    if (r.state === 'pending') {
      c.pending += n;
      continue;
    }
    if (Number(r.acked)) c.acknowledged += n;
    else c.firing += n;
    c.bySeverity[r.severity] += n;
  }
  return counts;
}

export async function findAlert(db: Queryable, scope: TenantScope, id: string): Promise<AlertWithCluster | undefined> {
  const [row] = await db
    .select({ alert: alerts, clusterName: clusters.name })
    .from(alerts)
    .leftJoin(clusters, and(eq(clusters.id, alerts.clusterId), eq(clusters.orgId, alerts.orgId)))
    .where(inTenant(alerts, scope, eq(alerts.id, id)))
    .limit(1);
  return row;
}

/** Acknowledges a firing alert (once: the first acknowledgement stands). False when it is not firing. */
export async function acknowledgeAlert(db: Queryable, scope: TenantScope, opts: { id: string; by: string; now: number }): Promise<boolean> {
  const result = await db
    .update(alerts)
    .set({ acknowledgedAt: sql`coalesce(${alerts.acknowledgedAt}, ${new Date(opts.now)})`, acknowledgedBy: sql`coalesce(${alerts.acknowledgedBy}, ${opts.by})` })
    .where(inTenant(alerts, scope, eq(alerts.id, opts.id), eq(alerts.state, 'firing')));
  return affectedRows(result) === 1;
}

/** The deliveries that named an alert, newest first. */
export async function deliveriesOfAlert(db: Queryable, scope: TenantScope, alertId: string) {
  return db
    .select({
      id: notifications.id,
      channelId: notifications.channelId,
      channelName: notificationChannels.name,
      channelType: notificationChannels.type,
      status: notifications.status,
      state: notifications.state,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      createdAt: notifications.createdAt,
      deliveredAt: notifications.deliveredAt,
    })
    .from(notificationAlerts)
    .innerJoin(notifications, and(eq(notifications.id, notificationAlerts.notificationId), eq(notifications.orgId, notificationAlerts.orgId)))
    .leftJoin(notificationChannels, and(eq(notificationChannels.id, notifications.channelId), eq(notificationChannels.orgId, notifications.orgId)))
    .where(inTenant(notificationAlerts, scope, eq(notificationAlerts.alertId, alertId)))
    .orderBy(desc(notifications.createdAt))
    .limit(100);
}
