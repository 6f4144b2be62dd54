import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { choosePlan, ZERO_UUID, type NodeEvidence } from './bootstrap-plan';

/** A node that was down, its position recovered with --wsrep-recover (seqno -1 in grastate). */
function recovered(name: string, position: string, extra: Partial<NodeEvidence> = {}): NodeEvidence {
  const [uuid, seqno] = position.split(':');
  return {
    nodeId: `nod_${name}`,
    nodeName: name,
    reachable: true,
    running: false,
    clusterStatus: null,
    uuid: uuid ?? null,
    seqno: Number(seqno),
    safeToBootstrap: false,
    source: 'wsrep-recover',
    commandId: null,
    error: null,
    ...extra,
  };
}

// GALERA.md §7, "Real run": the lab's recover chose node1 (seqno 14) over node2 (14) and node3 (11).
const U88 = '88089028-e9dc-11f1-8595-3e6c2632cb16';

test('GALERA.md §7: 88089028…:14, :14, :11 → node1 (tie with node2, neither safe_to_bootstrap)', () => {
  const plan = choosePlan([recovered('node1', `${U88}:14`), recovered('node2', `${U88}:14`), recovered('node3', `${U88}:11`)]);
  assert.equal(plan.verdict, 'ready');
  if (plan.verdict !== 'ready') return;
  assert.equal(plan.chosenNodeName, 'node1');
  assert.match(plan.reason, /highest recovered seqno \(14; node2 14, node3 11\)/);
  assert.match(plan.reason, /tied with node2/);
  assert.deepEqual(plan.params, {
    bootstrapNodeId: 'nod_node1',
    expectedStateUuid: U88,
    positions: [
      { nodeId: 'nod_node1', uuid: U88, seqno: 14 },
      { nodeId: 'nod_node2', uuid: U88, seqno: 14 },
      { nodeId: 'nod_node3', uuid: U88, seqno: 11 },
    ],
  });
});

test('the same tie goes to the node whose grastate says safe_to_bootstrap: 1', () => {
  const plan = choosePlan([
    recovered('node1', `${U88}:14`),
    recovered('node2', `${U88}:14`, { safeToBootstrap: true, source: 'grastate' }),
    recovered('node3', `${U88}:11`),
  ]);
  assert.equal(plan.verdict === 'ready' && plan.chosenNodeName, 'node2');
  assert.match(plan.verdict === 'ready' ? plan.reason : '', /safe_to_bootstrap: 1/);
});

test('the fixture all-killed-hung.json: its real wsrep-recover positions 4036/4036/4033 → node1', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/galera/all-killed-hung.json', import.meta.url), 'utf8')) as {
    nodes: Record<string, { wsrepRecover: { position: string }; grastate: string }>;
  };
  const evidence = Object.entries(fixture.nodes).map(([name, n]) =>
    recovered(name, n.wsrepRecover.position, { safeToBootstrap: /safe_to_bootstrap:\s*1/.test(n.grastate) }),
  );
  assert.deepEqual(evidence.map((e) => e.seqno), [4036, 4036, 4033]);
  const plan = choosePlan(evidence);
  assert.equal(plan.verdict, 'ready');
  if (plan.verdict !== 'ready') return;
  assert.equal(plan.chosenNodeName, 'node1');
  assert.equal(plan.params.expectedStateUuid, 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb');
  assert.ok(plan.params.positions.every((p) => p.uuid === 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb'));
});

test('a clean shutdown: grastate seqnos 5/4/3 with safe_to_bootstrap on the last to leave → node1', () => {
  const plan = choosePlan([
    recovered('node3', `${U88}:3`, { source: 'grastate' }),
    recovered('node2', `${U88}:4`, { source: 'grastate' }),
    recovered('node1', `${U88}:5`, { source: 'grastate', safeToBootstrap: true }),
  ]);
  assert.equal(plan.verdict === 'ready' && plan.chosenNodeName, 'node1');
});

test('refusals: a Primary, a node without a position, a zero UUID, different histories', () => {
  const live = recovered('node1', `${U88}:20`, { running: true, clusterStatus: 'Primary', source: 'live' });
  const primary = choosePlan([live, recovered('node2', `${U88}:14`)]);
  assert.equal(primary.verdict === 'refused' && primary.refusal, 'primary_exists');
  assert.deepEqual(primary.verdict === 'refused' && primary.nodeIds, ['nod_node1']);

  const missing = choosePlan([
    recovered('node1', `${U88}:14`),
    { ...recovered('node2', `${U88}:14`), uuid: null, seqno: null, reachable: false, error: 'agent not connected' },
    recovered('node3', `${U88}:-1`),
  ]);
  assert.equal(missing.verdict, 'refused');
  if (missing.verdict === 'refused') {
    assert.equal(missing.refusal, 'missing_position');
    assert.deepEqual(missing.nodeIds, ['nod_node2', 'nod_node3']);
    assert.match(missing.reason, /node2: agent not connected/);
  }

  const zero = choosePlan([recovered('node1', `${U88}:14`), recovered('node2', `${ZERO_UUID}:30`)]);
  assert.equal(zero.verdict === 'refused' && zero.refusal, 'zero_uuid');
  assert.deepEqual(zero.verdict === 'refused' && zero.nodeIds, ['nod_node2']);

  const other = 'b70024cf-e9db-11f1-aca4-43f8d2e292eb';
  const split = choosePlan([recovered('node1', `${U88}:26`), recovered('node2', `${U88}:26`), recovered('node3', `${other}:26`)]);
  assert.equal(split.verdict === 'refused' && split.refusal, 'uuid_mismatch');
  assert.match(split.verdict === 'refused' ? split.reason : '', /a person must choose/);
});

test('a running non-Primary node counts with its live position', () => {
  const plan = choosePlan([
    recovered('node1', `${U88}:54`, { running: true, clusterStatus: 'non-Primary', source: 'live' }),
    recovered('node2', `${U88}:54`),
    recovered('node3', `${U88}:50`),
  ]);
  assert.equal(plan.verdict === 'ready' && plan.chosenNodeName, 'node1');
});

test('recover-position results are read leniently but never guessed', async () => {
  const { positionFromResult } = await import('./recover-result');
  // The agent's recover-position result, as agent/src/actions/recover-position.ts writes it.
  assert.deepEqual(positionFromResult({ node: 'node1', uuid: U88, seqno: 14, safeToBootstrap: true, source: 'grastate', running: false }), { uuid: U88, seqno: 14, safeToBootstrap: true, source: 'grastate', running: false });
  assert.deepEqual(positionFromResult({ node: 'node2', uuid: U88, seqno: 20, safeToBootstrap: null, source: 'live', running: true, clusterStatus: 'Primary' }), { uuid: U88, seqno: 20, safeToBootstrap: null, source: 'live', running: true, clusterStatus: 'Primary' });
  assert.deepEqual(positionFromResult({ position: `${U88}:11`, safe_to_bootstrap: 0, source: 'wsrep_recover' }), { uuid: U88, seqno: 11, safeToBootstrap: false, source: 'wsrep-recover', running: false });
  assert.deepEqual(positionFromResult({ position: { uuid: U88, seqno: '-1' } }), { uuid: U88, seqno: -1, safeToBootstrap: null, source: null, running: false });
  assert.equal(positionFromResult({ uuid: 'nope', seqno: 1 }), undefined);
  assert.equal(positionFromResult({ uuid: U88, seqno: 1.5 }), undefined);
  assert.equal(positionFromResult(null), undefined);
});
