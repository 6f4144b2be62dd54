import { and, eq, lte } from 'drizzle-orm';
import type { NodeEvidence, PlanDecision } from '../../core/commands/bootstrap-plan';
import { bootstrapPlans, type BootstrapPlanState } from '../schema/commands';
import { inTenant, type TenantScope } from '../tenant-scope';
import { parseJson, type Queryable } from './queryable';

export interface BootstrapPlanRow {
  id: string;
  clusterId: string;
  state: BootstrapPlanState;
  evidence: NodeEvidence[];
  decision: PlanDecision | null;
  createdBy: string;
  createdAt: number;
  deadlineAt: number;
  decidedAt: number | null;
}

function toRow(r: typeof bootstrapPlans.$inferSelect): BootstrapPlanRow {
  return {
    id: r.id,
    clusterId: r.clusterId,
    state: r.state,
    evidence: parseJson<NodeEvidence[]>(r.evidence) ?? [],
    decision: parseJson<PlanDecision>(r.decision),
    createdBy: r.createdBy,
    createdAt: r.createdAt.getTime(),
    deadlineAt: r.deadlineAt.getTime(),
    decidedAt: r.decidedAt ? r.decidedAt.getTime() : null,
  };
}

export async function insertBootstrapPlan(db: Queryable, scope: TenantScope, row: BootstrapPlanRow): Promise<void> {
  await db.insert(bootstrapPlans).values({
    ...row,
    orgId: scope.orgId,
    createdAt: new Date(row.createdAt),
    deadlineAt: new Date(row.deadlineAt),
    decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt),
  });
}

export async function findBootstrapPlan(db: Queryable, scope: TenantScope, id: string, opts: { lock?: boolean } = {}): Promise<BootstrapPlanRow | undefined> {
  const query = db.select().from(bootstrapPlans).where(inTenant(bootstrapPlans, scope, eq(bootstrapPlans.id, id))).limit(1);
  const [row] = opts.lock ? await query.for('update') : await query;
  return row ? toRow(row) : undefined;
}

export async function saveBootstrapPlan(
  db: Queryable,
  scope: TenantScope,
  id: string,
  patch: { state: BootstrapPlanState; evidence: NodeEvidence[]; decision: PlanDecision | null; decidedAt: number | null; deadlineAt: number },
): Promise<void> {
  await db
    .update(bootstrapPlans)
    .set({ ...patch, decidedAt: patch.decidedAt === null ? null : new Date(patch.decidedAt), deadlineAt: new Date(patch.deadlineAt) })
    .where(inTenant(bootstrapPlans, scope, eq(bootstrapPlans.id, id)));
}

/** System scan (all tenants): plans still gathering past their deadline. */
export async function scanOverduePlans(db: Queryable, now: number, limit: number): Promise<Array<{ orgId: string; id: string }>> {
  return db
    .select({ orgId: bootstrapPlans.orgId, id: bootstrapPlans.id })
    .from(bootstrapPlans)
    .where(and(eq(bootstrapPlans.state, 'gathering'), lte(bootstrapPlans.deadlineAt, new Date(now))))
    .limit(limit);
}
