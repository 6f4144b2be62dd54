import { asc, count, eq } from 'drizzle-orm';
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

const memberColumns = { userId: memberships.userId, email: users.email, role: memberships.role, joinedAt: memberships.createdAt };
export type MemberRow = { userId: string; email: string; role: Role; joinedAt: Date };

export async function listMembers(db: Queryable, scope: TenantScope): Promise<MemberRow[]> {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(memberships, scope))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}

/** One member of the scoped organization (with their email), or undefined. */
export async function findMember(db: Queryable, scope: TenantScope, userId: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inTenant(memberships, scope, eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

/** How many owners the organization has (the last one may be neither demoted nor removed). */
export async function countOwners(db: Queryable, scope: TenantScope): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(inTenant(memberships, scope, eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

export async function updateMemberRole(db: Queryable, scope: TenantScope, userId: string, role: Role): Promise<void> {
  await db.update(memberships).set({ role }).where(inTenant(memberships, scope, eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Queryable, scope: TenantScope, userId: string): Promise<void> {
  await db.delete(memberships).where(inTenant(memberships, scope, eq(memberships.userId, userId)));
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
