import type { ActionParams } from '@quorum/protocol';
import { ZERO_UUID } from './bootstrap-plan';
import type { OperationAction } from './operations';
import { wholeClusterProblem, type ObservedNode } from './rolling-restart';

/**
 * The Galera preconditions the cloud can check from telemetry before it signs anything: the same
 * rules as the agent's safety guard, judged from the latest fresh polls. The agent's guard is the
 * real safety net (it sees the nodes directly); this one answers the person at once, with reasons.
 */
export interface Refusal {
  code: string;
  message: string;
  evidence?: Record<string, unknown>;
}

export interface PreconditionInput {
  action: OperationAction;
  params: Record<string, unknown>;
  /** The node a node action targets. */
  nodeId?: string;
  expectedSize: number;
  nodes: readonly ObservedNode[];
}

const running = (n: ObservedNode) => n.fresh && n.status !== null && n.status.reachable;
const syncedPrimary = (n: ObservedNode) => running(n) && n.status?.clusterStatus === 'Primary' && n.status.localStateComment === 'Synced';

/**
 * Why the operation must not be signed now, or null.
 *
 * @example
 * checkPreconditions({ action: 'bootstrap-cluster', params, expectedSize: 3, nodes }) // { code: 'primary_exists', … } while a node is Primary
 */
export function checkPreconditions(input: PreconditionInput): Refusal | null {
  const target = input.nodes.find((n) => n.nodeId === input.nodeId);
  switch (input.action) {
    case 'bootstrap-cluster':
      return bootstrapRefusal(input.params as ActionParams<'bootstrap-cluster'>, input.nodes);
    case 'stop-node':
    case 'restart-node': {
      if ((input.params as { allowLastSynced?: boolean }).allowLastSynced || !target || !syncedPrimary(target)) return null;
      const synced = input.nodes.filter(syncedPrimary);
      if (synced.length > 1) return null;
      return {
        code: 'last_synced_node',
        message: `${target.name} is the last Synced node of the Primary component: stopping it leaves no node to serve or donate (set allowLastSynced to insist)`,
        evidence: { syncedNodes: synced.map((n) => n.name) },
      };
    }
    case 'start-node':
    case 'recover-position':
      if (target && running(target)) {
        return {
          code: 'wrong_node_state',
          message: `${target.name} is running (${target.status?.clusterStatus ?? '?'}/${target.status?.localStateComment ?? '?'}): ${input.action === 'recover-position' ? 'recover-position needs it stopped' : 'it is already started'}`,
        };
      }
      return null;
    case 'rolling-restart': {
      const problem = wholeClusterProblem(input.expectedSize, input.nodes);
      return problem ? { code: 'cluster_not_whole', message: `a rolling restart starts only when every node is Synced in one Primary component: ${problem}` } : null;
    }
    default:
      return null;
  }
}

function bootstrapRefusal(params: ActionParams<'bootstrap-cluster'>, nodes: readonly ObservedNode[]): Refusal | null {
  const primary = nodes.filter((n) => running(n) && n.status?.clusterStatus === 'Primary');
  if (primary.length > 0) {
    return {
      code: 'primary_exists',
      message: `${primary.map((n) => n.name).join(', ')} ${primary.length === 1 ? 'is' : 'are'} in a Primary component: bootstrapping now would start a second cluster (a split brain)`,
      evidence: { primaryNodes: primary.map((n) => ({ name: n.name, stateUuid: n.status?.clusterStateUuid, size: n.status?.clusterSize })) },
    };
  }
  const positions = params.positions;
  if (params.expectedStateUuid === ZERO_UUID || positions.some((p) => p.uuid === ZERO_UUID)) {
    return { code: 'zero_uuid', message: `a position with the zero state UUID lost its history: it cannot be bootstrapped from` };
  }
  const others = positions.filter((p) => p.uuid !== params.expectedStateUuid);
  if (others.length > 0) {
    return {
      code: 'uuid_mismatch',
      message: `positions disagree on the state UUID (expected ${params.expectedStateUuid}): different histories, a person must choose`,
      evidence: { positions },
    };
  }
  const chosen = positions.find((p) => p.nodeId === params.bootstrapNodeId);
  const ahead = positions.filter((p) => chosen && p.seqno > chosen.seqno);
  if (!chosen) return { code: 'missing_position', message: 'the bootstrap node has no position among positions' };
  if (ahead.length > 0) {
    const name = (id: string) => nodes.find((n) => n.nodeId === id)?.name ?? id;
    return {
      code: 'position_regressed',
      message: `${name(chosen.nodeId)} (seqno ${chosen.seqno}) is behind ${ahead.map((p) => `${name(p.nodeId)} (${p.seqno})`).join(', ')}: bootstrapping from it would lose commits`,
    };
  }
  return null;
}
