import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { DEFAULT_MAX_LIFETIME_MS } from '@quorum/protocol';
import { deliverPending } from '../../src/commands/deliver-commands';
import { tenantScope } from '../../src/db/tenant-scope';
import { runCommandsTick } from '../../src/jobs/commands.job';
import { call } from './client';
import { opsFixture, tokenOf, type OpsFixture } from './operations-fixture';

let fx: OpsFixture;
before(async () => {
  fx = await opsFixture('ops');
});
after(() => fx.close());

const node = (i: number) => fx.cluster.nodeIds[i] as string;

test('role matrix through the API: viewers nothing, operators restarts/kill/diagnostics, admins the rest', async () => {
  const cases: Array<[string, string, { node?: string; cluster?: string }, unknown, number]> = [
    ['viewer', fx.viewer.cookie, { node: node(0) }, { action: 'restart-node' }, 403],
    ['viewer', fx.viewer.cookie, { cluster: fx.cluster.clusterId }, { action: 'collect-diagnostics' }, 403],
    ['operator', fx.operator.cookie, { node: node(0) }, { action: 'kill-query', params: { processId: 9 } }, 201],
    ['operator', fx.operator.cookie, { cluster: fx.cluster.clusterId }, { action: 'collect-diagnostics' }, 201],
    ['operator', fx.operator.cookie, { node: node(0) }, { action: 'set-global-variable', params: { name: 'max_connections', value: 200 } }, 403],
    ['operator', fx.operator.cookie, { node: node(0) }, { action: 'recover-position' }, 403],
    ['operator', fx.operator.cookie, { cluster: fx.cluster.clusterId }, { action: 'bootstrap-cluster', params: {} }, 403],
    ['admin', fx.admin.cookie, { node: node(1) }, { action: 'set-global-variable', params: { name: 'max_connections', value: 200 } }, 201],
    ['owner', fx.owner.cookie, { node: node(2) }, { action: 'set-global-variable', params: { name: 'slow_query_log', value: 'ON' } }, 201],
  ];
  for (const [who, cookie, target, body, status] of cases) {
    const res = await fx.op(cookie, target, body);
    assert.equal(res.status, status, `${who} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
    if (status === 403) assert.equal(res.body.error.code, 'forbidden');
  }
  // An operator token (made by an admin) acts as an operator; the envelope names the token.
  const token = await tokenOf(fx, fx.admin.cookie, 'operator');
  const res = await call(fx.t, 'POST', `/api/v1/nodes/${node(0)}/operations`, { token, body: { action: 'kill-query', params: { processId: 5, scope: 'connection' } } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.match(res.body.issuedBy, /^tok_/);
});

test('a command is signed once at creation (5-minute lifetime) and its envelope verifies with the signer’s key', async () => {
  const res = await fx.op(fx.operator.cookie, { node: node(1) }, { action: 'restart-node' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const op = res.body;
  assert.equal(op.state, 'queued', 'no welcomed connection: it waits for the agent');
  assert.equal(op.kind, 'command');
  assert.deepEqual(op.params, { allowLastSynced: false }, 'defaults from the protocol schema');
  assert.equal(op.expiresAt - op.createdAt, DEFAULT_MAX_LIFETIME_MS);
  assert.equal(op.issuedBy, fx.operator.userId);
  assert.ok(op.keyId);
  const [row] = await fx.t.db.db.execute(`select envelope, signature from commands where id = '${op.id}'`) as unknown as [Array<{ envelope: string; signature: string }>];
  const stored = row[0]!;
  const envelope = typeof stored.envelope === 'string' ? JSON.parse(stored.envelope) : stored.envelope;
  assert.equal(envelope.id, op.id);
  assert.equal(envelope.nodeId, node(1));
  const verdict = fx.verify({ envelope, signature: stored.signature });
  assert.ok(verdict.ok, JSON.stringify(verdict));
});

test('delivery: sent at once to a welcomed connection; otherwise on hello; never after it was cancelled', async () => {
  const queued = (await fx.op(fx.operator.cookie, { node: node(2) }, { action: 'kill-query', params: { processId: 77 } })).body;
  const cancelled = (await fx.op(fx.operator.cookie, { node: node(2) }, { action: 'kill-query', params: { processId: 78 } })).body;
  assert.equal((await call(fx.t, 'POST', `/api/v1/operations/${cancelled.id}/cancel`, { cookie: fx.operator.cookie })).body.state, 'cancelled');
  const connectionId = await fx.connect();
  const before = fx.sentCommands().length;
  // What the hello handler does after its welcome.
  const delivered = await deliverPending(fx.t.deps, tenantScope(fx.owner.orgId), fx.agentId, connectionId);
  assert.ok(delivered >= 1);
  const sentIds = fx.sentCommands().slice(before).map((s) => s.envelope.id);
  assert.ok(sentIds.includes(queued.id));
  assert.ok(!sentIds.includes(cancelled.id), 'a cancelled command is never handed out');
  const after = (await call(fx.t, 'GET', `/api/v1/operations/${queued.id}`, { cookie: fx.viewer.cookie })).body;
  assert.equal(after.state, 'sent');
  assert.equal(after.deliveries, 1);
  assert.ok(after.sentAt);

  // Now connected: a new command goes out at once, to that connection, and verifies.
  const live = (await fx.op(fx.operator.cookie, { node: node(0) }, { action: 'kill-query', params: { processId: 79 } })).body;
  assert.equal(live.state, 'queued', 'the response is the row as created');
  const sent = fx.sentCommands().find((s) => s.envelope.id === live.id);
  assert.ok(sent, 'sent at once');
  assert.equal(sent.connectionId, connectionId);
  assert.ok(fx.verify(sent).ok);
  assert.equal((await call(fx.t, 'GET', `/api/v1/operations/${live.id}`, { cookie: fx.viewer.cookie })).body.state, 'sent');
});

test('cancel: before delivery it is cancelled; once the agent may have it, a signed cancel-command goes too; finished is 409', async () => {
  const queued = (await fx.op(fx.operator.cookie, { node: node(0) }, { action: 'kill-query', params: { processId: 1 } })).body;
  assert.equal((await call(fx.t, 'POST', `/api/v1/operations/${queued.id}/cancel`, { cookie: fx.viewer.cookie })).status, 403);
  // (connected since the previous test: this one is `sent`)
  assert.equal((await call(fx.t, 'GET', `/api/v1/operations/${queued.id}`, { cookie: fx.viewer.cookie })).body.state, 'sent');
  const res = await call(fx.t, 'POST', `/api/v1/operations/${queued.id}/cancel`, { cookie: fx.operator.cookie });
  assert.equal(res.status, 200);
  assert.equal(res.body.state, 'cancelled');
  const cancel = fx.sentCommands().find((s) => s.envelope.action === 'cancel-command' && s.envelope.params.commandId === queued.id);
  assert.ok(cancel, 'the agent is asked to cancel it too');
  assert.ok(fx.verify(cancel).ok);

  const running = (await fx.op(fx.operator.cookie, { node: node(0) }, { action: 'restart-node' })).body;
  await fx.report({ commands: [{ commandId: running.id, state: 'accepted', seq: 0, at: fx.t.clock.now() }] });
  const asked = await call(fx.t, 'POST', `/api/v1/operations/${running.id}/cancel`, { cookie: fx.operator.cookie });
  assert.equal(asked.body.state, 'running', 'the agent decides how a running command ends');
  await fx.report({ commands: [{ commandId: running.id, state: 'failed', seq: 3, at: fx.t.clock.now(), error: { code: 'cancelled', message: 'cancelled at a safe point' } }] });
  const ended = (await call(fx.t, 'GET', `/api/v1/operations/${running.id}`, { cookie: fx.viewer.cookie })).body;
  assert.equal(ended.state, 'failed');
  assert.deepEqual(ended.error, { code: 'cancelled', message: 'cancelled at a safe point' });
  const again = await call(fx.t, 'POST', `/api/v1/operations/${running.id}/cancel`, { cookie: fx.operator.cookie });
  assert.equal(again.status, 409);
  // The system's own commands are not the user's to cancel.
  assert.equal((await call(fx.t, 'POST', `/api/v1/operations/${cancel.envelope.id}/cancel`, { cookie: fx.owner.cookie })).status, 409);
});

test('lifecycle from the agent’s updates: progress, result, finish; re-sent and older updates change nothing', async () => {
  const op = (await fx.op(fx.operator.cookie, { cluster: fx.cluster.clusterId }, { action: 'collect-diagnostics', params: { errorLogLines: 10 } })).body;
  const at = fx.t.clock.now();
  const first = await fx.report({ commands: [{ commandId: op.id, state: 'accepted', seq: 0, at }, { commandId: op.id, state: 'running', seq: 1, at, progress: { step: 'logs', message: 'reading error logs', percent: 50 } }] });
  assert.equal(first.commandsApplied, 2);
  let view = (await call(fx.t, 'GET', `/api/v1/operations/${op.id}`, { cookie: fx.viewer.cookie })).body;
  assert.equal(view.state, 'running');
  assert.deepEqual(view.progress, { step: 'logs', message: 'reading error logs', percent: 50 });
  assert.ok(view.startedAt);
  const done = { commandId: op.id, state: 'succeeded' as const, seq: 2, at, result: { nodes: 3, lines: 30 } };
  await fx.report({ commands: [done] });
  // The same outcome again (a resend answered "replayed", a spool replay): nothing changes.
  const echo = await fx.report({ commands: [done, { commandId: op.id, state: 'rejected', seq: 0, at, reason: 'replayed' }, { commandId: op.id, state: 'running', seq: 1, at }] });
  assert.equal(echo.commandsApplied, 0);
  assert.equal(echo.commandsIgnored, 3);
  view = (await call(fx.t, 'GET', `/api/v1/operations/${op.id}`, { cookie: fx.viewer.cookie })).body;
  assert.equal(view.state, 'succeeded');
  assert.deepEqual(view.result, { nodes: 3, lines: 30 });
  // Updates for commands of no one / of another agent are ignored, never applied.
  const stray = await fx.report({ commands: [{ commandId: randomUUID(), state: 'succeeded', seq: 9, at }] });
  assert.equal(stray.commandsApplied, 0);
});

test('a bootstrap while the telemetry shows a Primary is refused (409 precondition_failed) and nothing is signed', async () => {
  const before = fx.sentCommands().length;
  const params = { bootstrapNodeId: node(0), expectedStateUuid: 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb', positions: [{ nodeId: node(0), uuid: 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb', seqno: 5 }] };
  const res = await fx.op(fx.admin.cookie, {}, { action: 'bootstrap-cluster', params });
  assert.equal(res.status, 409, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'precondition_failed');
  assert.equal(res.body.error.details.refusal.code, 'primary_exists');
  assert.match(res.body.error.message, /node1, node2, node3 are in a Primary component/);
  assert.equal(fx.sentCommands().length, before);
});

test('stopping or restarting the last Synced node of the Primary is refused unless insisted on', async () => {
  await fx.report({ states: { file: 'node3-stopped.json', only: ['node1'] }, unreachable: ['node2', 'node3'] });
  for (const action of ['stop-node', 'restart-node']) {
    const res = await fx.op(fx.operator.cookie, { node: node(0) }, { action });
    assert.equal(res.status, 409, JSON.stringify(res.body));
    assert.equal(res.body.error.details.refusal.code, 'last_synced_node');
  }
  assert.equal((await fx.op(fx.operator.cookie, { node: node(0) }, { action: 'stop-node', params: { allowLastSynced: true } })).status, 201);
  // recover-position needs the node down: node2 is, node1 is not.
  assert.equal((await fx.op(fx.admin.cookie, { node: node(0) }, { action: 'recover-position' })).body.error.details.refusal.code, 'wrong_node_state');
  assert.equal((await fx.op(fx.admin.cookie, { node: node(1) }, { action: 'recover-position' })).status, 201);
  await fx.report({ states: { file: 'healthy-3.json' } });
});

test('operations list: newest first, paged; unknown ids are 404', async () => {
  const page1 = (await call(fx.t, 'GET', `/api/v1/clusters/${fx.cluster.clusterId}/operations?limit=3`, { cookie: fx.viewer.cookie })).body;
  assert.equal(page1.operations.length, 3);
  const page2 = (await call(fx.t, 'GET', `/api/v1/clusters/${fx.cluster.clusterId}/operations?limit=3&before=${page1.nextBefore}`, { cookie: fx.viewer.cookie })).body;
  const all = [...page1.operations, ...page2.operations];
  assert.equal(new Set(all.map((o: { id: string }) => o.id)).size, all.length, 'no overlap between pages');
  const times = all.map((o: { createdAt: number }) => o.createdAt);
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  assert.equal((await call(fx.t, 'GET', `/api/v1/operations/${randomUUID()}`, { cookie: fx.viewer.cookie })).status, 404);
});

test('expiry: a command nobody delivered expires with its envelope; the audit says so', async () => {
  await fx.t.db.db.execute('delete from agent_connections');
  const op = (await fx.op(fx.operator.cookie, { node: node(1) }, { action: 'kill-query', params: { processId: 2 } })).body;
  fx.t.clock.advance(DEFAULT_MAX_LIFETIME_MS - 1);
  assert.equal((await runCommandsTick(fx.t.deps)).expired, 0);
  fx.t.clock.advance(1);
  const tick = await runCommandsTick(fx.t.deps);
  assert.ok(tick.expired >= 1);
  const view = (await call(fx.t, 'GET', `/api/v1/operations/${op.id}`, { cookie: fx.viewer.cookie })).body;
  assert.equal(view.state, 'expired');
  assert.equal(view.error.code, 'expired');
  const audit = (await call(fx.t, 'GET', '/api/v1/audit?limit=200', { cookie: fx.owner.cookie })).body.entries;
  const finish = audit.find((e: { action: string; target: { id: string } }) => e.action === 'command.finish' && e.target.id === op.id);
  assert.deepEqual(finish?.actor, { kind: 'system', id: 'system:expiry' });
  // An agent that did run it after all (its report arrives from the spool) wins over the guess.
  await fx.report({ commands: [{ commandId: op.id, state: 'succeeded', seq: 1, at: fx.t.clock.now() }] });
  assert.equal((await call(fx.t, 'GET', `/api/v1/operations/${op.id}`, { cookie: fx.viewer.cookie })).body.state, 'succeeded');
});
