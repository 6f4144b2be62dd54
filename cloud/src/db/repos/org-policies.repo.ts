import { organizationPolicies } from '../schema/commands';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export interface OrganizationPolicy {
  bootstrapRequiresApproval: boolean;
  updatedBy: string | null;
  updatedAt: number | null;
}

export const DEFAULT_POLICY: OrganizationPolicy = { bootstrapRequiresApproval: false, updatedBy: null, updatedAt: null };

export async function getPolicy(db: Queryable, scope: TenantScope): Promise<OrganizationPolicy> {
  const [row] = await db.select().from(organizationPolicies).where(inTenant(organizationPolicies, scope)).limit(1);
  return row ? { bootstrapRequiresApproval: row.bootstrapRequiresApproval, updatedBy: row.updatedBy, updatedAt: row.updatedAt.getTime() } : DEFAULT_POLICY;
}

/** Upserts the org's row (keyed by the org id itself, so it cannot touch another tenant's). */
export async function savePolicy(db: Queryable, scope: TenantScope, opts: { bootstrapRequiresApproval: boolean; updatedBy: string; now: number }): Promise<void> {
  await db
    .insert(organizationPolicies)
    .values({ orgId: scope.orgId, bootstrapRequiresApproval: opts.bootstrapRequiresApproval, updatedBy: opts.updatedBy, updatedAt: new Date(opts.now) })
    .onDuplicateKeyUpdate({ set: { bootstrapRequiresApproval: opts.bootstrapRequiresApproval, updatedBy: opts.updatedBy, updatedAt: new Date(opts.now) } });
}
