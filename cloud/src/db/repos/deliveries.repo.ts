import { and, asc, desc, eq, lt, or } from 'drizzle-orm';
import { NOTIFICATION_STATES, notificationAlerts, notificationAttempts, notificationChannels, notifications } from '../schema/alerts';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export type DeliveryState = (typeof NOTIFICATION_STATES)[number];

const columns = {
  id: notifications.id,
  channelId: notifications.channelId,
  channelName: notificationChannels.name,
  channelType: notificationChannels.type,
  clusterId: notifications.clusterId,
  kind: notifications.kind,
  status: notifications.status,
  severity: notifications.severity,
  state: notifications.state,
  attempts: notifications.attempts,
  nextAttemptAt: notifications.nextAttemptAt,
  lastError: notifications.lastError,
  deliveredAt: notifications.deliveredAt,
  createdAt: notifications.createdAt,
  payload: notifications.payload,
};

export type DeliveryRow = Awaited<ReturnType<typeof findDelivery>> & object;

/** Newest first, keyset-paginated on (created_at, id). */
export async function listDeliveries(
  db: Queryable,
  scope: TenantScope,
  opts: { channelId?: string | undefined; alertId?: string | undefined; state?: DeliveryState | undefined; limit: number; before?: { createdAt: Date; id: string } | undefined },
) {
  const { before } = opts;
  const base = db.select(columns).from(notifications);
  const joined = opts.alertId
    ? base.innerJoin(
        notificationAlerts,
        and(eq(notificationAlerts.notificationId, notifications.id), eq(notificationAlerts.orgId, notifications.orgId), eq(notificationAlerts.alertId, opts.alertId)),
      )
    : base;
  return joined
    .leftJoin(notificationChannels, and(eq(notificationChannels.id, notifications.channelId), eq(notificationChannels.orgId, notifications.orgId)))
    .where(
      inTenant(
        notifications,
        scope,
        opts.channelId ? eq(notifications.channelId, opts.channelId) : undefined,
        opts.state ? eq(notifications.state, opts.state) : undefined,
        before ? or(lt(notifications.createdAt, before.createdAt), and(eq(notifications.createdAt, before.createdAt), lt(notifications.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

export async function findDelivery(db: Queryable, scope: TenantScope, id: string) {
  const [row] = await db
    .select(columns)
    .from(notifications)
    .leftJoin(notificationChannels, and(eq(notificationChannels.id, notifications.channelId), eq(notificationChannels.orgId, notifications.orgId)))
    .where(inTenant(notifications, scope, eq(notifications.id, id)))
    .limit(1);
  return row;
}

export async function deliveryAttempts(db: Queryable, scope: TenantScope, id: string) {
  return db
    .select()
    .from(notificationAttempts)
    .where(inTenant(notificationAttempts, scope, eq(notificationAttempts.notificationId, id)))
    .orderBy(asc(notificationAttempts.id));
}

export async function deliveryAlertIds(db: Queryable, scope: TenantScope, id: string): Promise<string[]> {
  const rows = await db
    .select({ alertId: notificationAlerts.alertId })
    .from(notificationAlerts)
    .where(inTenant(notificationAlerts, scope, eq(notificationAlerts.notificationId, id)));
  return rows.map((r) => r.alertId);
}
