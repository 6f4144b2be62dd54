import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCommandsTick } from '../../src/jobs/commands.job';
import { call } from './client';
import { opsFixture, type OpsFixture } from './operations-fixture';

// All three nodes killed (all-killed-hung.json): no node answers SQL, every position must be recovered.
let fx: OpsFixture;
before(async () => {
  fx = await opsFixture('plan', 'all-killed-hung.json');
});
after(() => fx.close());

const U = 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb';
const plan = async (id: string) => (await call(fx.t, 'GET', `/api/v1/bootstrap-plans/${id}`, { cookie: fx.viewer.cookie })).body;
test('only admins plan a bootstrap; operators and viewers may not', async () => {
  for (const cookie of [fx.operator.cookie, fx.viewer.cookie]) {
    assert.equal((await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie })).status, 403);
  }
});

test('a plan asks each node for its recovered position, one at a time, then chooses the most advanced node with its reason', async () => {
  const connectionId = await fx.connect();
  const res = await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie: fx.admin.cookie });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const gathering = res.body;
  assert.equal(gathering.state, 'gathering');
  assert.equal(gathering.confirm, null);
  assert.equal(gathering.evidence.length, 3);
  const recovers = () => fx.sentCommands().filter((s) => s.envelope.action === 'recover-position');
  // An agent runs one write action per cluster at a time: one recover-position is out at a time.
  assert.equal(recovers().length, 1);
  assert.equal(recovers()[0]!.envelope.nodeId, fx.cluster.nodeIds[0]);
  const answers: Record<string, number> = { node1: 4036, node2: 4036, node3: 4033 };
  for (const [i, name] of ['node1', 'node2', 'node3'].entries()) {
    const ask = recovers()[i]!;
    assert.equal(ask.connectionId, connectionId);
    assert.ok(fx.verify(ask).ok);
    assert.equal(ask.envelope.nodeId, fx.cluster.nodeIds[i]);
    const at = fx.t.clock.now();
    // The agent's result, as its recover-position action writes it.
    await fx.report({
      commands: [
        { commandId: ask.envelope.id, state: 'accepted', seq: 0, at },
        { commandId: ask.envelope.id, state: 'succeeded', seq: 1, at, result: { node: name, uuid: U, seqno: answers[name], safeToBootstrap: false, source: 'wsrep-recover', running: false } },
      ],
    });
    const now = await plan(gathering.id);
    assert.equal(now.state, i < 2 ? 'gathering' : 'ready');
    assert.equal(recovers().length, Math.min(i + 2, 3), 'the next node is asked as soon as this one answered');
  }
  const ready = await plan(gathering.id);
  assert.equal(ready.decision.chosenNodeName, 'node1');
  assert.match(ready.decision.reason, /highest recovered seqno \(4036; node2 4036, node3 4033\)/);
  assert.deepEqual(
    ready.evidence.map((e: any) => [e.nodeName, e.reachable, e.running, e.uuid, e.seqno, e.safeToBootstrap, e.source]),
    [
      ['node1', true, false, U, 4036, false, 'wsrep-recover'],
      ['node2', true, false, U, 4036, false, 'wsrep-recover'],
      ['node3', true, false, U, 4033, false, 'wsrep-recover'],
    ],
  );
  assert.deepEqual(ready.confirm.body.params, {
    bootstrapNodeId: fx.cluster.nodeIds[0],
    expectedStateUuid: U,
    positions: fx.cluster.nodeIds.map((nodeId, i) => ({ nodeId, uuid: U, seqno: [4036, 4036, 4033][i] })),
  });

  // Confirming is exactly the request the plan names.
  const run = await call(fx.t, 'POST', ready.confirm.path, { cookie: fx.admin.cookie, body: ready.confirm.body });
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const bootstrap = fx.sentCommands().find((s) => s.envelope.id === run.body.id);
  assert.ok(bootstrap && fx.verify(bootstrap).ok);
  assert.deepEqual(bootstrap.envelope.params, ready.confirm.body.params);
  await call(fx.t, 'POST', `/api/v1/operations/${run.body.id}/cancel`, { cookie: fx.admin.cookie });
});

