import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { agentConnections, agents } from '../schema/index';
import { inTenant, type TenantScope } from '../tenant-scope';
import { affectedRows, inTransaction, type Executor } from './executor';
import type { Database } from '../client';

/** What the connect check needs to know about an agent. */
export interface AgentCredentialRow {
  id: string;
  orgId: string;
  publicKey: string;
  revokedAt: Date | null;
  lastConnectTs: number;
}

/**
 * Looks an agent up by id for the connect check. This is the one lookup made before the tenant is
 * known: the credential names the agent, and the agent row names its organization. Every query
 * after it is scoped to that organization.
 */
export async function findAgentForConnect(db: Executor, agentId: string): Promise<AgentCredentialRow | undefined> {
  const [row] = await db
    .select({
      id: agents.id,
      orgId: agents.orgId,
      publicKey: agents.publicKey,
      revokedAt: agents.revokedAt,
      lastConnectTs: agents.lastConnectTs,
    })
    .from(agents)
    .where(eq(agents.id, agentId))
    .limit(1);
  return row;
}

/**
 * Accepts a verified credential: advances the agent's replay guard to `ts` — only if it is still
 * older, so of two racing connects with one credential exactly one wins — and records the
 * connection, in one transaction. Returns the agent's other live connection ids, or undefined
 * when the guard had already moved (a replay) or the agent was revoked meanwhile.
 */
export async function acceptConnection(
  db: Database,
  scope: TenantScope,
  opts: { agentId: string; connectionId: string; ts: number; now: number },
): Promise<{ otherConnectionIds: string[] } | undefined> {
  const now = new Date(opts.now);
  return inTransaction(db, async (tx) => {
    const updated = await tx
      .update(agents)
      .set({ lastConnectTs: opts.ts, connected: true, lastSeenAt: now })
      .where(inTenant(agents, scope, eq(agents.id, opts.agentId), isNull(agents.revokedAt), lt(agents.lastConnectTs, opts.ts)));
    if (affectedRows(updated) !== 1) return undefined;
    await tx.insert(agentConnections).values({
      connectionId: opts.connectionId,
      orgId: scope.orgId,
      agentId: opts.agentId,
      connectedAt: now,
      lastMessageAt: now,
      helloAt: null,
    });
    const others = await tx
      .select({ connectionId: agentConnections.connectionId })
      .from(agentConnections)
      .where(inTenant(agentConnections, scope, eq(agentConnections.agentId, opts.agentId), ne(agentConnections.connectionId, opts.connectionId)));
    return { otherConnectionIds: others.map((o) => o.connectionId) };
  });
}

export type TouchOutcome = 'ok' | 'connection_gone' | 'agent_revoked';

/** Records that a connection is alive: its last message time and the agent's last-seen time. */
export async function touchConnection(
  db: Executor,
  scope: TenantScope,
  opts: { agentId: string; connectionId: string; now: number; helloAt?: number },
): Promise<TouchOutcome> {
  const now = new Date(opts.now);
  const conn = await db
    .update(agentConnections)
    .set({ lastMessageAt: now, ...(opts.helloAt !== undefined ? { helloAt: new Date(opts.helloAt) } : {}) })
    .where(inTenant(agentConnections, scope, eq(agentConnections.connectionId, opts.connectionId)));
  if (affectedRows(conn) === 0) return 'connection_gone';
  const agent = await db
    .update(agents)
    .set({ lastSeenAt: now, connected: true })
    .where(inTenant(agents, scope, eq(agents.id, opts.agentId), isNull(agents.revokedAt)));
  return affectedRows(agent) === 0 ? 'agent_revoked' : 'ok';
}

/** The hostname and version the agent reported in its hello. */
export async function recordAgentIdentity(
  db: Executor,
  scope: TenantScope,
  opts: { agentId: string; hostname: string; version: string },
): Promise<void> {
  await db
    .update(agents)
    .set({ hostname: opts.hostname, version: opts.version })
    .where(inTenant(agents, scope, eq(agents.id, opts.agentId)));
}

/**
 * Forgets a connection; the agent stays `connected` only if it has another one. One UPDATE with
 * a subquery, so a connect racing with this disconnect cannot be overwritten with `false`.
 * `seenAt` is given when the agent was alive until now (its socket closed); a connection dropped
 * for silence leaves the agent's last-seen time as it was.
 */
export async function forgetConnection(
  db: Executor,
  scope: TenantScope,
  opts: { agentId: string; connectionId: string; seenAt?: number },
): Promise<{ agentStillConnected: boolean }> {
  await db
    .delete(agentConnections)
    .where(inTenant(agentConnections, scope, eq(agentConnections.connectionId, opts.connectionId)));
  await db
    .update(agents)
    .set({
      connected: sql`exists (select 1 from ${agentConnections} where ${and(
        eq(agentConnections.orgId, scope.orgId),
        eq(agentConnections.agentId, opts.agentId),
      )})`,
      ...(opts.seenAt !== undefined ? { lastSeenAt: new Date(opts.seenAt) } : {}),
    })
    .where(inTenant(agents, scope, eq(agents.id, opts.agentId)));
  const [row] = await db
    .select({ connected: agents.connected })
    .from(agents)
    .where(inTenant(agents, scope, eq(agents.id, opts.agentId)));
  return { agentStillConnected: row?.connected ?? false };
}
