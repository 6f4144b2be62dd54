import type { NodeStatus } from '@quorum/protocol';
import type { NodeObservation } from '../galera/index';

/** A configured node as stored: its latest poll, and the agent that watches it. */
export interface NodeRow {
  nodeId: string;
  name: string;
  address: string;
  status: NodeStatus | null;
  pollSeq: number | null;
  observedAt: number | null;
  agentConnected: boolean;
  agentLastSeenAt: number | null;
}

/**
 * Turns stored nodes into the assessment's observations, deciding which are fresh.
 *
 * A node's poll is fresh when it was observed within `offlineAfterMs` of now AND its agent is
 * reachable: connected, or heard from within `offlineAfterMs` (a grace period, so an agent's
 * planned reconnect does not flap every cluster it watches to "unknown" and back). Stale data is
 * never evidence: a node last seen Primary an hour ago says nothing about a split brain now.
 *
 * Also returns when this verdict next changes by the passage of time alone (the first fresh node
 * turning stale), so the offline job can reassess then; null if nothing is fresh.
 */
export function observeNodes(
  rows: readonly NodeRow[],
  opts: { now: number; offlineAfterMs: number },
): { observations: NodeObservation[]; reassessAt: number | null } {
  let reassessAt: number | null = null;
  const observations = rows.map((r): NodeObservation => {
    const staleAt = staleAtOf(r, opts.offlineAfterMs);
    const fresh = staleAt !== null && staleAt > opts.now;
    if (fresh) reassessAt = reassessAt === null ? staleAt : Math.min(reassessAt, staleAt);
    return {
      nodeId: r.nodeId,
      name: r.name,
      address: r.address,
      status: r.status,
      pollSeq: r.pollSeq,
      observedAt: r.observedAt,
      fresh,
    };
  });
  return { observations, reassessAt };
}

/** The moment a node's latest poll stops being trusted (null: it never was). */
function staleAtOf(r: NodeRow, offlineAfterMs: number): number | null {
  if (r.status === null || r.observedAt === null) return null;
  const dataStaleAt = r.observedAt + offlineAfterMs;
  if (r.agentConnected) return dataStaleAt;
  if (r.agentLastSeenAt === null) return null;
  return Math.min(dataStaleAt, r.agentLastSeenAt + offlineAfterMs);
}
