import type { CommandEnvelope } from '@quorum/protocol';
import { claimForDelivery, pendingForAgent, welcomedConnections, type CommandRow } from '../db/repos/commands.repo';
import type { TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { errorSummary } from '../jobs/error-summary';

type DeliveryDeps = Pick<Deps, 'db' | 'clock' | 'agentChannel' | 'log'>;

/**
 * Hands signed commands to their agent's welcomed connection, if it has one; otherwise they stay
 * queued and go out when it next says hello (until they expire). Each delivery is claimed first
 * (`claimForDelivery`), so a command cancelled or expired meanwhile is never sent. Sending the
 * same envelope twice is harmless: the agent's replay store runs an id at most once.
 */
export async function deliverCommands(deps: DeliveryDeps, scope: TenantScope, rows: readonly CommandRow[]): Promise<number> {
  let delivered = 0;
  const byAgent = new Map<string, CommandRow[]>();
  for (const row of rows) {
    if (!row.agentId || !row.envelope || !row.signature) continue;
    byAgent.set(row.agentId, [...(byAgent.get(row.agentId) ?? []), row]);
  }
  for (const [agentId, list] of byAgent) {
    const connections = await welcomedConnections(deps.db, scope, agentId);
    if (connections.length === 0) continue;
    for (const row of list) if (await sendOne(deps, scope, row, connections)) delivered += 1;
  }
  return delivered;
}

/** On hello (after the welcome): everything the agent has not acknowledged and can still accept. */
export async function deliverPending(deps: DeliveryDeps, scope: TenantScope, agentId: string, connectionId: string): Promise<number> {
  let delivered = 0;
  for (const row of await pendingForAgent(deps.db, scope, agentId, deps.clock.now())) {
    if (await sendOne(deps, scope, row, [connectionId])) delivered += 1;
  }
  return delivered;
}

async function sendOne(deps: DeliveryDeps, scope: TenantScope, row: CommandRow, connections: readonly string[]): Promise<boolean> {
  if (!(await claimForDelivery(deps.db, scope, row.id, deps.clock.now()))) return false;
  const message = { type: 'command' as const, envelope: row.envelope as CommandEnvelope, signature: row.signature as string };
  for (const connectionId of connections) {
    try {
      if (await deps.agentChannel.send(connectionId, message)) {
        deps.log.info('command sent', { orgId: scope.orgId, agentId: row.agentId, commandId: row.id, action: row.action, connectionId });
        return true;
      }
    } catch (error) {
      deps.log.warn('sending a command failed', { commandId: row.id, connectionId, error: errorSummary(error) });
    }
  }
  // Claimed but not handed over: it stays `sent` and goes again on the agent's next hello.
  deps.log.info('command waits for its agent to reconnect', { orgId: scope.orgId, agentId: row.agentId, commandId: row.id });
  return false;
}
