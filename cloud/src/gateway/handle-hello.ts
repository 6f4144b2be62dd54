import type { Hello } from '@quorum/protocol';
import type { Deps } from '../deps';
import { CLOSE_CODES } from '../ports/agent-channel';
import { recordAgentIdentity, touchConnection } from '../db/telemetry-store/agent-connections.store';
import { upsertInventory } from '../db/telemetry-store/inventory.store';
import { tenantScope } from '../db/tenant-scope';
import type { ConnectionContext } from './connection-context';
import { closeConnection, reply, replyError } from './reply';
import { errorSummary } from '../jobs/error-summary';

/**
 * Stores the agent's inventory — its clusters by name, their expected size, their nodes by name
 * and address — and welcomes it. Until this has succeeded, batches on the connection are refused
 * with `hello_required`.
 */
export async function handleHello(deps: Pick<Deps, 'db' | 'clock' | 'log' | 'agentChannel'>, ctx: ConnectionContext, hello: Hello): Promise<void> {
  const scope = tenantScope(ctx.orgId);
  const now = deps.clock.now();
  try {
    const alive = await touchConnection(deps.db, scope, { agentId: ctx.agentId, connectionId: ctx.connectionId, now, helloAt: now });
    if (alive === 'agent_revoked') return closeConnection(deps, ctx, CLOSE_CODES.revoked, 'agent revoked');
    if (alive === 'connection_gone') return closeConnection(deps, ctx, 1000, 'connection expired: reconnect');
    await upsertInventory(deps.db, scope, { agentId: ctx.agentId, clusters: hello.clusters, now });
    await recordAgentIdentity(deps.db, scope, { agentId: ctx.agentId, hostname: hello.hostname, version: hello.agentVersion });
  } catch (error) {
    ctx.helloReceived = ctx.helloAt !== null; // an earlier hello on this connection still stands
    deps.log.error('storing agent hello failed', { orgId: ctx.orgId, agentId: ctx.agentId, error: errorSummary(error) });
    await replyError(deps, ctx, 'internal', 'the inventory could not be stored: send hello again');
    return;
  }
  ctx.helloAt = now;
  ctx.lastTouchedAt = now;
  deps.log.info('agent hello', {
    orgId: ctx.orgId,
    agentId: ctx.agentId,
    agentVersion: hello.agentVersion,
    clusters: hello.clusters.map((c) => `${c.name}(${c.nodes.length})`),
  });
  await reply(deps, ctx, { type: 'welcome', agentId: ctx.agentId, orgId: ctx.orgId, serverTime: now });
}
