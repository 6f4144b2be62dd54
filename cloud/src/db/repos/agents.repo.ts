import { asc, eq, isNull } from 'drizzle-orm';
import { agentConnections, agents } from '../schema/identity';
import { inTenant, type TenantScope } from '../tenant-scope';
import type { Queryable } from './queryable';

export type AgentRow = typeof agents.$inferSelect;

export async function insertAgent(db: Queryable, scope: TenantScope, row: Omit<typeof agents.$inferInsert, 'orgId'>): Promise<void> {
  await db.insert(agents).values({ ...row, orgId: scope.orgId });
}

export async function listAgents(db: Queryable, scope: TenantScope): Promise<AgentRow[]> {
  return db.select().from(agents).where(inTenant(agents, scope)).orderBy(asc(agents.hostname), asc(agents.id));
}

export async function findAgent(db: Queryable, scope: TenantScope, id: string): Promise<AgentRow | undefined> {
  const [row] = await db.select().from(agents).where(inTenant(agents, scope, eq(agents.id, id))).limit(1);
  return row;
}

/** Sets `revoked_at` unless already set. */
export async function revokeAgent(db: Queryable, scope: TenantScope, id: string, now: Date): Promise<void> {
  await db.update(agents).set({ revokedAt: now }).where(inTenant(agents, scope, eq(agents.id, id), isNull(agents.revokedAt)));
}

export async function listAgentConnections(db: Queryable, scope: TenantScope, agentId: string) {
  return db
    .select({ connectionId: agentConnections.connectionId })
    .from(agentConnections)
    .where(inTenant(agentConnections, scope, eq(agentConnections.agentId, agentId)));
}
