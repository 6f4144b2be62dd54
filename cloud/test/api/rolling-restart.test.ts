import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { batchSchema } from '@quorum/protocol';
import { ingestBatch } from '../../src/jobs/ingest.job';
import { runCommandsTick } from '../../src/jobs/commands.job';
import { batchMessage, fixtureStates } from '../gateway/support/messages';
import { call } from './client';
import { opsFixture, type OpsFixture } from './operations-fixture';

let fx: OpsFixture;
before(async () => {
  fx = await opsFixture('rolling');
  await fx.connect();
});
after(() => fx.close());

const get = async (id: string) => (await call(fx.t, 'GET', `/api/v1/operations/${id}`, { cookie: fx.viewer.cookie })).body;
const restarts = () => fx.sentCommands().filter((s) => s.envelope.action === 'restart-node');
const nameOf = (nodeId: string) => ['node1', 'node2', 'node3'][fx.cluster.nodeIds.indexOf(nodeId)];
const tick = (ms = 1_000) => fx.t.clock.advance(ms);

/** The agent restarts the node of `commandId`: accepted, the node goes down, succeeded, and (later) a poll sees it Synced. */
async function agentRestarts(commandId: string, node: string) {
  await fx.report({ commands: [{ commandId, state: 'accepted', seq: 0, at: fx.t.clock.now() }] });
  tick();
  await fx.report({ unreachable: [node], states: { file: 'healthy-3.json', only: ['node1', 'node2', 'node3'].filter((n) => n !== node) } });
  tick();
  await fx.report({ states: { file: 'healthy-3.json', only: [node] } }); // Synced again, seen before the agent said so…
  tick();
  await fx.report({ commands: [{ commandId, state: 'succeeded', seq: 5, at: fx.t.clock.now() }] });
}

test('one node at a time, each only after the previous one is Synced again; never below quorum', async () => {
  const res = await fx.op(fx.operator.cookie, {}, { action: 'rolling-restart' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const parent = res.body;
  assert.equal(parent.kind, 'orchestration');
  assert.equal(parent.state, 'running');
  assert.equal(restarts().length, 1, 'the first step is taken at once');
  assert.equal(nameOf(restarts()[0]!.envelope.nodeId!), 'node1');
  assert.equal(restarts()[0]!.envelope.issuedBy, 'system:rolling-restart');
  assert.ok(fx.verify(restarts()[0]!).ok);
  assert.equal((await fx.op(fx.operator.cookie, {}, { action: 'rolling-restart' })).status, 409, 'one at a time per cluster');

  for (const [i, node] of ['node1', 'node2', 'node3'].entries()) {
    const step = restarts()[i]!;
    assert.equal(nameOf(step.envelope.nodeId!), node);
    await agentRestarts(step.envelope.id, node);
    const waiting = await get(parent.id);
    assert.match(waiting.waitingFor ?? '', new RegExp(`${node} to be Synced again`), '…so the step waits for a poll made after the restart');
    assert.equal(restarts().length, i + 1, 'no second restart while the node is not confirmed back');
    tick();
    await fx.report({ states: { file: 'healthy-3.json' } }); // the agent's next refresh
  }
  const done = await get(parent.id);
  assert.equal(done.state, 'succeeded', JSON.stringify(done));
  assert.deepEqual(done.steps.map((s: any) => [s.nodeName, s.outcome]), [['node1', 'done'], ['node2', 'done'], ['node3', 'done']]);
  assert.deepEqual(done.result, { restarted: ['node1', 'node2', 'node3'] });
  const children = (await call(fx.t, 'GET', `/api/v1/clusters/${fx.cluster.clusterId}/operations?limit=50`, { cookie: fx.viewer.cookie })).body.operations.filter((o: any) => o.parentId === parent.id);
  assert.equal(children.length, 3);
  assert.ok(children.every((c: any) => c.state === 'succeeded'));
});

test('the first failure stops it: the remaining nodes are not touched', async () => {
  const parent = (await fx.op(fx.operator.cookie, {}, { action: 'rolling-restart' })).body;
  const first = restarts().at(-1)!;
  await agentRestarts(first.envelope.id, 'node1');
  tick();
  await fx.report({ states: { file: 'healthy-3.json' } });
  const second = restarts().at(-1)!;
  assert.equal(nameOf(second.envelope.nodeId!), 'node2');
  await fx.report({
    commands: [{ commandId: second.envelope.id, state: 'rejected', seq: 0, at: fx.t.clock.now(), refusal: { code: 'last_synced_node', message: 'node2 is the last Synced node' } }],
  });
  const failed = await get(parent.id);
  assert.equal(failed.state, 'failed');
  assert.match(failed.error.message, /restarting node2 rejected: node2 is the last Synced node; the remaining nodes were not touched/);
  assert.equal(nameOf(restarts().at(-1)!.envelope.nodeId!), 'node2', 'node3 was never sent a restart');
});

test('it does not start, nor take a step, while a node is not Synced', async () => {
  await fx.report({ unreachable: ['node3'] });
  const refused = await fx.op(fx.operator.cookie, {}, { action: 'rolling-restart' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.details.refusal.code, 'cluster_not_whole');
  await fx.report({ states: { file: 'healthy-3.json' } });
});

test('progress survives a control-plane restart: with no event at all, the scheduled tick moves it on', async () => {
  const parent = (await fx.op(fx.operator.cookie, {}, { action: 'rolling-restart' })).body;
  const first = restarts().at(-1)!;
  await agentRestarts(first.envelope.id, 'node1');
  // The refresh arrives while the control plane is restarting: stored by the bare ingest, no follow-up runs.
  tick();
  const batch = batchSchema.parse(batchMessage({ states: fixtureStates('healthy-3.json', { pollSeq: 10_000, observedAt: fx.t.clock.now(), cluster: fx.cluster.name }) }));
  await ingestBatch(fx.t.deps, { orgId: fx.owner.orgId, agentId: fx.agentId, receivedAt: fx.t.clock.now(), batch });
  const before = restarts().length;
  assert.equal((await get(parent.id)).steps.length, 1);
  const result = await runCommandsTick(fx.t.deps);
  assert.ok(result.orchestrationsChecked >= 1);
  assert.equal(restarts().length, before + 1, 'the tick took the next step from the database alone');
  assert.equal(nameOf(restarts().at(-1)!.envelope.nodeId!), 'node2');

  // Cancelling stops it before the next step and asks the agent to cancel the running one.
  const running = restarts().at(-1)!;
  await fx.report({ commands: [{ commandId: running.envelope.id, state: 'accepted', seq: 0, at: fx.t.clock.now() }] });
  const cancelled = await call(fx.t, 'POST', `/api/v1/operations/${parent.id}/cancel`, { cookie: fx.operator.cookie });
  assert.equal(cancelled.body.state, 'cancelled');
  const cancel = fx.sentCommands().find((s) => s.envelope.action === 'cancel-command' && s.envelope.params.commandId === running.envelope.id);
  assert.ok(cancel, 'the running step is cancelled on the agent');
  await fx.report({ commands: [{ commandId: running.envelope.id, state: 'succeeded', seq: 3, at: fx.t.clock.now() }] });
  tick();
  await fx.report({ states: { file: 'healthy-3.json' } });
  await runCommandsTick(fx.t.deps);
  assert.equal(nameOf(restarts().at(-1)!.envelope.nodeId!), 'node2', 'no step after the cancellation');
});
