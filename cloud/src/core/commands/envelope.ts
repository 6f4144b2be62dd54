import { DEFAULT_MAX_LIFETIME_MS, type CommandEnvelope } from '@quorum/protocol';

/**
 * How long a signed command may wait to be delivered: the protocol's maximum (the agent refuses a
 * longer-lived one). An agent that reconnects within it still gets the command; after it, the
 * expiry job marks the command expired.
 */
export const COMMAND_LIFETIME_MS = DEFAULT_MAX_LIFETIME_MS;

/** How long a command may wait for a second person's approval before it expires unsigned. */
export const APPROVAL_WINDOW_MS = 60 * 60_000;

/**
 * The envelope to sign. `approvedBy` and `nodeId` are left out when absent (canonical JSON drops
 * undefined, but the schema is strict about what is present).
 */
export function buildEnvelope(o: {
  id: string;
  orgId: string;
  agentId: string;
  clusterId: string;
  nodeId: string | null;
  action: CommandEnvelope['action'];
  params: Record<string, unknown>;
  issuedBy: string;
  approvedBy: string | null;
  issuedAt: number;
  keyId: string;
}): CommandEnvelope {
  return {
    id: o.id,
    orgId: o.orgId,
    agentId: o.agentId,
    clusterId: o.clusterId,
    ...(o.nodeId ? { nodeId: o.nodeId } : {}),
    action: o.action,
    params: o.params,
    issuedBy: o.issuedBy,
    ...(o.approvedBy ? { approvedBy: o.approvedBy } : {}),
    issuedAt: o.issuedAt,
    expiresAt: o.issuedAt + COMMAND_LIFETIME_MS,
    keyId: o.keyId,
  };
}
