import type { NodeStatus } from '@quorum/protocol';
import type { OperationState } from '../../db/schema/commands';

/**
 * A rolling restart, decided step by step from what the cloud can see. It restarts one node at a
 * time, and only while the cluster is whole: before each step, every expected node must be Synced
 * in one Primary component — so taking one node down never costs the cluster its quorum. After a
 * node's restart succeeds, the next step waits until that node is seen Synced again (by a poll
 * made after the restart). The first failure ends it.
 *
 * Pure: the state lives in the parent operation's row (it survives a control-plane restart) and
 * each event (a command update, a state change, the scheduled tick) calls this again.
 */
export interface RollingRestartState {
  /** Restart order (by node name). */
  nodes: Array<{ nodeId: string; nodeName: string }>;
  /** The node being worked on (or next); `nodes.length` when all are done. */
  index: number;
  /** `ready`: may restart `nodes[index]` once the cluster is whole; `restarting`: its command runs; `rejoining`: waiting for it to be Synced. */
  phase: 'ready' | 'restarting' | 'rejoining';
  /** Cloud time the phase began (for its timeout). */
  phaseSince: number;
  /** The restart-node command of the current step. */
  childId: string | null;
  /** One entry per finished or running step, for the operation's page. */
  steps: Array<{ nodeId: string; nodeName: string; commandId: string; outcome: 'running' | 'done' | 'failed'; at: number }>;
  /** What it is waiting for now, in words. */
  waitingFor: string | null;
}

export interface ObservedNode {
  nodeId: string;
  name: string;
  fresh: boolean;
  status: NodeStatus | null;
  /** The agent's clock when the node was polled. */
  observedAt: number | null;
}

export interface RollingRestartInput {
  expectedSize: number;
  nodes: readonly ObservedNode[];
  /** The current step's command, if any. */
  child: { state: OperationState; agentUpdatedAt: number | null; error: string | null } | null;
  now: number;
}

export type RollingRestartEffect =
  | { kind: 'none' }
  | { kind: 'restart'; nodeId: string }
  | { kind: 'finish'; outcome: 'succeeded' | 'failed'; reason: string };

/** How long the cluster may stay not-whole before a step gives up, and a restarted node may take to be Synced. */
export const READY_TIMEOUT_MS = 10 * 60_000;
export const REJOIN_TIMEOUT_MS = 30 * 60_000;

export function initialRollingRestart(nodes: ReadonlyArray<{ nodeId: string; nodeName: string }>, now: number): RollingRestartState {
  return {
    nodes: [...nodes].sort((a, b) => a.nodeName.localeCompare(b.nodeName)),
    index: 0,
    phase: 'ready',
    phaseSince: now,
    childId: null,
    steps: [],
    waitingFor: null,
  };
}

const isSyncedPrimary = (n: ObservedNode) =>
  n.fresh && n.status !== null && n.status.reachable && n.status.clusterStatus === 'Primary' && n.status.localStateComment === 'Synced';

/**
 * Whether the cluster is whole: at least `expectedSize` fresh nodes, all Synced, all in the same
 * Primary component (one state UUID and view) that itself counts `expectedSize` members — and no
 * known node outside it. Returns what is missing, or null.
 */
export function wholeClusterProblem(expectedSize: number, nodes: readonly ObservedNode[]): string | null {
  const notSynced = nodes.filter((n) => !isSyncedPrimary(n));
  if (notSynced.length > 0) {
    return `${notSynced.map((n) => `${n.name} (${describe(n)})`).join(', ')} not Synced in the Primary component`;
  }
  if (nodes.length < expectedSize) return `only ${nodes.length} of ${expectedSize} expected nodes are known`;
  const views = new Set(nodes.map((n) => `${n.status?.clusterStateUuid}/${n.status?.clusterConfId}`));
  if (views.size > 1) return 'the nodes report different views (a membership change is in progress)';
  const small = nodes.filter((n) => (n.status?.clusterSize ?? 0) < expectedSize);
  if (small.length > 0) return `the Primary component has ${small[0]?.status?.clusterSize} of ${expectedSize} members`;
  return null;
}

