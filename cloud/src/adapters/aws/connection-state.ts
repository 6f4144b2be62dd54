import { eq, sql } from 'drizzle-orm';
import { agentConnectionGuards, agentConnections } from '../../db/schema/index';
import { forgetConnection } from '../../db/telemetry-store/agent-connections.store';
import { affectedRows, jsonColumn, type Executor } from '../../db/telemetry-store/executor';
import { tenantScope } from '../../db/tenant-scope';
import { ConnectionGuard } from '../../gateway/connection-guard';
import type { GatewayLimits } from '../../gateway/limits';
import type { StoredConnection } from '../../gateway/restore-connection-context';

export interface StoredConnectionState extends StoredConnection {
  /** Recent invalid messages on this connection (ms), from earlier invocations. */
  invalidAt: number[];
}

/**
 * Loads what a WebSocket message invocation needs to know about its connection, in one query:
 * the connection row and its invalid-message history. A system lookup by connection id (API
 * Gateway's, unguessable, given by API Gateway itself) — it is how the tenant is learned; every
 * query after it is scoped to the row's organization.
 */
export async function loadConnectionState(db: Executor, connectionId: string): Promise<StoredConnectionState | undefined> {
  const [row] = await db
    .select({
      connectionId: agentConnections.connectionId,
      orgId: agentConnections.orgId,
      agentId: agentConnections.agentId,
      helloAt: agentConnections.helloAt,
      lastMessageAt: agentConnections.lastMessageAt,
      invalidAt: agentConnectionGuards.invalidAt,
    })
    .from(agentConnections)
    .leftJoin(agentConnectionGuards, eq(agentConnectionGuards.connectionId, agentConnections.connectionId))
    .where(eq(agentConnections.connectionId, connectionId))
    .limit(1);
  if (!row) return undefined;
  return { ...row, invalidAt: jsonColumn<number[]>(row.invalidAt) ?? [] };
}

/** Stores the invalid-message history of a connection (only ever written when one was invalid). */
export async function saveInvalidMessages(db: Executor, opts: { connectionId: string; orgId: string; invalidAt: number[]; now: number }): Promise<void> {
  await db
    .insert(agentConnectionGuards)
    .values({ connectionId: opts.connectionId, orgId: opts.orgId, invalidAt: opts.invalidAt, updatedAt: new Date(opts.now) })
    .onDuplicateKeyUpdate({ set: { invalidAt: opts.invalidAt, updatedAt: new Date(opts.now) } });
}

/**
 * Forgets a connection known only by its id (API Gateway said it is gone): its row, its guard, and
 * — if it was the agent's last — the agent's `connected` flag. The agent's last-seen time stays.
 */
export async function forgetConnectionById(db: Executor, connectionId: string): Promise<boolean> {
  const [row] = await db
    .select({ orgId: agentConnections.orgId, agentId: agentConnections.agentId })
    .from(agentConnections)
    .where(eq(agentConnections.connectionId, connectionId));
  await db.delete(agentConnectionGuards).where(eq(agentConnectionGuards.connectionId, connectionId));
  if (!row) return false;
  await forgetConnection(db, tenantScope(row.orgId), { agentId: row.agentId, connectionId });
  return true;
}

/** Deletes guards left behind by connections that are gone (a `$disconnect` API Gateway never sent). */
export async function deleteOrphanedGuards(db: Executor, updatedBefore: number): Promise<number> {
  const result = await db.execute(
    sql`delete g from ${agentConnectionGuards} g left join ${agentConnections} c on c.connection_id = g.connection_id where c.connection_id is null and g.updated_at < ${new Date(updatedBefore)}`,
  );
  return affectedRows(result);
}

export async function deleteConnectionGuard(db: Executor, connectionId: string): Promise<void> {
  await db.delete(agentConnectionGuards).where(eq(agentConnectionGuards.connectionId, connectionId));
}

/**
 * The gateway's abuse guard for one invocation: invalid messages counted from the stored history
 * (so 10 invalid messages within a minute close the connection even though each arrived in a
 * different invocation), the message rate from a counter this container keeps per connection
 * (best effort — API Gateway's stage throttling is the hard limit on AWS).
 */
export class InvocationGuard extends ConnectionGuard {
  readonly #limits: GatewayLimits;
  readonly #rate: ConnectionGuard;
  readonly #history: number[];
  #noted = false;

  constructor(opts: { limits: GatewayLimits; invalidAt: readonly number[]; rate: ConnectionGuard }) {
    super(opts.limits);
    this.#limits = opts.limits;
    this.#rate = opts.rate;
    this.#history = [...opts.invalidAt].sort((a, b) => a - b);
    for (const t of this.#history) super.noteInvalid(t);
  }

  override noteMessage(now: number): string | undefined {
    return this.#rate.noteMessage(now);
  }

  override noteInvalid(now: number): string | undefined {
    this.#noted = true;
    this.#history.push(now);
    return super.noteInvalid(now);
  }

  /** The history to store after this invocation; undefined when nothing invalid arrived. */
  invalidHistory(now: number): number[] | undefined {
    if (!this.#noted) return undefined;
    return this.#history.filter((t) => t > now - this.#limits.invalidWindowMs).slice(-this.#limits.maxInvalidMessages);
  }
}

/** Per-container message-rate counters by connection id, bounded (the oldest entries go first). */
export class RateCounters {
  readonly #guards = new Map<string, ConnectionGuard>();
  constructor(private readonly max = 10_000) {}

  for(connectionId: string, limits: GatewayLimits): ConnectionGuard {
    let guard = this.#guards.get(connectionId);
    if (guard) {
      this.#guards.delete(connectionId); // re-insert: most recently used last
    } else {
      guard = new ConnectionGuard(limits);
      if (this.#guards.size >= this.max) this.#guards.delete(this.#guards.keys().next().value as string);
    }
    this.#guards.set(connectionId, guard);
    return guard;
  }

  forget(connectionId: string): void {
    this.#guards.delete(connectionId);
  }
}
