import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildUrl } from './api/client';
import { alignSeries, latestValue, typicalStep } from './charts/align';
import { compactNumber, formatMetric, listWords, relativeTime, shortId } from './format';
import { eventMarkers, mergeEvents } from './galera/events';
import { isEmptyClusterAddress, seqnoLag, topologyGroups } from './galera/topology';
import { HEALTH, nodeLook } from './galera/vocabulary';
import { safeNext } from './redirect';
import type { Assessment, ClusterEvent, NodeDetail } from './api/types';

test('relative times are short; absolute ones come on hover', () => {
  const now = 1_800_000_000_000;
  assert.equal(relativeTime(now - 2_000, now, 'en'), 'just now');
  assert.equal(relativeTime(now - 30_000, now, 'en'), '30 sec. ago');
  assert.equal(relativeTime(now - 90_000, now, 'en'), '2 min. ago');
  assert.equal(relativeTime(now + 3 * 3_600_000, now, 'en'), 'in 3 hr.');
});

test('long ids are shortened, short ones kept', () => {
  assert.equal(shortId('6b2f3c1a-90de-11ef-8a57-1b2c3d4e5f60'), '6b2f3c1a…5f60');
  assert.equal(shortId('agt_1'), 'agt_1');
});

test('metric values carry their units', () => {
  assert.equal(formatMetric(0.0123, 'fraction'), '1.23 %');
  assert.equal(formatMetric(0.0042, 's'), '4.2 ms');
  assert.equal(formatMetric(1536, 'B/s'), '1.5 KiB/s');
  assert.equal(formatMetric(12_345, '1/s'), '12.3k/s');
  assert.equal(formatMetric(null, ''), '—');
  assert.equal(compactNumber(7), '7');
  assert.equal(listWords(['a', 'b', 'c']), 'a, b and c');
});

test('every health and node state has a word, not only a colour', () => {
  for (const look of Object.values(HEALTH)) assert.ok(look.word.length > 0);
  const node = (state: string, clusterStatus: string | null, fresh = true) => nodeLook({ state, clusterStatus, fresh }).word;
  assert.equal(node('Synced', 'Primary'), 'Synced');
  assert.equal(node('Donor/Desynced', 'Primary'), 'Donor');
  assert.equal(node('Joining: receiving State Transfer', 'Primary'), 'Joining');
  assert.equal(node('Initialized', 'non-Primary'), 'non-Primary');
  assert.equal(node('unreachable', null), 'Unreachable');
  assert.equal(node('Synced', 'Primary', false), 'No current data');
  assert.equal(node('unknown', null, false), 'Never reported');
});

test('samples of several nodes line up on one axis; a missing sample stays a gap', () => {
  const aligned = alignSeries(
    [
      [[0, 1], [10_000, 2], [20_000, 3]],
      [[1_000, 5], [21_000, 7]],
    ],
    10_000,
  );
  assert.deepEqual(aligned, [[0, 10, 20], [1, 2, 3], [5, null, 7]]);
  assert.equal(typicalStep([[[0, 0], [10_000, 0], [20_000, 0]]]), 10_000);
  assert.equal(latestValue([[0, 4], [50_000, 5]], 60_000, 30_000), 5);
  assert.equal(latestValue([[0, 4]], 60_000, 30_000), null);
});

const node = (over: Partial<NodeDetail>): NodeDetail => ({
  id: 'nod_1', name: 'node1', address: '10.0.0.11:3306', agentId: 'agt_1', state: 'Synced', clusterStatus: 'Primary', fresh: true,
  observedAt: 1, receivedAt: 1, reachable: true, error: null, localState: 4, localStateComment: 'Synced', clusterSize: 3,
  clusterConfId: '3', clusterStateUuid: 'u1', ready: true, connected: true, lastCommitted: 100, members: null,
  incomingAddresses: [], clusterAddress: 'gcomm://a,b,c', clusterName: 'c', desyncCount: 0, ...over,
});

test('topology: the rogue side of a split brain is its own group, with the cause', () => {
  const nodes = [node({ id: 'n1', name: 'node1' }), node({ id: 'n2', name: 'node2' }), node({ id: 'n3', name: 'node3', clusterStateUuid: 'u1', lastCommitted: 7, clusterAddress: 'gcomm://' })];
  const majority = { kind: 'primary' as const, nodeIds: ['n1', 'n2'], nodeNames: ['node1', 'node2'], size: 2, confId: '4', stateUuid: 'u1', memberAddresses: [] };
  const rogue = { kind: 'primary' as const, nodeIds: ['n3'], nodeNames: ['node3'], size: 1, confId: '1', stateUuid: 'u1', memberAddresses: [] };
  const assessment: Assessment = {
    health: 'split_brain', summary: 's', findings: [], assessedAt: 1, components: [rogue, majority],
    splitBrain: { components: [majority, rogue], rogue: [rogue], majority, causes: ['node3 runs with an empty wsrep_cluster_address (gcomm://)'], confirmed: true, since: 1 },
  };
  const groups = topologyGroups(nodes, assessment);
  assert.deepEqual(groups.map((g) => [g.role, g.nodes.map((n) => n.name)]), [['majority', ['node1', 'node2']], ['rogue', ['node3']]]);
  assert.match(groups[1]!.causes[0]!, /gcomm:\/\//);
  assert.ok(isEmptyClusterAddress('gcomm://'));
  assert.ok(isEmptyClusterAddress('gcomm://,?pc.wait_prim=no'));
  assert.ok(!isEmptyClusterAddress('gcomm://10.0.0.11'));
});

test('topology without an assessment groups nodes by what they report', () => {
  const groups = topologyGroups([node({ id: 'a' }), node({ id: 'b', state: 'unreachable', clusterStatus: null }), node({ id: 'c', fresh: false })], null);
  assert.deepEqual(groups.map((g) => g.role), ['primary', 'unreachable', 'unknown']);
});

test('seqno lag compares only nodes of one history', () => {
  const lag = seqnoLag([node({ id: 'a', lastCommitted: 100 }), node({ id: 'b', lastCommitted: 90 }), node({ id: 'c', lastCommitted: 7, clusterStateUuid: 'u2' })]);
  assert.deepEqual([...lag.entries()], [['a', 0], ['b', 10], ['c', 0]]);
});

test('timeline pages merge newest first without duplicates; events become chart markers', () => {
  const e = (id: string, at: number, type = 'node_state_changed'): ClusterEvent => ({ id, clusterId: 'c', nodeId: null, type, severity: 'warning', message: id, data: null, occurredAt: at });
  const merged = mergeEvents([e('b', 2), e('a', 1)], [e('a', 1), e('z', 0)]);
  assert.deepEqual(merged.map((x) => x.id), ['b', 'a', 'z']);
  assert.deepEqual(eventMarkers([e('s', 5000, 'split_brain_detected')]).map((m) => [m.at, m.tone]), [[5, 'bad']]);
});

test('the client fills path parameters and the query string', () => {
  assert.equal(buildUrl('/nodes/{id}/metrics', { path: { id: 'nod_1' }, query: { names: 'a,b', from: 1, to: 2, step: undefined } }), '/api/v1/nodes/nod_1/metrics?names=a%2Cb&from=1&to=2');
  assert.throws(() => buildUrl('/clusters/{id}', {}), /missing path parameter id/);
});

test('after login, only a local path is followed', () => {
  assert.equal(safeNext('/clusters/clu_1?range=1h'), '/clusters/clu_1?range=1h');
  for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', null, '']) assert.equal(safeNext(bad), '/');
});
