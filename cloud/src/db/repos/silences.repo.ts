import { and, desc, eq, gt } from 'drizzle-orm';
import { silences } from '../schema/alerts';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export type SilenceRow = typeof silences.$inferSelect;
export type NewSilence = Omit<typeof silences.$inferInsert, 'orgId'>;

/** Silences and maintenance windows, newest first; `active`: those that have not ended. */
export async function listSilences(db: Queryable, scope: TenantScope, opts: { activeAt?: number; limit: number }): Promise<SilenceRow[]> {
  return db
    .select()
    .from(silences)
    .where(inTenant(silences, scope, opts.activeAt !== undefined ? gt(silences.endsAt, new Date(opts.activeAt)) : undefined))
    .orderBy(desc(silences.id))
    .limit(opts.limit);
}

export async function findSilence(db: Queryable, scope: TenantScope, id: string): Promise<SilenceRow | undefined> {
  const [row] = await db.select().from(silences).where(inTenant(silences, scope, eq(silences.id, id))).limit(1);
  return row;
}

export async function insertSilence(db: Queryable, scope: TenantScope, row: NewSilence): Promise<void> {
  await db.insert(silences).values({ ...row, orgId: scope.orgId });
}

/** Ends a silence now (kept as history); one that already ended stays as it was. */
export async function expireSilence(db: Queryable, scope: TenantScope, id: string, now: number): Promise<void> {
  await db
    .update(silences)
    .set({ endsAt: new Date(now) })
    .where(inTenant(silences, scope, and(eq(silences.id, id), gt(silences.endsAt, new Date(now)))));
}
