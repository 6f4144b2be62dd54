import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { call } from './client';
import { opsFixture, type OpsFixture } from './operations-fixture';

// Every new route with bad input: a 400 naming the field (or the path/query part), a 404 for a
// well-formed id of nothing, and nothing created.
let fx: OpsFixture;
before(async () => {
  fx = await opsFixture('ops_input', 'all-killed-hung.json');
});
after(() => fx.close());

function assertError(res: { status: number; body: any }, status: number, code: string, message?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  if (message) assert.match(res.body.error.message, message);
}
const commandCount = async () => Number(((await fx.t.db.db.execute('select count(*) as n from commands')) as unknown as [Array<{ n: number }>])[0][0]?.n);
const clusterOps = () => `/api/v1/clusters/${fx.cluster.clusterId}/operations`;
const nodeOps = (i = 0) => `/api/v1/nodes/${fx.cluster.nodeIds[i]}/operations`;
const post = (path: string, body: unknown) => call(fx.t, 'POST', path, { cookie: fx.owner.cookie, body });

describe('POST /clusters/{id}/operations and /nodes/{id}/operations', () => {
  test('action: missing, unknown, or one only the cloud may issue', async () => {
    const before = await commandCount();
    assertError(await post(clusterOps(), {}), 400, 'validation_failed', /action: Invalid option: expected one of "rolling-restart"\|"start-node"/);
    assertError(await post(clusterOps(), { action: 'format-disk' }), 400, 'validation_failed', /action: /);
    for (const action of ['update-signing-keys', 'cancel-command']) {
      assertError(await post(clusterOps(), { action, params: {} }), 400, 'validation_failed', /action: /);
      assertError(await post(nodeOps(), { action, params: {} }), 400, 'validation_failed', /action: /);
    }
    assert.equal(await commandCount(), before);
  });

  test('a node action on a cluster and a cluster action on a node are 400, saying where to send them', async () => {
    assertError(await post(clusterOps(), { action: 'restart-node' }), 400, 'validation_failed', /action: restart-node targets one node: use POST \/api\/v1\/nodes\/\{id\}\/operations/);
    assertError(await post(nodeOps(), { action: 'collect-diagnostics' }), 400, 'validation_failed', /targets a whole cluster/);
    assertError(await post(nodeOps(), { action: 'rolling-restart' }), 400, 'validation_failed', /targets a whole cluster/);
  });

  test('params are checked against the protocol’s schema and every bad field is named', async () => {
    const before = await commandCount();
    let res = await post(nodeOps(), { action: 'set-global-variable', params: { name: 'wsrep_cluster_address', value: 'gcomm://' } });
    assertError(res, 400, 'validation_failed', /params\.name: /);
    assert.deepEqual(res.body.error.details.problems.map((p: any) => p.path), ['params.name']);
    assertError(await post(nodeOps(), { action: 'set-global-variable', params: { name: 'max_connections', value: 5 } }), 400, 'validation_failed', /params\.value: not a valid value for max_connections/);
    assertError(await post(nodeOps(), { action: 'kill-query', params: { processId: -1 } }), 400, 'validation_failed', /params\.processId: /);
    assertError(await post(nodeOps(), { action: 'kill-query', params: {} }), 400, 'validation_failed', /params\.processId: required/);
    assertError(await post(nodeOps(), { action: 'start-node', params: { extraArgs: ['--wsrep-new-cluster'] } }), 400, 'validation_failed', /params\.extraArgs: unknown field/);
    assertError(await post(nodeOps(), { action: 'restart-node', params: { allowLastSynced: 'yes' } }), 400, 'validation_failed', /params\.allowLastSynced: /);
    assertError(await post(clusterOps(), { action: 'collect-diagnostics', params: { errorLogLines: 1e9 } }), 400, 'validation_failed', /params\.errorLogLines: /);
    assertError(await post(clusterOps(), { action: 'rolling-restart', params: { order: ['node3'] } }), 400, 'validation_failed', /params: rolling-restart takes no params/);
    assertError(await post(clusterOps(), { action: 'collect-diagnostics', params: [] }), 400, 'validation_failed', /params/);
    assertError(await post(clusterOps(), { action: 'collect-diagnostics', agentId: 'agt_X' }), 400, 'validation_failed', /agentId: unknown field/);
    res = await post(clusterOps(), { action: 'bootstrap-cluster', params: { bootstrapNodeId: 'x', expectedStateUuid: 'not-a-uuid', positions: [] } });
    assertError(res, 400, 'validation_failed', /params\.expectedStateUuid: .*params\.positions: /);
    assert.equal(await commandCount(), before);
  });

  test('bootstrap-cluster naming nodes of another cluster is 400 naming each', async () => {
    const uuid = 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb';
    const res = await post(clusterOps(), {
      action: 'bootstrap-cluster',
      params: { bootstrapNodeId: 'nod_ELSEWHERE', expectedStateUuid: uuid, positions: [{ nodeId: fx.cluster.nodeIds[0], uuid, seqno: 1 }, { nodeId: 'nod_OTHER', uuid, seqno: 1 }] },
    });
    assertError(res, 400, 'validation_failed', /params\.bootstrapNodeId: not a node of this cluster; params\.positions\.1\.nodeId: not a node of this cluster/);
  });

  test('malformed and unknown ids; a cookie request not sent as JSON', async () => {
    assertError(await post('/api/v1/clusters/nope/operations', { action: 'collect-diagnostics' }), 400, 'validation_failed', /invalid path: id/);
    assertError(await post('/api/v1/clusters/clu_01JD3F5Q8Y2B7T0V9W4X6Z1A2C/operations', { action: 'collect-diagnostics' }), 404, 'not_found');
    assertError(await post('/api/v1/nodes/nod_01JD3F5Q8Y2B7T0V9W4X6Z1A2C/operations', { action: 'kill-query', params: { processId: 1 } }), 404, 'not_found');
    assertError(await call(fx.t, 'POST', clusterOps(), { cookie: fx.owner.cookie, rawBody: 'action=collect-diagnostics', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 403, 'csrf_rejected');
    assertError(await call(fx.t, 'POST', clusterOps(), { cookie: fx.owner.cookie, rawBody: '{"action": ' }), 400, 'invalid_json');
  });
});

describe('operation ids, lists, cancel and approve', () => {
  test('an id that is not a UUID is 400; an unknown one 404', async () => {
    for (const [method, suffix] of [['GET', ''], ['POST', '/cancel'], ['POST', '/approve']] as const) {
      assertError(await call(fx.t, method, `/api/v1/operations/cmd_123${suffix}`, { cookie: fx.owner.cookie }), 400, 'validation_failed', /invalid path: id: not a valid operation id/);
      assertError(await call(fx.t, method, `/api/v1/operations/${randomUUID()}${suffix}`, { cookie: fx.owner.cookie }), 404, 'not_found');
    }
  });

  test('list: a bad limit, a cursor that is not a UUID or not of this cluster, unknown parameters', async () => {
    assertError(await call(fx.t, 'GET', `${clusterOps()}?limit=0`, { cookie: fx.owner.cookie }), 400, 'validation_failed', /limit/);
    assertError(await call(fx.t, 'GET', `${clusterOps()}?limit=abc`, { cookie: fx.owner.cookie }), 400, 'validation_failed', /limit/);
    assertError(await call(fx.t, 'GET', `${clusterOps()}?before=x`, { cookie: fx.owner.cookie }), 400, 'validation_failed', /before: not an operation id/);
    assertError(await call(fx.t, 'GET', `${clusterOps()}?before=${randomUUID()}`, { cookie: fx.owner.cookie }), 400, 'validation_failed', /before: no such operation/);
    assertError(await call(fx.t, 'GET', `${clusterOps()}?state=running`, { cookie: fx.owner.cookie }), 400, 'validation_failed', /state: unknown field/);
  });

  test('approving what does not await approval is 409; cancel and approve take no body fields', async () => {
    const op = (await post(nodeOps(), { action: 'kill-query', params: { processId: 3 } })).body;
    assertError(await call(fx.t, 'POST', `/api/v1/operations/${op.id}/approve`, { cookie: fx.admin.cookie }), 409, 'conflict', /only one awaiting approval/);
  });
});

describe('policy, bootstrap plans, audit', () => {
  test('PUT /organization/policy: missing, wrong type, unknown field', async () => {
    assertError(await call(fx.t, 'PUT', '/api/v1/organization/policy', { cookie: fx.owner.cookie, body: {} }), 400, 'validation_failed', /bootstrapRequiresApproval: required/);
    assertError(await call(fx.t, 'PUT', '/api/v1/organization/policy', { cookie: fx.owner.cookie, body: { bootstrapRequiresApproval: 'yes' } }), 400, 'validation_failed', /bootstrapRequiresApproval: /);
    assertError(await call(fx.t, 'PUT', '/api/v1/organization/policy', { cookie: fx.owner.cookie, body: { bootstrapRequiresApproval: true, autoBootstrap: true } }), 400, 'validation_failed', /autoBootstrap: unknown field/);
    assertError(await call(fx.t, 'PUT', '/api/v1/organization/policy', { cookie: fx.owner.cookie, rawBody: 'true' }), 400, 'validation_failed');
  });

  test('bootstrap plans: malformed and unknown ids', async () => {
    assertError(await call(fx.t, 'POST', '/api/v1/clusters/../bootstrap-plan', { cookie: fx.owner.cookie }), 404, 'not_found');
    assertError(await call(fx.t, 'POST', '/api/v1/clusters/bad/bootstrap-plan', { cookie: fx.owner.cookie }), 400, 'validation_failed', /invalid path: id/);
    assertError(await call(fx.t, 'POST', '/api/v1/clusters/clu_01JD3F5Q8Y2B7T0V9W4X6Z1A2C/bootstrap-plan', { cookie: fx.owner.cookie }), 404, 'not_found');
    assertError(await call(fx.t, 'GET', '/api/v1/bootstrap-plans/bad', { cookie: fx.owner.cookie }), 400, 'validation_failed', /invalid path: id/);
    assertError(await call(fx.t, 'GET', '/api/v1/bootstrap-plans/bpl_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', { cookie: fx.owner.cookie }), 404, 'not_found');
  });

  test('GET /audit: bad limit, bad cursor, unknown parameters', async () => {
    assertError(await call(fx.t, 'GET', '/api/v1/audit?limit=1000', { cookie: fx.owner.cookie }), 400, 'validation_failed', /limit/);
    assertError(await call(fx.t, 'GET', '/api/v1/audit?before=evt_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', { cookie: fx.owner.cookie }), 400, 'validation_failed', /before: not an audit entry id/);
    assertError(await call(fx.t, 'GET', '/api/v1/audit?actor=usr_X', { cookie: fx.owner.cookie }), 400, 'validation_failed', /actor: unknown field/);
  });
});
