import { and, desc, eq, lt, or } from 'drizzle-orm';
import { clusterEvents } from '../schema/telemetry';
import { inTenant, type TenantScope } from '../tenant-scope';
import { parseJson, type Queryable } from './queryable';

export type ClusterEventRow = typeof clusterEvents.$inferSelect;

export async function findClusterEvent(db: Queryable, scope: TenantScope, clusterId: string, id: string) {
  const [row] = await db
    .select({ id: clusterEvents.id, occurredAt: clusterEvents.occurredAt })
    .from(clusterEvents)
    .where(inTenant(clusterEvents, scope, eq(clusterEvents.clusterId, clusterId), eq(clusterEvents.id, id)))
    .limit(1);
  return row;
}

/**
 * Newest first, keyset-paginated on (occurred_at, id): `before` is the last event of the previous
 * page, so pages neither skip nor repeat events that share a millisecond.
 */
export async function listClusterEvents(
  db: Queryable,
  scope: TenantScope,
  opts: { clusterId: string; limit: number; before?: { occurredAt: Date; id: string } },
): Promise<ClusterEventRow[]> {
  const { before } = opts;
  const rows = await db
    .select()
    .from(clusterEvents)
    .where(
      inTenant(
        clusterEvents,
        scope,
        eq(clusterEvents.clusterId, opts.clusterId),
        before
          ? or(
              lt(clusterEvents.occurredAt, before.occurredAt),
              and(eq(clusterEvents.occurredAt, before.occurredAt), lt(clusterEvents.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(clusterEvents.occurredAt), desc(clusterEvents.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, data: parseJson<unknown>(r.data) }));
}
