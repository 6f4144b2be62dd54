import type { Hello, Welcome } from '@quorum/protocol';
import { deliverPending } from '../commands/deliver-commands';
import { syncSigningKeys } from '../commands/sync-signing-keys';
import type { Deps } from '../deps';
import { CLOSE_CODES } from '../ports/agent-channel';
import { recordAgentIdentity, touchConnection } from '../db/telemetry-store/agent-connections.store';
import { nodeKey, upsertInventory, type NodeIds } from '../db/telemetry-store/inventory.store';
import { tenantScope } from '../db/tenant-scope';
import type { ConnectionContext } from './connection-context';
import { closeConnection, reply, replyError } from './reply';
import { errorSummary } from '../jobs/error-summary';

/**
 * Stores the agent's inventory — its clusters by name, their expected size, their nodes by name
 * and address — and welcomes it with the cloud's ids for them (commands name clusters and nodes
 * by id; the agent acts only on ids the welcome gave it). Until this has succeeded, batches on the
 * connection are refused with `hello_required`.
 *
 * After the welcome, the connection is marked ready for commands, and the agent gets what it is
 * owed: a signing-key update if it pins keys the signer has retired or lacks new ones, then every
 * command it has not acknowledged and can still accept (a command is never sent before the welcome:
 * the agent could not resolve its ids).
 */
export async function handleHello(deps: Pick<Deps, 'db' | 'clock' | 'log' | 'agentChannel' | 'signer'>, ctx: ConnectionContext, hello: Hello): Promise<void> {
  const scope = tenantScope(ctx.orgId);
  const now = deps.clock.now();
  let ids: NodeIds;
  try {
    const alive = await touchConnection(deps.db, scope, { agentId: ctx.agentId, connectionId: ctx.connectionId, now });
    if (alive === 'agent_revoked') return closeConnection(deps, ctx, CLOSE_CODES.revoked, 'agent revoked');
    if (alive === 'connection_gone') return closeConnection(deps, ctx, 1000, 'connection expired: reconnect');
    ids = await upsertInventory(deps.db, scope, { agentId: ctx.agentId, clusters: hello.clusters, now });
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
  await reply(deps, ctx, { type: 'welcome', agentId: ctx.agentId, orgId: ctx.orgId, serverTime: now, inventory: welcomeInventory(hello, ids) });
  try {
    await touchConnection(deps.db, scope, { agentId: ctx.agentId, connectionId: ctx.connectionId, now, helloAt: now });
    // A key update issued here is pending like any other command: delivered just below.
    await syncSigningKeys(deps, scope, { agentId: ctx.agentId, pinnedKeyIds: hello.pinnedKeyIds });
    const sent = await deliverPending(deps, scope, ctx.agentId, ctx.connectionId);
    if (sent > 0) deps.log.info('delivered pending commands on hello', { orgId: ctx.orgId, agentId: ctx.agentId, count: sent });
  } catch (error) {
    // Telemetry goes on; the commands wait for the next hello (or expire).
    deps.log.error('delivering commands on hello failed', { orgId: ctx.orgId, agentId: ctx.agentId, error: errorSummary(error) });
  }
}

/** The cloud's ids of the clusters and nodes this hello named (and only those). */
function welcomeInventory(hello: Hello, ids: NodeIds): NonNullable<Welcome['inventory']> {
  return hello.clusters.flatMap((c) => {
    const nodes = c.nodes.flatMap((n) => {
      const found = ids.get(nodeKey(c.name, n.name));
      return found ? [{ nodeId: found.nodeId, name: n.name, clusterId: found.clusterId }] : [];
    });
    const clusterId = nodes[0]?.clusterId;
    return clusterId ? [{ clusterId, name: c.name, nodes: nodes.map(({ nodeId, name }) => ({ nodeId, name })) }] : [];
  });
}
