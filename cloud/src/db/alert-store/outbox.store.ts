import { and, asc, eq, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AlertSeverity } from '../../core/alerts/index';
import type { NotificationDocument } from '../../core/notify/document';
import { alertGroups, notificationAlerts, notificationAttempts, notificationChannels, notifications } from '../schema/alerts';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { ChannelRow } from '../repos/notification-channels.repo';
import { affectedRows, jsonColumn, type Executor } from '../telemetry-store/executor';

export type { ChannelRow };

export async function listEnabledChannels(db: Executor, scope: TenantScope): Promise<ChannelRow[]> {
  return db
    .select()
    .from(notificationChannels)
    .where(inTenant(notificationChannels, scope, eq(notificationChannels.enabled, true)))
    .orderBy(asc(notificationChannels.id));
}

export interface NewNotification {
  id: string;
  channelId: string;
  clusterId: string | null;
  kind: 'alerts' | 'test';
  status: 'firing' | 'resolved' | 'test';
  severity: AlertSeverity;
  payload: NotificationDocument;
  alertIds: readonly string[];
  /**
   * Stored already claimed for its first attempt until then (ms): the caller sends it itself at
   * once (a test-send answers with the result), so no sweep or queue consumer may take it first.
   * If the caller dies, the claim expires and the sweep delivers it.
   */
  claimedUntil?: number;
}

/**
 * Puts notifications in the outbox. INSERT IGNORE on the delivery id: a notification decided
 * twice is stored once. Returns the ids actually inserted now.
 */
export async function insertNotifications(db: Executor, scope: TenantScope, rows: readonly NewNotification[], now: number): Promise<string[]> {
  const inserted: string[] = [];
  for (const r of rows) {
    const result = await db
      .insert(notifications)
      .ignore()
      .values({
        id: r.id,
        orgId: scope.orgId,
        channelId: r.channelId,
        clusterId: r.clusterId,
        kind: r.kind,
        status: r.status,
        severity: r.severity,
        payload: r.payload,
        nextAttemptAt: new Date(now),
        createdAt: new Date(now),
        ...(r.claimedUntil !== undefined ? { state: 'sending' as const, leaseUntil: new Date(r.claimedUntil), attempts: 1 } : {}),
      });
    if (affectedRows(result) !== 1) continue;
    inserted.push(r.id);
    if (r.alertIds.length > 0) {
      await db
        .insert(notificationAlerts)
        .ignore()
        .values(r.alertIds.map((alertId) => ({ notificationId: r.id, alertId, orgId: scope.orgId })));
    }
  }
  return inserted;
}

/**
 * Claims a delivery for one attempt: only a pending one that is due, or one whose previous
 * claim expired (its sender died). Exactly one of several concurrent claimers gets it.
 */
export async function claimNotification(db: Executor, scope: TenantScope, id: string, opts: { now: number; leaseMs: number }): Promise<boolean> {
  const now = new Date(opts.now);
  const result = await db
    .update(notifications)
    .set({ state: 'sending', leaseUntil: new Date(opts.now + opts.leaseMs), attempts: sql`${notifications.attempts} + 1` })
    .where(
      inTenant(
        notifications,
        scope,
        eq(notifications.id, id),
        or(and(eq(notifications.state, 'pending'), lte(notifications.nextAttemptAt, now)), and(eq(notifications.state, 'sending'), lt(notifications.leaseUntil, now))),
      ),
    );
  return affectedRows(result) === 1;
}

export interface ClaimedNotification {
  id: string;
  kind: 'alerts' | 'test';
  attempts: number;
  payload: NotificationDocument;
  channel: ChannelRow | undefined;
}

export async function loadNotification(db: Executor, scope: TenantScope, id: string): Promise<ClaimedNotification | undefined> {
  const [row] = await db.select().from(notifications).where(inTenant(notifications, scope, eq(notifications.id, id))).limit(1);
  if (!row) return undefined;
  const [channel] = await db
    .select()
    .from(notificationChannels)
    .where(inTenant(notificationChannels, scope, eq(notificationChannels.id, row.channelId)))
    .limit(1);
  return { id: row.id, kind: row.kind, attempts: row.attempts, payload: jsonColumn<NotificationDocument>(row.payload)!, channel };
}

/** Records one attempt in the delivery log and moves the delivery on (delivered, retry later, failed). */
export async function finishAttempt(
  db: Executor,
  scope: TenantScope,
  opts: {
    id: string;
    attempt: number;
    at: number;
    durationMs: number;
    outcome: 'delivered' | 'retry' | 'failed';
    statusCode?: number | undefined;
    error?: string | undefined;
    nextAttemptAt?: number | undefined;
  },
): Promise<void> {
  const error = opts.error ? opts.error.slice(0, 512) : null;
  await db.insert(notificationAttempts).values({
    orgId: scope.orgId,
    notificationId: opts.id,
    attempt: opts.attempt,
    at: new Date(opts.at),
    outcome: opts.outcome,
    statusCode: opts.statusCode ?? null,
    error,
    durationMs: Math.max(0, Math.round(opts.durationMs)),
  });
  await db
    .update(notifications)
    .set(
      opts.outcome === 'delivered'
        ? { state: 'delivered', deliveredAt: new Date(opts.at + opts.durationMs), leaseUntil: null, lastError: null }
        : opts.outcome === 'retry'
          ? { state: 'pending', nextAttemptAt: new Date(opts.nextAttemptAt ?? opts.at), leaseUntil: null, lastError: error }
          : { state: 'failed', leaseUntil: null, lastError: error },
    )
    .where(inTenant(notifications, scope, eq(notifications.id, opts.id), eq(notifications.state, 'sending')));
}

/** System scan (all tenants): deliveries due for an attempt, or whose claim expired. */
export async function scanDueNotifications(db: Executor, now: number, limit: number): Promise<Array<{ orgId: string; id: string }>> {
  const at = new Date(now);
  return db
    .select({ orgId: notifications.orgId, id: notifications.id })
    .from(notifications)
    .where(or(and(eq(notifications.state, 'pending'), lte(notifications.nextAttemptAt, at)), and(eq(notifications.state, 'sending'), lt(notifications.leaseUntil, at))))
    .orderBy(asc(notifications.nextAttemptAt))
    .limit(limit);
}

/** System scan (all tenants): alert groups whose clock has run (a pending alert may fire, an interval ended…). */
export async function scanDueGroups(db: Executor, now: number, limit: number): Promise<Array<{ orgId: string; clusterId: string }>> {
  return db
    .select({ orgId: alertGroups.orgId, clusterId: alertGroups.clusterId })
    .from(alertGroups)
    .where(and(isNotNull(alertGroups.nextEvalAt), lte(alertGroups.nextEvalAt, new Date(now))))
    .orderBy(asc(alertGroups.nextEvalAt))
    .limit(limit);
}