function describe(n: ObservedNode): string {
  if (!n.fresh || !n.status) return 'no fresh report';
  if (!n.status.reachable) return 'unreachable';
  return `${n.status.clusterStatus ?? '?'}/${n.status.localStateComment ?? '?'}`;
}

/**
 * The next state and what to do now. Called again after every effect and event; it never issues
 * a second restart while one is in flight, and finishes exactly once.
 *
 * @example
 * decideRollingRestart(state, { expectedSize: 3, nodes, child: null, now }) // → { effect: { kind: 'restart', nodeId: 'nod_…1' } } when all 3 are Synced
 */
export function decideRollingRestart(state: RollingRestartState, input: RollingRestartInput): { state: RollingRestartState; effect: RollingRestartEffect } {
  let s: RollingRestartState = { ...state, steps: [...state.steps] };
  const current = s.nodes[s.index];
  const finish = (outcome: 'succeeded' | 'failed', reason: string) => ({ state: { ...s, waitingFor: null }, effect: { kind: 'finish', outcome, reason } as const });
  const wait = (what: string) => ({ state: { ...s, waitingFor: what }, effect: { kind: 'none' } as const });
  const markStep = (outcome: 'done' | 'failed') => {
    s.steps = s.steps.map((st) => (st.commandId === s.childId ? { ...st, outcome, at: input.now } : st));
  };

  if (s.phase === 'restarting') {
    const child = input.child;
    if (!current || !child) return finish('failed', 'the restart command of this step is missing');
    if (child.state === 'succeeded') {
      s = { ...s, phase: 'rejoining', phaseSince: input.now };
    } else if (child.state === 'failed' || child.state === 'rejected' || child.state === 'expired' || child.state === 'cancelled') {
      markStep('failed');
      return finish('failed', `restarting ${current.nodeName} ${child.state}${child.error ? `: ${child.error}` : ''}; the remaining nodes were not touched`);
    } else {
      return wait(`${current.nodeName} to restart (command ${child.state})`);
    }
  }

  if (s.phase === 'rejoining') {
    if (!current) return finish('failed', 'no node for this step');
    const node = input.nodes.find((n) => n.nodeId === current.nodeId);
    const restartedAt = input.child?.agentUpdatedAt ?? 0;
    const back = node !== undefined && isSyncedPrimary(node) && (node.observedAt ?? 0) >= restartedAt;
    if (!back) {
      if (input.now - s.phaseSince > REJOIN_TIMEOUT_MS) {
        markStep('failed');
        return finish('failed', `${current.nodeName} was not Synced again within ${REJOIN_TIMEOUT_MS / 60_000} min of its restart`);
      }
      return wait(`${current.nodeName} to be Synced again`);
    }
    markStep('done');
    s = { ...s, index: s.index + 1, phase: 'ready', phaseSince: input.now, childId: null };
  }

  // phase 'ready'
  const next = s.nodes[s.index];
  if (!next) return finish('succeeded', `restarted ${s.nodes.map((n) => n.nodeName).join(', ')} one at a time`);
  const problem = wholeClusterProblem(input.expectedSize, input.nodes);
  if (problem) {
    if (input.now - s.phaseSince > READY_TIMEOUT_MS) {
      return finish('failed', `before restarting ${next.nodeName}: the cluster was not whole for ${READY_TIMEOUT_MS / 60_000} min (${problem})`);
    }
    return wait(`the whole cluster to be Synced before restarting ${next.nodeName}: ${problem}`);
  }
  return { state: { ...s, phase: 'restarting', phaseSince: input.now, waitingFor: `${next.nodeName} to restart` }, effect: { kind: 'restart', nodeId: next.nodeId } };
}

/** Records the command the caller issued for a `restart` effect. */
export function withChild(state: RollingRestartState, commandId: string, now: number): RollingRestartState {
  const node = state.nodes[state.index];
  if (!node) return state;
  return { ...state, childId: commandId, steps: [...state.steps, { nodeId: node.nodeId, nodeName: node.nodeName, commandId, outcome: 'running', at: now }] };
}
