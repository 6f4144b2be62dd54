import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call } from './client';
import { createTestApp, type TestApp } from './support';

let t: TestApp;
let doc: any;
before(async () => {
  t = await createTestApp('openapi');
  const res = await t.app.request('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  doc = JSON.parse(await res.text());
});
after(() => t.close());

const PUBLIC = new Set(['GET /api/v1/health', 'POST /api/v1/auth/signup', 'POST /api/v1/auth/login', 'POST /api/v1/agents/enroll', 'GET /api/v1/invitations/{token}']);

test('is an OpenAPI 3.1 document with both security schemes', () => {
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(doc.info.title, 'Quorum API');
  assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['bearer', 'session']);
  assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
});

test('lists every route the app serves, each with responses and its security', () => {
  const served = t.app.routes
    .filter((r) => r.method !== 'ALL' && r.path !== '/api/v1/openapi.json')
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  assert.ok(served.length >= 19);
  for (const key of new Set(served)) {
    const [method, path] = key.split(' ') as [string, string];
    const op = doc.paths[path]?.[method.toLowerCase()];
    assert.ok(op, `${key} is missing from the document`);
    assert.ok(Object.keys(op.responses).some((s) => s.startsWith('2')), `${key} documents no success`);
    assert.deepEqual(op.security, PUBLIC.has(key) ? [] : [{ session: [] }, { bearer: [] }], `${key} security`);
    if (!PUBLIC.has(key)) assert.ok(op.responses['401'], `${key} documents 401`);
    for (const name of path.match(/(?<=\{)\w+(?=\})/g) ?? []) {
      assert.ok(op.parameters?.some((p: { name: string; in: string }) => p.name === name && p.in === 'path'), `${key} ${name} param`);
    }
  }
});

test('bodies and queries carry their schemas', () => {
  const signup = doc.paths['/api/v1/auth/signup'].post.requestBody.content['application/json'].schema;
  // `organization`, or `invitationToken` to join the inviting organization instead.
  assert.deepEqual(signup.required?.sort(), ['email', 'password']);
  assert.ok(signup.properties.organization && signup.properties.invitationToken);
  assert.equal(signup.additionalProperties, false);
  const enroll = doc.paths['/api/v1/agents/enroll'].post.requestBody.content['application/json'].schema;
  assert.ok(enroll.properties.publicKey);
  const metrics = doc.paths['/api/v1/nodes/{id}/metrics'].get.parameters.map((p: { name: string }) => p.name).sort();
  assert.deepEqual(metrics, ['from', 'id', 'names', 'step', 'to']);
  const cluster = JSON.stringify(doc.paths['/api/v1/clusters/{id}'].get.responses['200']);
  assert.match(cluster, /ClusterDetail/);
  assert.ok(doc.components.schemas.Assessment);
});

test('is served to anonymous callers', async () => {
  assert.equal((await call(t, 'GET', '/api/v1/openapi.json')).status, 200);
});
