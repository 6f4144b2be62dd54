import { createConnectionContext, type ConnectionContext } from './connection-context';
import type { ConnectionGuard } from './connection-guard';
import type { GatewayLimits } from './limits';

/** What the `agent_connections` row says about a connection. */
export interface StoredConnection {
  connectionId: string;
  orgId: string;
  agentId: string;
  helloAt: Date | null;
  lastMessageAt: Date;
}

/**
 * Rebuilds a connection's context from its stored row, for hosts where each message is handled by
 * a fresh process (API Gateway → Lambda). What the row holds carries over: whether the hello was
 * stored (`hello_at`), and when liveness was last written (`last_message_at`), so the touch still
 * happens at most every `touchEveryMs` across invocations. What only lives in memory starts anew
 * for each message: the arrival-order tail and the pending-batch count (one message per
 * invocation), and the abuse counters unless the host passes a `guard` it keeps elsewhere.
 */
export function restoreConnectionContext(opts: {
  row: StoredConnection;
  now: number;
  limits?: Partial<GatewayLimits>;
  guard?: ConnectionGuard;
}): ConnectionContext {
  const { row } = opts;
  const ctx = createConnectionContext({
    connectionId: row.connectionId,
    orgId: row.orgId,
    agentId: row.agentId,
    now: opts.now,
    helloAt: row.helloAt ? row.helloAt.getTime() : null,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  ctx.lastTouchedAt = row.lastMessageAt.getTime();
  return opts.guard ? { ...ctx, guard: opts.guard } : ctx;
}
