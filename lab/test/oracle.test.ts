import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toNodeStatus, unreachableStatus, type NodeStatus } from '@quorum/protocol';
import { judgeCluster } from '../src/check';
import { parseGrastate } from '../src/grastate';
import { chooseBootstrapNode, parseRecoveredPosition } from '../src/recover';

const primary = (addresses: string[], size = addresses.length): NodeStatus =>
  toNodeStatus({
    status: {
      wsrep_cluster_status: 'Primary',
      wsrep_cluster_size: String(size),
      wsrep_local_state_comment: 'Synced',
      wsrep_incoming_addresses: addresses.join(','),
    },
  });
const nonPrimary = (address: string): NodeStatus =>
  toNodeStatus({
    status: { wsrep_cluster_status: 'non-Primary', wsrep_cluster_size: '1', wsrep_incoming_addresses: address },
  });
const [a, b, c] = ['127.0.0.11:23011', '127.0.0.12:23012', '127.0.0.13:23013'] as const;

test('check: one Primary with every node is ok, whatever the member order', () => {
  const r = judgeCluster(
    [
      { node: 'node1', status: primary([a, b, c]) },
      { node: 'node2', status: primary([c, a, b]) },
      { node: 'node3', status: primary([b, c, a]) },
    ],
    3,
  );
  assert.equal(r.verdict, 'ok');
});

test('check: disjoint Primary components are a split brain naming both sides', () => {
  const r = judgeCluster(
    [
      { node: 'node1', status: primary([a, b]) },
      { node: 'node2', status: primary([b, a]) },
      { node: 'node3', status: primary([c]) },
    ],
    3,
  );
  assert.equal(r.verdict, 'split_brain');
  assert.match(r.detail, /seen by node1 node2 \| Primary \{127\.0\.0\.13:23013\} seen by node3/);
});

test('check: overlapping views during a join are not a split brain; a missing node is degraded', () => {
  const joining = judgeCluster(
    [
      { node: 'node1', status: primary([a, b, c]) },
      { node: 'node2', status: primary([a, b]) },
      { node: 'node3', status: unreachableStatus('SST') },
    ],
    3,
  );
  assert.equal(joining.verdict, 'degraded');
  const down = judgeCluster(
    [
      { node: 'node1', status: primary([a, b, c]) },
      { node: 'node2', status: primary([a, b, c]) },
      { node: 'node3', status: unreachableStatus('not running') },
    ],
    3,
  );
  assert.equal(down.verdict, 'degraded', 'peers that have not yet noticed a dead node do not make it ok');
  assert.match(down.detail, /not in a Primary component: node3/);
  const isolated = judgeCluster(
    [
      { node: 'node1', status: primary([a, b]) },
      { node: 'node2', status: primary([a, b]) },
      { node: 'node3', status: nonPrimary(c) },
    ],
    3,
  );
  assert.equal(isolated.verdict, 'degraded');
});

test('check: no reachable Primary is no_primary', () => {
  const r = judgeCluster(
    [
      { node: 'node1', status: nonPrimary(a) },
      { node: 'node2', status: unreachableStatus('ECONNREFUSED') },
    ],
    2,
  );
  assert.equal(r.verdict, 'no_primary');
});

test('grastate.dat parsing: running, clean stop, missing fields', () => {
  const running = parseGrastate(
    '# GALERA saved state\nversion: 2.1\nuuid:    82e53bb8-e9db-11f1-a4b8-1700583c31d3\nseqno:   -1\nsafe_to_bootstrap: 0\n',
  );
  assert.deepEqual(running, { uuid: '82e53bb8-e9db-11f1-a4b8-1700583c31d3', seqno: -1, safeToBootstrap: false });
  assert.deepEqual(parseGrastate('uuid: x\nseqno: 5\nsafe_to_bootstrap: 1\n'), { uuid: 'x', seqno: 5, safeToBootstrap: true });
  assert.equal(parseGrastate('garbage'), null);
});

test('--wsrep-recover output: the last recovered position wins', () => {
  const log = [
    '[Note] InnoDB: Starting crash recovery from checkpoint LSN=58959',
    '[Note] WSREP: Recovered position: c832b829-e9dd-11f1-9f2f-e3e945ca1852:9',
    '[Note] WSREP: Recovered position: C832B829-E9DD-11F1-9F2F-E3E945CA1852:11',
  ].join('\n');
  assert.deepEqual(parseRecoveredPosition(log), { uuid: 'c832b829-e9dd-11f1-9f2f-e3e945ca1852', seqno: 11 });
  assert.equal(parseRecoveredPosition('nothing here'), null);
});

test('recover picks the highest seqno, then safe_to_bootstrap, and refuses mixed histories', () => {
  const u = '88089028-e9dc-11f1-8595-3e6c2632cb16';
  const pick = chooseBootstrapNode([
    { node: 'node1', position: { uuid: u, seqno: 11 }, safeToBootstrap: false },
    { node: 'node2', position: { uuid: u, seqno: 14 }, safeToBootstrap: false },
    { node: 'node3', position: null, safeToBootstrap: false },
  ]);
  assert.equal(pick, 'node2');
  const tie = chooseBootstrapNode([
    { node: 'node1', position: { uuid: u, seqno: 14 }, safeToBootstrap: false },
    { node: 'node2', position: { uuid: u, seqno: 14 }, safeToBootstrap: true },
  ]);
  assert.equal(tie, 'node2');
  assert.throws(
    () =>
      chooseBootstrapNode([
        { node: 'node1', position: { uuid: u, seqno: 14 }, safeToBootstrap: false },
        { node: 'node3', position: { uuid: 'b70024cf-e9db-11f1-aca4-43f8d2e292eb', seqno: 1 }, safeToBootstrap: false },
      ]),
    /different histories/,
  );
  assert.throws(() => chooseBootstrapNode([{ node: 'node1', position: null, safeToBootstrap: false }]), /no node has a known position/);
});
