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
const recoverUpdates = (p: any, seqnos: Record<string, number | null>, at: number) =>
  p.evidence.map((e: any, i: number) =>
    seqnos[e.nodeName] === null
      ? { commandId: e.commandId, state: 'failed', seq: 1, at, error: { code: 'exec_failed', message: 'mariadbd --wsrep-recover exited 1' } }
      : { commandId: e.commandId, state: 'succeeded', seq: 1 + i, at, result: { uuid: U, seqno: seqnos[e.nodeName], safeToBootstrap: false, source: 'wsrep-recover' } },
  );

test('only admins plan a bootstrap; operators and viewers may not', async () => {
  for (const cookie of [fx.operator.cookie, fx.viewer.cookie]) {
    assert.equal((await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie })).status, 403);
  }
});

test('a plan gathers every node’s recovered position, then chooses the most advanced node with its reason', async () => {
  const connectionId = await fx.connect();
  const res = await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie: fx.admin.cookie });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const gathering = res.body;
  assert.equal(gathering.state, 'gathering');
  assert.equal(gathering.confirm, null);
  assert.equal(gathering.evidence.length, 3);
  // One signed recover-position per node, sent to the agent at once.
  const sent = fx.sentCommands().filter((s) => s.envelope.action === 'recover-position');
  assert.deepEqual(sent.map((s) => s.envelope.nodeId).sort(), [...fx.cluster.nodeIds].sort());
  assert.ok(sent.every((s) => s.connectionId === connectionId && fx.verify(s).ok));
  assert.deepEqual(gathering.evidence.map((e: any) => e.commandId).sort(), sent.map((s) => s.envelope.id).sort());

  // Two answers: still gathering, evidence filled in as it comes.
  const at = fx.t.clock.now();
  const updates = recoverUpdates(gathering, { node1: 4036, node2: 4036, node3: 4033 }, at);
  await fx.report({ commands: updates.slice(0, 2) });
  const half = await plan(gathering.id);
  assert.equal(half.state, 'gathering');
  assert.deepEqual(half.evidence.map((e: any) => e.seqno), [4036, 4036, null]);

  await fx.report({ commands: updates.slice(2) });
  const ready = await plan(gathering.id);
  assert.equal(ready.state, 'ready');
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

test('a node that cannot answer makes the plan refuse (missing position), after its deadline at the latest', async () => {
  const p = (await call(fx.t, 'POST', `/api/v1/clusters/${fx.cluster.clusterId}/bootstrap-plan`, { cookie: fx.admin.cookie })).body;
  const at = fx.t.clock.now();
  // node3's recover failed; node2 never answers at all.
  const updates = recoverUpdates(p, { node1: 4036, node2: 4036, node3: null }, at);
  await fx.report({ commands: [updates[0], updates[2]] });
  assert.equal((await plan(p.id)).state, 'gathering');
  fx.t.clock.advance(p.deadlineAt - at);
  await runCommandsTick(fx.t.deps);
  const refused = await plan(p.id);
  assert.equal(refused.state, 'refused');
  assert.equal(refused.decision.refusal, 'missing_position');
  assert.deepEqual(refused.decision.nodeIds.sort(), [fx.cluster.nodeIds[1], fx.cluster.nodeIds[2]].sort());
  assert.match(refused.decision.reason, /node3: recover-position failed: mariadbd --wsrep-recover exited 1/);
  assert.match(refused.decision.reason, /node2: the node's agent did not answer/);
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
