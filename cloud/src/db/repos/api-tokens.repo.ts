import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens, memberships, type Role } from '../schema/identity';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, type Queryable } from './queryable';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(db: Queryable, scope: TenantScope, row: Omit<typeof apiTokens.$inferInsert, 'orgId'>): Promise<void> {
  await db.insert(apiTokens).values({ ...row, orgId: scope.orgId });
}

export async function listApiTokens(db: Queryable, scope: TenantScope): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(inTenant(apiTokens, scope)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function findApiToken(db: Queryable, scope: TenantScope, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(inTenant(apiTokens, scope, eq(apiTokens.id, id))).limit(1);
  return row;
}

/** Sets `revoked_at` unless already set (revoking twice keeps the first time). */
export async function revokeApiToken(db: Queryable, scope: TenantScope, id: string, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(inTenant(apiTokens, scope, eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}

export async function touchApiToken(db: Queryable, scope: TenantScope, id: string, now: Date): Promise<boolean> {
  const result = await db.update(apiTokens).set({ lastUsedAt: now }).where(inTenant(apiTokens, scope, eq(apiTokens.id, id)));
  return affectedRows(result) === 1;
}

/**
 * Revokes every live token one person made in the organization (they left it). Such tokens already
 * authenticate nobody while their creator is not a member, but revoking them keeps them dead if
 * the person is invited back. Returns how many were revoked.
 */
export async function revokeApiTokensCreatedBy(db: Queryable, scope: TenantScope, userId: string, now: Date): Promise<number> {
  const result = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(inTenant(apiTokens, scope, eq(apiTokens.createdBy, userId), isNull(apiTokens.revokedAt)));
  return affectedRows(result);
}

/**
 * Authentication lookup by the token's hash — the one query here that is not tenant-scoped,
 * because its answer is what establishes the scope. Joins the creator's *current* membership:
 * a token never outlives or outranks the person who made it.
 */
export async function findApiTokenForAuth(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, creatorRole: memberships.role })
    .from(apiTokens)
    .leftJoin(memberships, and(eq(memberships.orgId, apiTokens.orgId), eq(memberships.userId, apiTokens.createdBy)))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row as { token: ApiTokenRow; creatorRole: Role | null } | undefined;
}
