import { organizations } from '../schema/identity';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export type OrganizationRow = typeof organizations.$inferSelect;

/** An organization's id *is* its tenant id, so it is scoped on `id`. */
const orgTable = { orgId: organizations.id };

export async function insertOrganization(db: Queryable, row: typeof organizations.$inferInsert): Promise<void> {
  await db.insert(organizations).values(row);
}

export async function getOrganization(db: Queryable, scope: TenantScope): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(inTenant(orgTable, scope)).limit(1);
  return row;
}

/**
 * Locks the organization's row until the transaction ends. Changes that must see a stable set of
 * members (the last owner's protection) take it first, so two owners demoting each other at once
 * are serialized and the second sees the first's change.
 */
export async function lockOrganization(db: Queryable, scope: TenantScope): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).where(inTenant(orgTable, scope)).for('update');
  return rows.length === 1;
}