test('a node whose recovery fails, and one whose agent never answers: the plan refuses (missing position)', async () => {
  const p = (await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie: fx.admin.cookie })).body;
  const asked = () => fx.sentCommands().filter((s) => s.envelope.action === 'recover-position' && p.evidence.some((e: any) => e.nodeId === s.envelope.nodeId) && s.envelope.issuedAt >= p.createdAt);
  const ask1 = asked().at(-1)!;
  await fx.report({ commands: [{ commandId: ask1.envelope.id, state: 'succeeded', seq: 1, at: fx.t.clock.now(), result: { uuid: U, seqno: 4036, source: 'grastate', safeToBootstrap: false } }] });
  const ask2 = asked().at(-1)!;
  assert.notEqual(ask2.envelope.id, ask1.envelope.id);
  await fx.report({ commands: [{ commandId: ask2.envelope.id, state: 'failed', seq: 1, at: fx.t.clock.now(), error: { code: 'no_position', message: 'the recover command printed no position' } }] });
  const ask3 = asked().at(-1)!;
  assert.equal(ask3.envelope.nodeId, fx.cluster.nodeIds[2]);
  // node3's agent never answers: its command expires, and the deadline passes.
  const before = await plan(p.id);
  fx.t.clock.advance(before.deadlineAt - fx.t.clock.now());
  await runCommandsTick(fx.t.deps);
  const refused = await plan(p.id);
  assert.equal(refused.state, 'refused');
  assert.equal(refused.decision.refusal, 'missing_position');
  assert.deepEqual(refused.decision.nodeIds.sort(), [fx.cluster.nodeIds[1], fx.cluster.nodeIds[2]].sort());
  assert.match(refused.decision.reason, /node2: recover-position failed: the recover command printed no position/);
  assert.match(refused.decision.reason, /node3: the node's agent did not answer \(recover-position expired\)/);
});

test('a cluster with a Primary is refused at once: nothing is asked of the nodes', async () => {
  await fx.report({ states: { file: 'healthy-3.json' } });
  const before = fx.sentCommands().length;
  const p = (await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie: fx.admin.cookie })).body;
  assert.equal(p.state, 'refused');
  assert.equal(p.decision.refusal, 'primary_exists');
  assert.ok(p.evidence.every((e: any) => e.source === 'live' && e.clusterStatus === 'Primary'));
  assert.equal(fx.sentCommands().length, before);
  const audit = (await call(fx.t, 'GET', '/api/v1/audit?limit=100', { cookie: fx.owner.cookie })).body.entries;
  assert.ok(audit.some((e: any) => e.action === 'bootstrap_plan.create' && e.target.id === p.id));
});

test('nodes the telemetry had lost but the agent finds running in a Primary: the plan is refused', async () => {
  fx.t.clock.advance(120_000); // the Primary reports of the previous test are stale now
  const p = (await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie: fx.admin.cookie })).body;
  assert.equal(p.state, 'gathering');
  for (const name of ['node1', 'node2', 'node3']) {
    const ask = fx.sentCommands().filter((s) => s.envelope.action === 'recover-position').at(-1)!;
    assert.equal(ask.envelope.nodeId, fx.cluster.nodeIds[['node1', 'node2', 'node3'].indexOf(name)]);
    // recover-position on a running node runs nothing: the agent answers with the live state.
    const result = { node: name, uuid: U, seqno: 4100, safeToBootstrap: null, source: 'live', running: true, clusterStatus: 'Primary', localState: 'Synced' };
    await fx.report({ commands: [{ commandId: ask.envelope.id, state: 'succeeded', seq: 1, at: fx.t.clock.now(), result }] });
  }
  const decided = await plan(p.id);
  assert.equal(decided.state, 'refused');
  assert.equal(decided.decision.refusal, 'primary_exists');
  assert.ok(decided.evidence.every((e: any) => e.running === true && e.source === 'live' && e.clusterStatus === 'Primary'));
});
