import type { Deps } from '../deps';
import { CLOSE_CODES } from '../ports/agent-channel';
import { touchConnection } from '../db/telemetry-store/agent-connections.store';
import { tenantScope } from '../db/tenant-scope';
import type { ConnectionContext } from './connection-context';
import { closeConnection } from './reply';
import { errorSummary } from '../jobs/error-summary';

/**
 * Writes that the connection is alive — at most every `touchEveryMs`, not on every heartbeat. The
 * same write notices a connection whose row was removed (the offline job gave up on it) or whose
 * agent was revoked, and closes it.
 */
export async function touchIfDue(deps: Pick<Deps, 'db' | 'agentChannel' | 'log'>, ctx: ConnectionContext, now: number): Promise<void> {
  if (now - ctx.lastTouchedAt < ctx.limits.touchEveryMs) return;
  ctx.lastTouchedAt = now; // before the await: messages right behind this one do not write again
  try {
    const outcome = await touchConnection(deps.db, tenantScope(ctx.orgId), { agentId: ctx.agentId, connectionId: ctx.connectionId, now });
    if (outcome === 'agent_revoked') await closeConnection(deps, ctx, CLOSE_CODES.revoked, 'agent revoked');
    if (outcome === 'connection_gone') await closeConnection(deps, ctx, 1000, 'connection expired: reconnect');
  } catch (error) {
    deps.log.warn('recording agent liveness failed', { connectionId: ctx.connectionId, error: errorSummary(error) });
  }
}
