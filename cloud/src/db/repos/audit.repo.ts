import { desc, lt } from 'drizzle-orm';
import type { Actor } from '../../core/audit/actor';
import { newMonotonicId } from '../../ids';
import { auditLog } from '../schema/audit';
import { inTenant, type TenantScope } from '../tenant-scope';
import { parseJson, type Queryable } from './queryable';

export interface AuditEntry {
  actor: Actor;
  /** `<resource>.<verb>`: `api_token.create`, `command.create`, `command.finish`, `session.login`… */
  action: string;
  target: { type: string; id: string };
  details?: Record<string, unknown>;
  requestId?: string | null;
  at: number;
}

/** Field names that never belong in an audit row, whatever a caller passes. */
const SECRET_FIELD = /(password|secret|token$|^token|privatekey|cookie|signature|credential)/i;

/**
 * THE audit helper: every state-changing route, and every command, calls it with the transaction
 * that makes the change, so the row exists exactly when the change does. Details are stripped of
 * anything named like a secret (defence in depth: callers pass ids, never secrets).
 *
 * @example
 * await recordAudit(tx, scope, { actor: actorOf(principal), action: 'api_token.revoke', target: { type: 'api_token', id }, requestId, at: now });
 */
export async function recordAudit(db: Queryable, scope: TenantScope, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: newMonotonicId('aud', entry.at),
    orgId: scope.orgId,
    actorKind: entry.actor.kind,
    actorId: entry.actor.id.slice(0, 128),
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id.slice(0, 64),
    details: entry.details ? withoutSecrets(entry.details) : null,
    requestId: entry.requestId ?? null,
    at: new Date(entry.at),
  });
}

function withoutSecrets(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !SECRET_FIELD.test(k))
      .map(([k, v]) => [k, withoutSecrets(v, depth + 1)]),
  );
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Newest first; `before` is the id of the last row of the previous page (ids are time-ordered). */
export async function listAudit(db: Queryable, scope: TenantScope, opts: { limit: number; before?: string }): Promise<AuditRow[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(inTenant(auditLog, scope, opts.before ? lt(auditLog.id, opts.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, details: parseJson(r.details) }));
}
