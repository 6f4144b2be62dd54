import type { Deps } from '../deps';
import { forgetConnection } from '../db/telemetry-store/agent-connections.store';
import { tenantScope } from '../db/tenant-scope';
import type { ConnectionContext } from './connection-context';

/**
 * Forgets a closed connection. The agent stays `connected` if it has another connection. Its
 * clusters are not reassessed here: a planned reconnect would flap them to "unknown" and back.
 * Their nodes turn unknown once their data is older than the offline threshold (offline job).
 */
export async function handleDisconnect(deps: Pick<Deps, 'db' | 'clock' | 'log'>, ctx: ConnectionContext): Promise<void> {
  ctx.closed = true;
  await ctx.tail; // a batch still being stored finishes first
  const now = deps.clock.now();
  const { agentStillConnected } = await forgetConnection(deps.db, tenantScope(ctx.orgId), {
    agentId: ctx.agentId,
    connectionId: ctx.connectionId,
    seenAt: now,
  });
  deps.log.info('agent disconnected', { orgId: ctx.orgId, agentId: ctx.agentId, connectionId: ctx.connectionId, agentStillConnected });
}
