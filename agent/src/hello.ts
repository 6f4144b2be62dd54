import { hostname } from 'node:os';
import { PROTOCOL_VERSION, type Hello } from '@quorum/protocol';
import { nodeAddress, type AgentConfig } from './config/schema';
import { AGENT_VERSION } from './version';

/** This host's name as the protocol takes it (1..255 characters). */
export function agentHostname(): string {
  return hostname().slice(0, 255) || 'unknown';
}

/**
 * The `hello` an agent sends on every connection: its version and its inventory (every
 * configured cluster and node). The cloud learns from it which nodes to expect, including nodes
 * that are down and so report nothing else.
 */
export function buildHello(
  config: Pick<AgentConfig, 'clusters'>,
  options: { startedAt: number; hostname?: string; pinnedKeyIds?: readonly string[] },
): Hello {
  return {
    type: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    agentVersion: AGENT_VERSION,
    hostname: options.hostname ?? agentHostname(),
    startedAt: options.startedAt,
    clusters: config.clusters.map((c) => ({
      name: c.name,
      expectedSize: c.expectedSize ?? c.nodes.length,
      nodes: c.nodes.map((n) => ({ name: n.name, address: nodeAddress(n.mysql) })),
    })),
    // The cloud compares these with its keys and sends an update-signing-keys when they differ.
    ...(options.pinnedKeyIds ? { pinnedKeyIds: [...options.pinnedKeyIds] } : {}),
  };
}
