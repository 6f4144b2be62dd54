import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessCluster } from './assess';
import type { AssessmentMemory, Health, NodeObservation } from './types';
import { fixtureObservations } from '../../../test/support/galera-fixtures';

const assess = (nodes: NodeObservation[], memory: AssessmentMemory = {}, previousHealth: Health = 'healthy', now = 10_000) =>
  assessCluster({ expectedSize: 3, nodes, memory, previousHealth, now });

/** Two consecutive polls of the same captured state (the second one a poll later). */
function twoPolls(file: string) {
  const first = assess(fixtureObservations(file, { pollSeq: 10 }), {}, 'degraded', 10_000);
  const second = assess(fixtureObservations(file, { pollSeq: 11 }), first.memory, first.assessment.health, 11_000);
  return { first, second };
}

test('healthy-3: one Primary component of 3 Synced nodes is healthy', () => {
  const { assessment } = assess(fixtureObservations('healthy-3.json'));
  assert.equal(assessment.health, 'healthy');
  assert.deepEqual(assessment.findings, []);
  assert.equal(assessment.components.length, 1);
  assert.deepEqual(assessment.components[0]?.nodeNames, ['node1', 'node2', 'node3']);
  assert.match(assessment.summary, /All 3 nodes are Synced/);
});

test('after-recover and partition-healed are healthy again', () => {
  assert.equal(assess(fixtureObservations('after-recover.json')).assessment.health, 'healthy');
  assert.equal(assess(fixtureObservations('partition-healed.json')).assessment.health, 'healthy');
});

test('node3-stopped: degraded, node3 unreachable, size 2 of 3', () => {
  const { assessment } = assess(fixtureObservations('node3-stopped.json'));
  assert.equal(assessment.health, 'degraded');
  const codes = assessment.findings.map((f) => f.code);
  assert.ok(codes.includes('node_unreachable'));
  assert.ok(codes.includes('size_below_expected'));
  assert.deepEqual(assessment.findings.find((f) => f.code === 'node_unreachable')?.nodeIds, ['n3']);
  assert.equal(assessment.splitBrain, null);
});

test('node3-killed before the survivors notice: still degraded because node3 is unreachable', () => {
  const { assessment } = assess(fixtureObservations('node3-killed.json'));
  assert.equal(assessment.health, 'degraded');
  assert.ok(!assessment.findings.some((f) => f.code === 'size_below_expected'));
  assert.equal(assess(fixtureObservations('node3-killed-t10.json')).assessment.health, 'degraded');
});

test('partition-minority: the isolated node is non-Primary, and its stale member table is not trusted', () => {
  const { assessment } = assess(fixtureObservations('partition-minority.json'));
  assert.equal(assessment.health, 'degraded');
  assert.equal(assessment.splitBrain, null);
  const nonPrimary = assessment.findings.find((f) => f.code === 'node_non_primary');
  assert.deepEqual(nonPrimary?.nodeIds, ['n3']);
  assert.deepEqual(
    assessment.components.map((c) => [c.kind, c.nodeNames]),
    [
      ['primary', ['node1', 'node2']],
      ['non_primary', ['node3']],
    ],
  );
});

test('donor, joiner and desynced are degraded with the node named, never split brain', () => {
  for (const [file, node, state] of [
    ['donor.json', 'n1', 'Donor/Desynced'],
    ['joiner.json', 'n3', 'Joining'],
    ['desynced.json', 'n2', 'Donor/Desynced'],
  ] as const) {
    const { assessment } = assess(fixtureObservations(file));
    assert.equal(assessment.health, 'degraded', file);
    const f = assessment.findings.find((x) => x.code === 'node_not_synced');
    assert.deepEqual(f?.nodeIds, [node], file);
    assert.equal(f?.evidence?.localState, state, file);
  }
});

test('all-killed-hung: running but unreachable everywhere is no Primary', () => {
  const { assessment } = assess(fixtureObservations('all-killed-hung.json'));
  assert.equal(assessment.health, 'no_primary');
  assert.equal(assessment.findings.filter((f) => f.code === 'node_unreachable').length, 3);
});

for (const file of ['split-brain-same-uuid.json', 'split-brain-new-uuid.json', 'split-brain-new-uuid-quick-restart.json']) {
  test(`${file}: suspected on the first poll, split_brain on the second, node3 named as rogue`, () => {
    const { first, second } = twoPolls(file);
    assert.equal(first.assessment.health, 'degraded');
    assert.equal(first.assessment.splitBrain?.confirmed, false);
    assert.deepEqual(first.events.map((e) => e.type).filter((t) => t.startsWith('split')), ['split_brain_suspected']);

    assert.equal(second.assessment.health, 'split_brain');
    const split = second.assessment.splitBrain;
    assert.ok(split?.confirmed);
    assert.deepEqual(split.rogue.map((c) => c.nodeNames), [['node3']]);
    assert.deepEqual(split.majority.nodeNames, ['node1', 'node2']);
    assert.ok(split.causes.some((c) => c.includes('empty wsrep_cluster_address (gcomm://)')));
    assert.deepEqual(second.events.map((e) => e.type), ['split_brain_detected', 'health_changed']);
    assert.match(second.assessment.summary, /^Split brain: node3 \(127\.0\.0\.13:33063\) formed its own Primary component/);
    assert.equal(second.assessment.findings[0]?.code, 'split_brain');
  });
}

