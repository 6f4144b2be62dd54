import { eq } from 'drizzle-orm';
import { agentSigningKeys } from '../schema/commands';
import { inTenant, type TenantScope } from '../tenant-scope';
import { parseJson, type Queryable } from './queryable';

/** The key ids the agent last said it pins; null if it never said (an agent older than rotation). */
export async function pinnedKeyIds(db: Queryable, scope: TenantScope, agentId: string): Promise<string[] | null> {
  const [row] = await db.select().from(agentSigningKeys).where(inTenant(agentSigningKeys, scope, eq(agentSigningKeys.agentId, agentId))).limit(1);
  return row ? (parseJson<string[]>(row.pinnedKeyIds) ?? []) : null;
}

export async function savePinnedKeyIds(db: Queryable, scope: TenantScope, agentId: string, ids: string[], now: number): Promise<void> {
  await db
    .insert(agentSigningKeys)
    .values({ agentId, orgId: scope.orgId, pinnedKeyIds: ids, updatedAt: new Date(now) })
    .onDuplicateKeyUpdate({ set: { pinnedKeyIds: ids, updatedAt: new Date(now) } });
}
