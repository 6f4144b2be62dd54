import { and, eq, lt } from 'drizzle-orm';
import { sessions } from '../schema/identity';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, type Queryable } from './queryable';

/**
 * Sessions are looked up by the SHA-256 of the cookie's token, before any organization is known:
 * they are what establishes the tenant scope. The row names the active organization, and the
 * membership in it is checked on every request (`core/auth/resolve-principal.ts`).
 */
export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: Queryable, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSession(db: Queryable, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  return row;
}

export async function touchSession(db: Queryable, tokenHash: string, at: { lastSeenAt: Date; expiresAt: Date }): Promise<void> {
  await db.update(sessions).set(at).where(eq(sessions.tokenHash, tokenHash));
}

export async function setSessionOrganization(db: Queryable, tokenHash: string, activeOrgId: string): Promise<void> {
  await db.update(sessions).set({ activeOrgId }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Removes the expired sessions of one user (called at login, so the table does not grow forever). */
export async function deleteExpiredSessions(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
}

/**
 * Ends a user's sessions that are looking at one organization (they were removed from it); their
 * sessions in other organizations go on. Scoped on the session's active organization.
 */
export async function deleteSessionsInOrganization(db: Queryable, scope: TenantScope, userId: string): Promise<number> {
  const result = await db.delete(sessions).where(inTenant({ orgId: sessions.activeOrgId }, scope, eq(sessions.userId, userId)));
  return affectedRows(result);
}
