import { asc, eq } from 'drizzle-orm';
import { memberships, organizations, users, type Role } from '../schema/identity';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export async function insertMembership(
  db: Queryable,
  scope: TenantScope,
  row: { userId: string; role: Role; createdAt: Date },
): Promise<void> {
  await db.insert(memberships).values({ ...row, orgId: scope.orgId });
}

/** The user's role in the scoped organization, or undefined if they are not a member. */
export async function findMemberRole(db: Queryable, scope: TenantScope, userId: string): Promise<Role | undefined> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(inTenant(memberships, scope, eq(memberships.userId, userId)))
    .limit(1);
  return row?.role;
}

export async function listMembers(db: Queryable, scope: TenantScope) {
  return db
    .select({ userId: memberships.userId, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(memberships, scope))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}

/**
 * The organizations one user belongs to (the org switcher). Keyed by the authenticated user
 * rather than a tenant: it is the user's own list, and each row names only orgs they are in.
 */
export async function listMembershipsOfUser(db: Queryable, userId: string) {
  return db
    .select({ orgId: memberships.orgId, orgName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}
