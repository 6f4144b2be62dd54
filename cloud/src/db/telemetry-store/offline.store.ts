import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { agentConnections, agents } from '../schema/index';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, type Executor } from './executor';

export interface ConnectionRef {
  orgId: string;
  agentId: string;
  connectionId: string;
}

/**
 * System scan (all tenants): connections with no message since `before` (all of them when
 * `before` is omitted — a restarted local host has none of its old sockets). It only finds work;
 * each connection is then forgotten under its organization's scope.
 */
export async function scanConnections(db: Executor, opts: { before?: number; limit: number }): Promise<ConnectionRef[]> {
  return db
    .select({ orgId: agentConnections.orgId, agentId: agentConnections.agentId, connectionId: agentConnections.connectionId })
    .from(agentConnections)
    .where(opts.before === undefined ? undefined : lt(agentConnections.lastMessageAt, new Date(opts.before)))
    .limit(opts.limit);
}

const noConnection = sql`not exists (select 1 from ${agentConnections} where ${agentConnections.agentId} = ${agents.id} and ${agentConnections.orgId} = ${agents.orgId})`;

/**
 * System scan (all tenants): agents still marked connected, without any connection, and not heard
 * from since `before` (a state a crash can leave behind).
 */
export async function scanSilentAgents(db: Executor, opts: { before: number; limit: number }): Promise<Array<{ orgId: string; agentId: string }>> {
  return db
    .select({ orgId: agents.orgId, agentId: agents.id })
    .from(agents)
    .where(and(eq(agents.connected, true), or(isNull(agents.lastSeenAt), lt(agents.lastSeenAt, new Date(opts.before))), noConnection))
    .limit(opts.limit);
}

/** Marks an agent disconnected if it still has no connection; true when this call changed it. */
export async function markAgentOffline(db: Executor, scope: TenantScope, agentId: string): Promise<boolean> {
  const result = await db
    .update(agents)
    .set({ connected: false })
    .where(inTenant(agents, scope, eq(agents.id, agentId), eq(agents.connected, true), noConnection));
  return affectedRows(result) === 1;
}

export async function agentLabel(db: Executor, scope: TenantScope, agentId: string): Promise<string> {
  const [row] = await db.select({ hostname: agents.hostname }).from(agents).where(inTenant(agents, scope, eq(agents.id, agentId)));
  return row ? `${row.hostname} (${agentId})` : agentId;
}
