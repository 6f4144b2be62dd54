import { ConnectionGuard } from './connection-guard';
import { DEFAULT_GATEWAY_LIMITS, type GatewayLimits } from './limits';

/**
 * What the gateway knows about one authenticated agent connection. A long-lived host (the local
 * `ws` server) keeps one per socket; a stateless one (API Gateway → Lambda) rebuilds it from the
 * `agent_connections` row on each message, losing only the in-memory counters.
 */
export interface ConnectionContext {
  readonly connectionId: string;
  readonly orgId: string;
  readonly agentId: string;
  readonly limits: GatewayLimits;
  readonly guard: ConnectionGuard;
  /** A hello arrived (set before it is stored, so messages right behind it are not refused). */
  helloReceived: boolean;
  /** When the hello was stored; null until then (or after it failed). */
  helloAt: number | null;
  /** When liveness was last written to the database. */
  lastTouchedAt: number;
  /** Set once the connection is closing: late messages are ignored. */
  closed: boolean;
  /** Hello and batches are handled one after another in arrival order; heartbeats skip the line. */
  tail: Promise<void>;
  pendingBatches: number;
}

export function createConnectionContext(opts: {
  connectionId: string;
  orgId: string;
  agentId: string;
  now: number;
  helloAt?: number | null;
  limits?: Partial<GatewayLimits>;
}): ConnectionContext {
  const limits = { ...DEFAULT_GATEWAY_LIMITS, ...opts.limits };
  return {
    connectionId: opts.connectionId,
    orgId: opts.orgId,
    agentId: opts.agentId,
    limits,
    guard: new ConnectionGuard(limits),
    helloReceived: opts.helloAt !== undefined && opts.helloAt !== null,
    helloAt: opts.helloAt ?? null,
    lastTouchedAt: opts.now,
    closed: false,
    tail: Promise.resolve(),
    pendingBatches: 0,
  };
}

/** Runs `work` after everything queued on the connection before it (errors stay inside `work`). */
export function enqueue(ctx: ConnectionContext, work: () => Promise<void>): Promise<void> {
  const next = ctx.tail.then(work, work);
  ctx.tail = next.catch(() => {});
  return next;
}
