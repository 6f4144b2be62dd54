import { and, eq, type SQL } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';

/**
 * The one place tenant isolation is enforced. Every table holding a customer's data has an
 * `orgId` column, and every repository query builds its WHERE clause through {@link inTenant}, so
 * a query cannot forget the organization. Another tenant's row is then simply "not found" (a 404),
 * never a 403 that would confirm it exists.
 *
 * @example
 * db.select().from(clusters).where(inTenant(clusters, scope, eq(clusters.id, id)))
 */
export interface TenantScope {
  readonly orgId: string;
}

export function inTenant(
  table: { orgId: MySqlColumn },
  scope: TenantScope,
  ...conditions: Array<SQL | undefined>
): SQL {
  if (!scope.orgId) throw new Error('inTenant: empty orgId (a principal without an organization reached a query)');
  return and(eq(table.orgId, scope.orgId), ...conditions) as SQL;
}

/** Builds a scope; the only way code outside auth should obtain one is from an authenticated principal. */
export function tenantScope(orgId: string): TenantScope {
  return Object.freeze({ orgId });
}