test('variant A names the new history; variant B warns that the same UUID hides the divergence', () => {
  const a = twoPolls('split-brain-new-uuid.json').second.assessment.splitBrain;
  assert.ok(a?.causes.some((c) => c.includes('new history (state UUID 047dd374')));
  const b = twoPolls('split-brain-same-uuid-diverged.json').second.assessment.splitBrain;
  assert.ok(b?.causes.some((c) => c.includes('histories diverge silently')));
});

test('a split seen once and gone on the next poll is never confirmed', () => {
  const first = assess(fixtureObservations('split-brain-same-uuid.json', { pollSeq: 5 }), {}, 'healthy');
  const second = assess(fixtureObservations('healthy-3.json', { pollSeq: 6 }), first.memory, first.assessment.health);
  assert.equal(second.assessment.health, 'healthy');
  assert.ok(!second.events.some((e) => e.type === 'split_brain_detected'));
  assert.equal(second.memory.pendingSplit, undefined);
});

test('the same poll delivered twice does not confirm a split', () => {
  const first = assess(fixtureObservations('split-brain-same-uuid.json', { pollSeq: 5 }));
  const again = assess(fixtureObservations('split-brain-same-uuid.json', { pollSeq: 5 }), first.memory, first.assessment.health);
  assert.equal(again.assessment.health, 'degraded');
  assert.equal(again.assessment.splitBrain?.confirmed, false);
});

test('when the rogue rejoins the split is resolved and the event says the data may have diverged', () => {
  const { second } = twoPolls('split-brain-same-uuid.json');
  const healed = assess(fixtureObservations('healthy-3.json', { pollSeq: 12 }), second.memory, 'split_brain', 12_000);
  assert.equal(healed.assessment.health, 'healthy');
  const resolved = healed.events.find((e) => e.type === 'split_brain_resolved');
  assert.ok(resolved);
  assert.deepEqual(resolved.nodeIds, ['n3']);
  assert.match(resolved.message, /delete grastate\.dat/);
});

test('§12 collapse: the rogue left as the only Primary stays a split brain, with the reason', () => {
  const { second } = twoPolls('split-brain-new-uuid-quick-restart-t2.json');
  const collapsed = assess(
    fixtureObservations('split-brain-new-uuid-quick-restart-collapse.json', { pollSeq: 30 }),
    second.memory,
    'split_brain',
    30_000,
  );
  assert.equal(collapsed.assessment.health, 'split_brain');
  const f = collapsed.assessment.findings.find((x) => x.code === 'rogue_primary_only');
  assert.deepEqual(f?.nodeIds, ['n3']);
  assert.match(f?.message ?? '', /c715bf2e/);
});

test('stale data is unknown, not evidence', () => {
  const stale = fixtureObservations('split-brain-same-uuid.json').map((o) => ({ ...o, fresh: false }));
  const { assessment, events } = assess(stale);
  assert.equal(assessment.health, 'unknown');
  assert.equal(assessment.splitBrain, null);
  assert.ok(!events.some((e) => e.type.startsWith('split')));
  const oneStale = fixtureObservations('healthy-3.json').map((o) => (o.name === 'node3' ? { ...o, fresh: false } : o));
  const partly = assess(oneStale).assessment;
  assert.equal(partly.health, 'healthy', 'the Primary view still holds all 3 nodes');
  assert.ok(partly.findings.some((f) => f.code === 'node_unknown' && f.nodeIds[0] === 'n3'));
});

test('a running node with gcomm:// while its peers are alive is flagged before it restarts', () => {
  const nodes = fixtureObservations('healthy-3.json').map((o) =>
    o.name === 'node2' && o.status ? { ...o, status: { ...o.status, clusterAddress: 'gcomm://' } } : o,
  );
  const { assessment } = assess(nodes);
  const f = assessment.findings.find((x) => x.code === 'empty_cluster_address');
  assert.deepEqual(f?.nodeIds, ['n2']);
  assert.equal(f?.severity, 'critical');
});

test('health changes are events, unchanged health is not', () => {
  const same = assess(fixtureObservations('healthy-3.json'), {}, 'healthy');
  assert.equal(same.events.length, 0);
  const changed = assess(fixtureObservations('node3-stopped.json'), {}, 'healthy');
  assert.deepEqual(changed.events.map((e) => [e.type, e.data.from, e.data.to]), [['health_changed', 'healthy', 'degraded']]);
});
