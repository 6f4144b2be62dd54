import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { invitations } from '../schema/identity';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, type Queryable } from './queryable';

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(db: Queryable, scope: TenantScope, row: Omit<typeof invitations.$inferInsert, 'orgId'>): Promise<void> {
  await db.insert(invitations).values({ ...row, orgId: scope.orgId });
}

/** Invitations that can still be accepted: not accepted, not revoked, not expired; oldest first. */
export async function listPendingInvitations(db: Queryable, scope: TenantScope, now: Date): Promise<InvitationRow[]> {
  return db
    .select()
    .from(invitations)
    .where(inTenant(invitations, scope, isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
}

/** The pending invitation of one email in the organization, if any. */
export async function findPendingInvitationFor(db: Queryable, scope: TenantScope, email: string, now: Date): Promise<InvitationRow | undefined> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      inTenant(invitations, scope, eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)),
    )
    .limit(1);
  return row;
}

export async function findInvitation(db: Queryable, scope: TenantScope, id: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(inTenant(invitations, scope, eq(invitations.id, id))).limit(1);
  return row;
}

/** Sets `revoked_at` unless already revoked or accepted (revoking twice keeps the first time). */
export async function revokeInvitation(db: Queryable, scope: TenantScope, id: string, now: Date): Promise<void> {
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(inTenant(invitations, scope, eq(invitations.id, id), isNull(invitations.revokedAt), isNull(invitations.acceptedAt)));
}

/**
 * Revokes every pending invitation a person made in the organization (they were removed): a
 * removed admin must not keep a way back in — or a way to let someone else in. Returns how many.
 */
export async function revokeInvitationsCreatedBy(db: Queryable, scope: TenantScope, userId: string, now: Date): Promise<number> {
  const result = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(inTenant(invitations, scope, eq(invitations.createdBy, userId), isNull(invitations.revokedAt), isNull(invitations.acceptedAt)));
  return affectedRows(result);
}

/**
 * Lookup by the link's hash — not tenant-scoped: the token is the credential that names the
 * organization (as an enrollment token does).
 */
export async function findInvitationByHash(db: Queryable, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
  return row;
}

/**
 * Marks the invitation accepted in one conditional UPDATE, so two acceptances of one link cannot
 * both pass (InnoDB serializes them on the row). Returns whether this call took it.
 */
export async function consumeInvitation(db: Queryable, tokenHash: string, opts: { userId: string; now: Date }): Promise<boolean> {
  const result = await db
    .update(invitations)
    .set({ acceptedAt: opts.now, acceptedBy: opts.userId })
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, opts.now),
      ),
    );
  return affectedRows(result) === 1;
}
