import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call } from './client';
import { opsFixture, tokenOf, type OpsFixture } from './operations-fixture';

// A cluster after a full outage (all-killed-hung.json: no node answers): a bootstrap is allowed.
let fx: OpsFixture;
before(async () => {
  fx = await opsFixture('approvals', 'all-killed-hung.json');
});
after(() => fx.close());

const UUID = 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb';
const params = () => ({
  bootstrapNodeId: fx.cluster.nodeIds[0],
  expectedStateUuid: UUID,
  positions: fx.cluster.nodeIds.map((nodeId, i) => ({ nodeId, uuid: UUID, seqno: [4036, 4036, 4033][i] })),
});
const get = async (id: string) => (await call(fx.t, 'GET', `/api/v1/operations/${id}`, { cookie: fx.viewer.cookie })).body;

test('the policy: viewers may read it, only admins change it, and the change is audited', async () => {
  assert.deepEqual((await call(fx.t, 'GET', '/api/v1/organization/policy', { cookie: fx.viewer.cookie })).body, { bootstrapRequiresApproval: false, updatedBy: null, updatedAt: null });
  assert.equal((await call(fx.t, 'PUT', '/api/v1/organization/policy', { cookie: fx.operator.cookie, body: { bootstrapRequiresApproval: true } })).status, 403);
  const res = await call(fx.t, 'PUT', '/api/v1/organization/policy', { cookie: fx.owner.cookie, body: { bootstrapRequiresApproval: true } });
  assert.equal(res.status, 200);
  assert.equal(res.body.bootstrapRequiresApproval, true);
  assert.equal(res.body.updatedBy, fx.owner.userId);
  const audit = (await call(fx.t, 'GET', '/api/v1/audit', { cookie: fx.admin.cookie })).body.entries;
  const entry = audit.find((e: { action: string }) => e.action === 'organization.policy_update');
  assert.deepEqual(entry?.details, { before: { bootstrapRequiresApproval: false }, after: { bootstrapRequiresApproval: true } });
});

test('a bootstrap waits unsigned for a DIFFERENT admin; the approval signs it with approvedBy in the envelope', async () => {
  const asked = await fx.op(fx.admin.cookie, {}, { action: 'bootstrap-cluster', params: params() });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.equal(asked.body.state, 'awaiting_approval');
  assert.equal(asked.body.keyId, null, 'not signed yet');
  const connectionId = await fx.connect();
  assert.equal(fx.sentCommands().length, 0, 'nothing unsigned is ever sent');

  const self = await call(fx.t, 'POST', `/api/v1/operations/${asked.body.id}/approve`, { cookie: fx.admin.cookie });
  assert.equal(self.status, 403);
  assert.match(self.body.error.message, /different admin/);
  // An API token is its creator: the same person cannot approve through one either.
  const ownToken = await tokenOf(fx, fx.admin.cookie, 'admin');
  assert.equal((await call(fx.t, 'POST', `/api/v1/operations/${asked.body.id}/approve`, { token: ownToken })).status, 403);
  assert.equal((await call(fx.t, 'POST', `/api/v1/operations/${asked.body.id}/approve`, { cookie: fx.operator.cookie })).status, 403);

  const approved = await call(fx.t, 'POST', `/api/v1/operations/${asked.body.id}/approve`, { cookie: fx.owner.cookie });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.approvedBy, fx.owner.userId);
  const sent = fx.sentCommands().find((s) => s.envelope.id === asked.body.id);
  assert.ok(sent, 'delivered once approved');
  assert.equal(sent.connectionId, connectionId);
  assert.equal(sent.envelope.approvedBy, fx.owner.userId);
  assert.equal(sent.envelope.issuedBy, fx.admin.userId);
  assert.ok(fx.verify(sent).ok, 'approvedBy is covered by the signature');
  assert.equal((await get(asked.body.id)).state, 'sent');
  assert.equal((await call(fx.t, 'POST', `/api/v1/operations/${asked.body.id}/approve`, { cookie: fx.owner.cookie })).status, 409, 'only once');

  const audit = (await call(fx.t, 'GET', '/api/v1/audit?limit=100', { cookie: fx.owner.cookie })).body.entries;
  const about = audit.filter((e: { target: { id: string } }) => e.target.id === asked.body.id).map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id]);
  assert.deepEqual(about.reverse(), [['command.create', fx.admin.userId], ['command.approve', fx.owner.userId]]);
});

test('a second bootstrap while one is open is a conflict', async () => {
  const res = await fx.op(fx.owner.cookie, {}, { action: 'bootstrap-cluster', params: params() });
  assert.equal(res.status, 409);
  assert.equal(res.body.error.code, 'conflict');
});

test('the preconditions are checked again at approval: a Primary seen since then blocks it', async () => {
  await fx.t.db.db.execute(`update commands set state = 'failed' where action = 'bootstrap-cluster'`);
  const asked = (await fx.op(fx.owner.cookie, {}, { action: 'bootstrap-cluster', params: params() })).body;
  assert.equal(asked.state, 'awaiting_approval');
  await fx.report({ states: { file: 'healthy-3.json' } }); // someone started the cluster by hand
  const res = await call(fx.t, 'POST', `/api/v1/operations/${asked.id}/approve`, { cookie: fx.admin.cookie });
  assert.equal(res.status, 409);
  assert.equal(res.body.error.details.refusal.code, 'primary_exists');
  assert.equal((await get(asked.id)).state, 'awaiting_approval', 'still waiting, unsigned');
  const cancelled = await call(fx.t, 'POST', `/api/v1/operations/${asked.id}/cancel`, { cookie: fx.admin.cookie });
  assert.equal(cancelled.body.state, 'cancelled');
});
