import { asc, eq } from 'drizzle-orm';
import { notificationChannels } from '../schema/alerts';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export type ChannelRow = typeof notificationChannels.$inferSelect;
export type NewChannel = Omit<typeof notificationChannels.$inferInsert, 'orgId'>;

export async function listChannels(db: Queryable, scope: TenantScope): Promise<ChannelRow[]> {
  return db.select().from(notificationChannels).where(inTenant(notificationChannels, scope)).orderBy(asc(notificationChannels.id));
}

export async function findChannel(db: Queryable, scope: TenantScope, id: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(notificationChannels).where(inTenant(notificationChannels, scope, eq(notificationChannels.id, id))).limit(1);
  return row;
}

export async function insertChannel(db: Queryable, scope: TenantScope, row: NewChannel): Promise<void> {
  await db.insert(notificationChannels).values({ ...row, orgId: scope.orgId });
}

export async function updateChannel(
  db: Queryable,
  scope: TenantScope,
  id: string,
  set: Partial<Pick<ChannelRow, 'name' | 'enabled' | 'minSeverity' | 'config' | 'secrets' | 'updatedAt'>>,
): Promise<void> {
  await db.update(notificationChannels).set(set).where(inTenant(notificationChannels, scope, eq(notificationChannels.id, id)));
}

/** Deletes a channel; its deliveries stay in the log (pending ones fail: "the channel was deleted"). */
export async function deleteChannel(db: Queryable, scope: TenantScope, id: string): Promise<void> {
  await db.delete(notificationChannels).where(inTenant(notificationChannels, scope, eq(notificationChannels.id, id)));
}
