import { and, asc, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { metricSamples } from '../schema/telemetry';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export interface SampleQuery {
  nodeId: string;
  names: string[];
  /** Inclusive, ms. */
  from: number;
  /** Exclusive, ms. */
  to: number;
}

export type SampleRow = { name: string; ts: number; value: number };

const where = (scope: TenantScope, q: SampleQuery) =>
  inTenant(
    metricSamples,
    scope,
    and(
      eq(metricSamples.nodeId, q.nodeId),
      inArray(metricSamples.name, q.names),
      gte(metricSamples.ts, q.from),
      lt(metricSamples.ts, q.to),
    ),
  );

/** The most samples any one of the series has in the range (decides whether to downsample). */
export async function maxSeriesLength(db: Queryable, scope: TenantScope, q: SampleQuery): Promise<number> {
  const rows = await db.select({ n: count() }).from(metricSamples).where(where(scope, q)).groupBy(metricSamples.name);
  return Math.max(0, ...rows.map((r) => Number(r.n)));
}

export async function rawSamples(db: Queryable, scope: TenantScope, q: SampleQuery): Promise<SampleRow[]> {
  return db
    .select({ name: metricSamples.name, ts: metricSamples.ts, value: metricSamples.value })
    .from(metricSamples)
    .where(where(scope, q))
    .orderBy(asc(metricSamples.name), asc(metricSamples.ts));
}

/**
 * The average of each `step`-ms bucket, computed in SQL so a month of 10 s samples never leaves
 * the database row by row. A bucket is labelled with its start (`from + k·step`).
 */
export async function bucketedSamples(db: Queryable, scope: TenantScope, q: SampleQuery, step: number): Promise<SampleRow[]> {
  // Inlined (validated integers) rather than bound, so SELECT and GROUP BY are the same
  // expression text — MySQL's ONLY_FULL_GROUP_BY compares them textually.
  if (![q.from, step].every(Number.isSafeInteger) || step <= 0) throw new Error('bucketedSamples: from and step must be integers');
  const from = sql.raw(String(q.from));
  const width = sql.raw(String(step));
  const bucket = sql<number>`(${from} + FLOOR((${metricSamples.ts} - ${from}) / ${width}) * ${width})`.mapWith(Number);
  return db
    .select({ name: metricSamples.name, ts: bucket, value: sql<number>`AVG(${metricSamples.value})`.mapWith(Number) })
    .from(metricSamples)
    .where(where(scope, q))
    .groupBy(metricSamples.name, bucket)
    .orderBy(asc(metricSamples.name), asc(bucket));
}
