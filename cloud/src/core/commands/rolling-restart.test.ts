import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeStatus } from '@quorum/protocol';
import { fixtureStatuses } from '../../../test/support/galera-fixtures';
import {
  decideRollingRestart,
  initialRollingRestart,
  READY_TIMEOUT_MS,
  REJOIN_TIMEOUT_MS,
  withChild,
  wholeClusterProblem,
  type ObservedNode,
  type RollingRestartInput,
  type RollingRestartState,
} from './rolling-restart';

const healthy = fixtureStatuses('healthy-3.json');
const stopped = fixtureStatuses('node3-stopped.json');
const NODES = ['node1', 'node2', 'node3'].map((name) => ({ nodeId: `nod_${name}`, nodeName: name }));

function observed(statuses: Record<string, NodeStatus>, observedAt = 1_000): ObservedNode[] {
  return Object.entries(statuses).map(([name, status]) => ({ nodeId: `nod_${name}`, name, fresh: true, status, observedAt }));
}

const input = (over: Partial<RollingRestartInput>): RollingRestartInput => ({ expectedSize: 3, nodes: observed(healthy), child: null, now: 10_000, ...over });

test('whole cluster: 3 Synced in one Primary; a stopped node, a stale report or a small component is not', () => {
  assert.equal(wholeClusterProblem(3, observed(healthy)), null);
  assert.match(wholeClusterProblem(3, observed(stopped)) ?? '', /node3 \(unreachable\) not Synced/);
  assert.match(wholeClusterProblem(3, observed(healthy).map((n) => (n.name === 'node2' ? { ...n, fresh: false } : n))) ?? '', /node2 \(no fresh report\)/);
  assert.match(wholeClusterProblem(4, observed(healthy)) ?? '', /only 3 of 4/);
});

test('a full run: restart node1, wait for it, node2, node3, then succeed — one at a time', () => {
  let s: RollingRestartState = initialRollingRestart([...NODES].reverse(), 0);
  const effects: string[] = [];
  const step = (over: Partial<RollingRestartInput>) => {
    const out = decideRollingRestart(s, input(over));
    s = out.state;
    effects.push(out.effect.kind === 'restart' ? `restart ${out.effect.nodeId}` : out.effect.kind === 'finish' ? `${out.effect.outcome}` : 'wait');
    return out;
  };
  let now = 10_000;
  for (const name of ['node1', 'node2', 'node3']) {
    const out = step({ now });
    assert.deepEqual(out.effect, { kind: 'restart', nodeId: `nod_${name}` });
    s = withChild(s, `cmd-${name}`, now);
    // While its command runs, nothing else happens, however often it is asked.
    step({ now: now + 1, child: { state: 'running', agentUpdatedAt: null, error: null }, nodes: observed(stopped) });
    // The command succeeded at agent time 5000, but the latest poll of the node predates it.
    step({ now: now + 2, child: { state: 'succeeded', agentUpdatedAt: now + 5_000, error: null }, nodes: observed(healthy, now) });
    assert.equal(s.phase, 'rejoining');
    assert.match(s.waitingFor ?? '', new RegExp(`${name} to be Synced again`));
    now += 10_000;
    // A poll made after the restart shows it Synced: the step is done, and the next one starts at once.
  }
  const last = step({ now, child: { state: 'succeeded', agentUpdatedAt: now - 5_000, error: null }, nodes: observed(healthy, now) });
  assert.deepEqual(last.effect.kind, 'finish');
  assert.equal(last.effect.kind === 'finish' && last.effect.outcome, 'succeeded');
  assert.deepEqual(s.steps.map((x) => [x.nodeName, x.outcome]), [['node1', 'done'], ['node2', 'done'], ['node3', 'done']]);
  assert.equal(effects.filter((e) => e.startsWith('restart')).length, 3);
});

test('never restarts while the cluster is not whole (quorum), and gives up after the timeout', () => {
  const s = initialRollingRestart(NODES, 0);
  const waiting = decideRollingRestart(s, input({ nodes: observed(stopped), now: READY_TIMEOUT_MS - 1 }));
  assert.equal(waiting.effect.kind, 'none');
  assert.match(waiting.state.waitingFor ?? '', /before restarting node1: node3 \(unreachable\)/);
  const gaveUp = decideRollingRestart(s, input({ nodes: observed(stopped), now: READY_TIMEOUT_MS + 1 }));
  assert.equal(gaveUp.effect.kind === 'finish' && gaveUp.effect.outcome, 'failed');
});

test('stops at the first failure: the remaining nodes are not touched', () => {
  for (const state of ['failed', 'rejected', 'expired', 'cancelled'] as const) {
    let s = decideRollingRestart(initialRollingRestart(NODES, 0), input({})).state;
    s = withChild(s, 'cmd-1', 10_000);
    const out = decideRollingRestart(s, input({ child: { state, agentUpdatedAt: 11_000, error: 'last_synced_node' } }));
    assert.equal(out.effect.kind === 'finish' && out.effect.outcome, 'failed', state);
    assert.match(out.effect.kind === 'finish' ? out.effect.reason : '', new RegExp(`restarting node1 ${state}: last_synced_node`));
    assert.deepEqual(out.state.steps.map((x) => x.outcome), ['failed']);
  }
});

test('a node that never comes back Synced fails the step after the rejoin timeout', () => {
  let s = decideRollingRestart(initialRollingRestart(NODES, 0), input({})).state;
  s = withChild(s, 'cmd-1', 10_000);
  s = decideRollingRestart(s, input({ child: { state: 'succeeded', agentUpdatedAt: 20_000, error: null }, nodes: observed(stopped), now: 20_000 })).state;
  const late = decideRollingRestart(s, input({ child: { state: 'succeeded', agentUpdatedAt: 20_000, error: null }, nodes: observed(stopped), now: 20_001 + REJOIN_TIMEOUT_MS }));
  assert.equal(late.effect.kind === 'finish' && late.effect.outcome, 'failed');
});
