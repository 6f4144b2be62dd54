import { and, eq } from 'drizzle-orm';
import type { RuleOverride } from '../../core/alerts/index';
import { alertRuleOverrides, notificationPolicies } from '../schema/alerts';
import { inTenant, type TenantScope } from '../tenant-scope';
import { parseJson, type Queryable } from './queryable';

/** Every override of the organization: org-wide ones under clusterId '' . */
export async function listRuleOverrides(db: Queryable, scope: TenantScope): Promise<Array<{ clusterId: string; rule: string; settings: RuleOverride }>> {
  const rows = await db.select().from(alertRuleOverrides).where(inTenant(alertRuleOverrides, scope));
  return rows.map((r) => ({ clusterId: r.clusterId, rule: r.rule, settings: parseJson<RuleOverride>(r.settings) ?? {} }));
}

export async function upsertRuleOverride(
  db: Queryable,
  scope: TenantScope,
  opts: { clusterId: string; rule: string; settings: RuleOverride; by: string; now: number },
): Promise<void> {
  const values = { settings: opts.settings as Record<string, unknown>, updatedAt: new Date(opts.now), updatedBy: opts.by };
  await db
    .insert(alertRuleOverrides)
    .values({ orgId: scope.orgId, clusterId: opts.clusterId, rule: opts.rule, ...values })
    .onDuplicateKeyUpdate({ set: values });
}

export async function deleteRuleOverride(db: Queryable, scope: TenantScope, opts: { clusterId: string; rule: string }): Promise<void> {
  await db
    .delete(alertRuleOverrides)
    .where(inTenant(alertRuleOverrides, scope, and(eq(alertRuleOverrides.clusterId, opts.clusterId), eq(alertRuleOverrides.rule, opts.rule))));
}

export async function upsertPolicy(
  db: Queryable,
  scope: TenantScope,
  policy: { groupWaitMs: number; groupIntervalMs: number; repeatIntervalMs: number; now: number },
): Promise<void> {
  const values = {
    groupWaitMs: policy.groupWaitMs,
    groupIntervalMs: policy.groupIntervalMs,
    repeatIntervalMs: policy.repeatIntervalMs,
    updatedAt: new Date(policy.now),
  };
  await db.insert(notificationPolicies).values({ orgId: scope.orgId, ...values }).onDuplicateKeyUpdate({ set: values });
}
