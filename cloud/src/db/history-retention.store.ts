import { eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
  alerts,
  auditLog,
  bootstrapPlans,
  commands,
  invitations,
  notificationAlerts,
  notificationAttempts,
  notifications,
  rateLimits,
  sessions,
} from './schema/index';
import { inTenant, type TenantScope } from './tenant-scope';
import { affectedRows, type Executor } from './telemetry-store/executor';

/**
 * Deletions of an organization's history past its retention (the retention job's second half).
 * Each function removes at most `limit` "units" (an operation with its steps, a notification with
 * its attempts…) and returns how many rows of the unit's main table went, so the job can repeat it
 * until a call removes fewer than `limit`. Units go whole: a step never outlives its operation,
 * an attempt never outlives its notification.
 */

const TERMINAL_OPERATION_STATES = ['succeeded', 'failed', 'rejected', 'expired', 'cancelled'] as const;
const FINISHED_NOTIFICATION_STATES = ['delivered', 'failed'] as const;

/**
 * Finished operations created before `before`: top-level ones (a single command, or a rolling
 * restart) with every step pointing at them. Steps of a bootstrap plan go with the plan.
 */
export async function deleteOperationsBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const parents = await db
    .select({ id: commands.id })
    .from(commands)
    .where(inTenant(commands, scope, isNull(commands.parentId), lt(commands.createdAt, new Date(before)), inArray(commands.state, [...TERMINAL_OPERATION_STATES])))
    .limit(limit);
  if (parents.length === 0) return 0;
  const ids = parents.map((p) => p.id);
  await db.delete(commands).where(inTenant(commands, scope, inArray(commands.parentId, ids)));
  return affectedRows(await db.delete(commands).where(inTenant(commands, scope, inArray(commands.id, ids))));
}

/** Bootstrap plans created before `before` whose deadline has passed, with their recover-position steps. */
export async function deleteBootstrapPlansBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const cutoff = new Date(before);
  const plans = await db
    .select({ id: bootstrapPlans.id })
    .from(bootstrapPlans)
    .where(inTenant(bootstrapPlans, scope, lt(bootstrapPlans.createdAt, cutoff), lt(bootstrapPlans.deadlineAt, cutoff)))
    .limit(limit);
  if (plans.length === 0) return 0;
  const ids = plans.map((p) => p.id);
  await db.delete(commands).where(inTenant(commands, scope, inArray(commands.parentId, ids)));
  return affectedRows(await db.delete(bootstrapPlans).where(inTenant(bootstrapPlans, scope, inArray(bootstrapPlans.id, ids))));
}

/** Delivered or failed notifications created before `before`, with their attempts and alert links. */
export async function deleteNotificationsBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(inTenant(notifications, scope, lt(notifications.createdAt, new Date(before)), inArray(notifications.state, [...FINISHED_NOTIFICATION_STATES])))
    .limit(limit);
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await db.delete(notificationAttempts).where(inTenant(notificationAttempts, scope, inArray(notificationAttempts.notificationId, ids)));
  await db.delete(notificationAlerts).where(inTenant(notificationAlerts, scope, inArray(notificationAlerts.notificationId, ids)));
  return affectedRows(await db.delete(notifications).where(inTenant(notifications, scope, inArray(notifications.id, ids))));
}

/** Resolved alerts resolved before `before`, with what still links a notification to them. */
export async function deleteResolvedAlertsBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const rows = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(inTenant(alerts, scope, eq(alerts.state, 'resolved'), isNotNull(alerts.resolvedAt), lt(alerts.resolvedAt, new Date(before))))
    .limit(limit);
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await db.delete(notificationAlerts).where(inTenant(notificationAlerts, scope, inArray(notificationAlerts.alertId, ids)));
  return affectedRows(await db.delete(alerts).where(inTenant(alerts, scope, inArray(alerts.id, ids))));
}

/** Invitations that ended (accepted, revoked or expired) before `before`: the audit log keeps who joined. */
export async function deleteEndedInvitationsBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const cutoff = new Date(before);
  const ended = or(lt(invitations.expiresAt, cutoff), lt(invitations.acceptedAt, cutoff), lt(invitations.revokedAt, cutoff));
  return affectedRows(await db.execute(sql`delete from ${invitations} where ${inTenant(invitations, scope, ended)} limit ${limit}`));
}

/** Audit entries written before `before`. */
export async function deleteAuditBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const result = await db.execute(sql`delete from ${auditLog} where ${inTenant(auditLog, scope, lt(auditLog.at, new Date(before)))} limit ${limit}`);
  return affectedRows(result);
}

/**
 * Sessions past their expiry. Sessions belong to a person, not an organization (one session
 * switches between organizations), so this is not tenant-scoped.
 */
export async function deleteExpiredSessionsBefore(db: Executor, now: number, limit: number): Promise<number> {
  return affectedRows(await db.execute(sql`delete from ${sessions} where ${lt(sessions.expiresAt, new Date(now))} limit ${limit}`));
}

/**
 * Rate-limit windows that began before `before` (every window is far shorter): keys name an IP or
 * an email hash, never a tenant, and an attacker cycling through addresses would otherwise grow
 * the table without bound.
 */
export async function deleteRateLimitWindowsBefore(db: Executor, before: number, limit: number): Promise<number> {
  return affectedRows(await db.execute(sql`delete from ${rateLimits} where ${lt(rateLimits.windowStart, new Date(before))} limit ${limit}`));
}
