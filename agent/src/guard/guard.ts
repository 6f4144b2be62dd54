import { ZERO_UUID, type GuardRefusal, type NodeStatus } from '@quorum/protocol';
import type { RecordedPositions } from './position-store';

/**
 * The Galera safety guard: pure decisions over what the agent itself just polled (never a cached
 * state) and the positions it recorded. Defence in depth — the cloud checks the same things, but
 * the agent sees the nodes directly, and a wrong bootstrap or the loss of the last Synced node
 * cannot be undone. Each refusal carries the evidence the portal shows.
 */
export interface Refusal {
  code: GuardRefusal;
  message: string;
  evidence?: Record<string, unknown>;
}

/** A node of the cluster as the agent polled it just now. */
export interface PolledNode {
  node: string;
  status: NodeStatus;
}

/** A node's place in the cluster history. */
export interface NodePosition {
  node: string;
  uuid: string;
  seqno: number;
  source?: string;
}

/** What the portal needs to see of a node's state. */
export function summarize(status: NodeStatus): Record<string, unknown> {
  if (!status.reachable) return { reachable: false, error: status.error };
  return {
    reachable: true,
    clusterStatus: status.clusterStatus,
    clusterSize: status.clusterSize,
    confId: status.clusterConfId,
    localState: status.localStateComment,
    stateUuid: status.clusterStateUuid,
    lastCommitted: status.lastCommitted,
  };
}

const evidenceOf = (polls: readonly PolledNode[]) => Object.fromEntries(polls.map((p) => [p.node, summarize(p.status)]));

const isPrimary = (s: NodeStatus) => s.reachable && s.clusterStatus === 'Primary';
const isSyncedPrimary = (s: NodeStatus) => isPrimary(s) && s.localStateComment === 'Synced';

/**
 * A bootstrap starts a new Primary component: never while one exists (two Primaries are a split
 * brain), and only once every node is down (a running node would have to be killed first).
 */
export function refuseBootstrapWhileRunning(polls: readonly PolledNode[]): Refusal | undefined {
  const primary = polls.filter((p) => isPrimary(p.status));
  if (primary.length > 0) {
    return {
      code: 'primary_exists',
      message: `${primary.map((p) => p.node).join(', ')} ${primary.length === 1 ? 'is' : 'are'} in a Primary component: the cluster is up, bootstrapping would split it`,
      evidence: { nodes: evidenceOf(polls) },
    };
  }
  const running = polls.filter((p) => p.status.reachable);
  if (running.length > 0) {
    return {
      code: 'wrong_node_state',
      message: `${running.map((p) => p.node).join(', ')} still ${running.length === 1 ? 'runs' : 'run'} (not Primary): every node must be stopped before a bootstrap`,
      evidence: { nodes: evidenceOf(polls) },
    };
  }
  return undefined;
}

/**
 * The positions a bootstrap would start from (GALERA.md §7): one history (all UUIDs equal the
 * expected one, none zero), none older than what the agent recorded for that node, and the
 * chosen node the most advanced (bootstrapping a node that is behind discards the others' commits).
 */
export function checkBootstrapPositions(input: {
  cluster: string;
  expectedStateUuid: string;
  bootstrapNode: string;
  positions: readonly NodePosition[];
  recorded: RecordedPositions;
}): Refusal | undefined {
  const { cluster, expectedStateUuid, bootstrapNode, positions, recorded } = input;
  const evidence = { expectedStateUuid, bootstrapNode, positions: [...positions] };
  const zero = positions.filter((p) => p.uuid === ZERO_UUID);
  if (expectedStateUuid === ZERO_UUID || zero.length > 0) {
    return {
      code: 'zero_uuid',
      message: `${zero.length > 0 ? zero.map((p) => p.node).join(', ') : 'the command'} has the zero state UUID: that history was lost, it cannot be bootstrapped from`,
      evidence,
    };
  }
  const foreign = positions.filter((p) => p.uuid !== expectedStateUuid);
  if (foreign.length > 0) {
    return {
      code: 'uuid_mismatch',
      message: `${foreign.map((p) => `${p.node} has ${p.uuid}`).join(', ')}, not ${expectedStateUuid}: different histories, a person must choose`,
      evidence,
    };
  }
  for (const p of positions) {
    const highest = recorded.highest(cluster, p.node, p.uuid);
    if (highest !== undefined && p.seqno < highest) {
      return {
        code: 'position_regressed',
        message: `${p.node} is at seqno ${p.seqno}, but this agent saw it at ${highest}: it lost transactions`,
        evidence: { ...evidence, recorded: { node: p.node, seqno: highest } },
      };
    }
  }
  const chosen = positions.find((p) => p.node === bootstrapNode);
  if (!chosen || chosen.seqno < 0) {
    return { code: 'wrong_node_state', message: `${bootstrapNode} has no known position to bootstrap from`, evidence };
  }
  const ahead = positions.filter((p) => p.seqno > chosen.seqno);
  if (ahead.length > 0) {
    return {
      code: 'position_regressed',
      message: `${ahead.map((p) => `${p.node} (seqno ${p.seqno})`).join(', ')} ${ahead.length === 1 ? 'is' : 'are'} ahead of ${bootstrapNode} (seqno ${chosen.seqno}): bootstrapping it would discard their transactions`,
      evidence,
    };
  }
  return undefined;
}

/**
 * The agent's own reading of each node against the positions the command was issued with: a node
 * now found behind (or on another history) means the cloud decided on evidence that no longer holds.
 */
export function checkAgainstIssued(own: readonly NodePosition[], issued: readonly NodePosition[]): Refusal | undefined {
  for (const want of issued) {
    const found = own.find((p) => p.node === want.node);
    if (!found) continue;
    const evidence = { node: want.node, issued: want, found };
    if (found.uuid !== want.uuid) {
      return { code: 'uuid_mismatch', message: `${want.node} is on ${found.uuid}, the command expected ${want.uuid}`, evidence };
    }
    if (found.seqno < want.seqno) {
      return { code: 'position_regressed', message: `${want.node} is at seqno ${found.seqno}, the command was issued for ${want.seqno}`, evidence };
    }
  }
  return undefined;
}

/**
 * Stopping the last Synced node of a Primary component leaves no node that can serve or donate a
 * consistent state. Members this agent does not watch are not counted as Synced: it cannot see
 * them (the cloud, which sees every agent, must then pass `allowLastSynced` after its own check).
 */
export function refuseLastSyncedStop(input: { node: string; polls: readonly PolledNode[]; allowLastSynced: boolean }): Refusal | undefined {
  const target = input.polls.find((p) => p.node === input.node);
  if (input.allowLastSynced || !target || !isSyncedPrimary(target.status)) return undefined;
  const t = target.status;
  const sameComponent = (s: NodeStatus) => isPrimary(s) && s.clusterStateUuid === t.clusterStateUuid && s.clusterConfId === t.clusterConfId;
  const visible = input.polls.filter((p) => sameComponent(p.status));
  const otherSynced = visible.filter((p) => p.node !== input.node && isSyncedPrimary(p.status));
  if (otherSynced.length > 0) return undefined;
  return {
    code: 'last_synced_node',
    message: `${input.node} is the last Synced node of its Primary component (size ${t.clusterSize ?? '?'}); pass allowLastSynced to stop it anyway`,
    evidence: { nodes: evidenceOf(input.polls), unseenMembers: Math.max(0, (t.clusterSize ?? 0) - visible.length) },
  };
}
