import { lt, sql } from 'drizzle-orm';
import { ingestedBatches, metricSamples, organizations } from '../schema/index';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, type Executor } from './executor';

/** Every organization's id (retention runs organization by organization). */
export async function listOrganizationIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: organizations.id }).from(organizations);
  return rows.map((r) => r.id);
}

/** Deletes at most `limit` metric samples older than `before` (ms); returns how many went. */
export async function deleteSamplesBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const result = await db.execute(
    sql`delete from ${metricSamples} where ${inTenant(metricSamples, scope, lt(metricSamples.ts, before))} limit ${limit}`,
  );
  return affectedRows(result);
}

/** Deletes at most `limit` batch ids received before `before` (ms); returns how many went. */
export async function deleteBatchIdsBefore(db: Executor, scope: TenantScope, before: number, limit: number): Promise<number> {
  const result = await db.execute(
    sql`delete from ${ingestedBatches} where ${inTenant(ingestedBatches, scope, lt(ingestedBatches.receivedAt, new Date(before)))} limit ${limit}`,
  );
  return affectedRows(result);
}
