import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { enrollmentTokens } from '../schema/identity';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, type Queryable } from './queryable';

export type EnrollmentTokenRow = typeof enrollmentTokens.$inferSelect;

export async function insertEnrollmentToken(
  db: Queryable,
  scope: TenantScope,
  row: Omit<typeof enrollmentTokens.$inferInsert, 'orgId'>,
): Promise<void> {
  await db.insert(enrollmentTokens).values({ ...row, orgId: scope.orgId });
}

export async function listEnrollmentTokens(db: Queryable, scope: TenantScope): Promise<EnrollmentTokenRow[]> {
  return db
    .select()
    .from(enrollmentTokens)
    .where(inTenant(enrollmentTokens, scope))
    .orderBy(desc(enrollmentTokens.createdAt), desc(enrollmentTokens.id));
}

export async function findEnrollmentToken(db: Queryable, scope: TenantScope, id: string): Promise<EnrollmentTokenRow | undefined> {
  const [row] = await db.select().from(enrollmentTokens).where(inTenant(enrollmentTokens, scope, eq(enrollmentTokens.id, id))).limit(1);
  return row;
}

export async function revokeEnrollmentToken(db: Queryable, scope: TenantScope, id: string, now: Date): Promise<void> {
  await db
    .update(enrollmentTokens)
    .set({ revokedAt: now })
    .where(inTenant(enrollmentTokens, scope, eq(enrollmentTokens.id, id), isNull(enrollmentTokens.revokedAt)));
}

/**
 * Takes one use of a token in a single conditional UPDATE: InnoDB locks the row, so concurrent
 * enrollments are serialized on it and `uses < max_uses` can never be passed by two at once.
 * Not tenant-scoped: the token (by its hash) is the credential that names the organization.
 * Returns whether a use was taken.
 */
export async function consumeEnrollmentToken(db: Queryable, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .update(enrollmentTokens)
    .set({ uses: sql`${enrollmentTokens.uses} + 1` })
    .where(
      and(
        eq(enrollmentTokens.tokenHash, tokenHash),
        isNull(enrollmentTokens.revokedAt),
        gt(enrollmentTokens.expiresAt, now),
        lt(enrollmentTokens.uses, enrollmentTokens.maxUses),
      ),
    );
  return affectedRows(result) === 1;
}

/** Lookup by hash, for the enrollment that just consumed it or to explain why it could not. */
export async function findEnrollmentTokenByHash(db: Queryable, tokenHash: string): Promise<EnrollmentTokenRow | undefined> {
  const [row] = await db.select().from(enrollmentTokens).where(eq(enrollmentTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

/**
 * Revokes the unexpired enrollment tokens a person made in the organization (they were removed):
 * agents already enrolled keep working; no new agent can join with a token the person still holds.
 */
export async function revokeEnrollmentTokensCreatedBy(db: Queryable, scope: TenantScope, userId: string, now: Date): Promise<number> {
  const result = await db
    .update(enrollmentTokens)
    .set({ revokedAt: now })
    .where(inTenant(enrollmentTokens, scope, eq(enrollmentTokens.createdBy, userId), isNull(enrollmentTokens.revokedAt), gt(enrollmentTokens.expiresAt, now)));
  return affectedRows(result);
}
