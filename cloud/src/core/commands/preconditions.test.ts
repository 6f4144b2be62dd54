import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeStatus } from '@quorum/protocol';
import { fixtureStatuses } from '../../../test/support/galera-fixtures';
import { checkPreconditions } from './preconditions';
import type { ObservedNode } from './rolling-restart';

const U = 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb';
const observed = (file: string): ObservedNode[] =>
  Object.entries(fixtureStatuses(file)).map(([name, status]: [string, NodeStatus]) => ({ nodeId: `nod_${name}`, name, fresh: true, status, observedAt: 1 }));
const bootstrap = (seqnos = [14, 14, 11], chosen = 'nod_node1', uuid = U) => ({
  bootstrapNodeId: chosen,
  expectedStateUuid: U,
  positions: seqnos.map((seqno, i) => ({ nodeId: `nod_node${i + 1}`, uuid, seqno })),
});

test('bootstrap is refused while any fresh node reports a Primary component', () => {
  const r = checkPreconditions({ action: 'bootstrap-cluster', params: bootstrap(), expectedSize: 3, nodes: observed('healthy-3.json') });
  assert.equal(r?.code, 'primary_exists');
  const partition = checkPreconditions({ action: 'bootstrap-cluster', params: bootstrap(), expectedSize: 3, nodes: observed('partition-minority.json') });
  assert.equal(partition?.code, 'primary_exists', 'a majority Primary elsewhere counts');
});

test('bootstrap after a full outage passes; a stale Primary report does not block it', () => {
  assert.equal(checkPreconditions({ action: 'bootstrap-cluster', params: bootstrap(), expectedSize: 3, nodes: observed('all-killed-hung.json') }), null);
  const stale = observed('healthy-3.json').map((n) => ({ ...n, fresh: false }));
  assert.equal(checkPreconditions({ action: 'bootstrap-cluster', params: bootstrap(), expectedSize: 3, nodes: stale }), null);
});

test('bootstrap from a node behind another, a zero UUID or mixed histories is refused', () => {
  const nodes = observed('all-killed-hung.json');
  assert.equal(checkPreconditions({ action: 'bootstrap-cluster', params: bootstrap([14, 14, 11], 'nod_node3'), expectedSize: 3, nodes })?.code, 'position_regressed');
  assert.equal(checkPreconditions({ action: 'bootstrap-cluster', params: bootstrap([1, 1, 1], 'nod_node1', '00000000-0000-0000-0000-000000000000'), expectedSize: 3, nodes })?.code, 'zero_uuid');
  const mixed = bootstrap();
  mixed.positions[2] = { nodeId: 'nod_node3', uuid: '88089028-e9dc-11f1-8595-3e6c2632cb16', seqno: 11 };
  assert.equal(checkPreconditions({ action: 'bootstrap-cluster', params: mixed, expectedSize: 3, nodes })?.code, 'uuid_mismatch');
});

test('stopping the last Synced node of the Primary is refused unless insisted on', () => {
  // node3 stopped and node2's report stale: node1 is the only Synced node known.
  const nodes = observed('node3-stopped.json').map((n) => (n.name === 'node2' ? { ...n, fresh: false } : n));
  assert.equal(checkPreconditions({ action: 'stop-node', params: { allowLastSynced: false }, nodeId: 'nod_node1', expectedSize: 3, nodes })?.code, 'last_synced_node');
  assert.equal(checkPreconditions({ action: 'stop-node', params: { allowLastSynced: true }, nodeId: 'nod_node1', expectedSize: 3, nodes }), null);
  assert.equal(checkPreconditions({ action: 'restart-node', params: { allowLastSynced: false }, nodeId: 'nod_node1', expectedSize: 3, nodes: observed('healthy-3.json') }), null);
});

test('recover-position needs the node stopped; a rolling restart needs the whole cluster Synced', () => {
  assert.equal(checkPreconditions({ action: 'recover-position', params: {}, nodeId: 'nod_node1', expectedSize: 3, nodes: observed('healthy-3.json') })?.code, 'wrong_node_state');
  assert.equal(checkPreconditions({ action: 'recover-position', params: {}, nodeId: 'nod_node3', expectedSize: 3, nodes: observed('node3-stopped.json') }), null);
  assert.equal(checkPreconditions({ action: 'rolling-restart', params: {}, expectedSize: 3, nodes: observed('healthy-3.json') }), null);
  assert.equal(checkPreconditions({ action: 'rolling-restart', params: {}, expectedSize: 3, nodes: observed('node3-stopped.json') })?.code, 'cluster_not_whole');
});
