import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/app';
import type { Database } from '../../src/db/client';
import { MAX_BODY_BYTES } from '../../src/http/body-limit';
import { call, PASSWORD, signup, type Owner } from './client';
import { seedCluster } from './seed';
import { createTestApp, recordingLogger, type TestApp } from './support';

let t: TestApp;
let owner: Owner;
let nodeId: string;
before(async () => {
  t = await createTestApp('bad_input');
  owner = await signup(t, 'Inputs');
  const seeded = await seedCluster(t.db.db, { orgId: owner.orgId, agentId: 'agt_X', name: 'c', fixture: 'healthy-3.json', now: t.clock.now() });
  nodeId = seeded.nodeIds[0] as string;
});
after(() => t.close());

function assertError(res: { status: number; body: any }, status: number, code: string, message?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.equal(typeof res.body.error.message, 'string');
  if (message) assert.match(res.body.error.message, message);
}

describe('bodies', () => {
  test('malformed JSON is 400 invalid_json, on public and authenticated routes', async () => {
    assertError(await call(t, 'POST', '/api/v1/auth/login', { rawBody: '{"email": "a@b.c",' }), 400, 'invalid_json');
    assertError(await call(t, 'POST', '/api/v1/api-tokens', { cookie: owner.cookie, rawBody: "{name: 'x'}" }), 400, 'invalid_json');
  });

  test('wrong types name every bad field', async () => {
    const res = await call(t, 'POST', '/api/v1/auth/signup', { body: { email: 5, password: true, organization: [] } });
    assertError(res, 400, 'validation_failed', /email: .*; password: .*; organization: /);
    assert.deepEqual(res.body.error.details.problems.map((p: { path: string }) => p.path), ['email', 'password', 'organization']);
  });

  test('missing fields say "required"; unknown fields are refused by name', async () => {
    assertError(await call(t, 'POST', '/api/v1/auth/login', { body: { email: 'a@b.co' } }), 400, 'validation_failed', /password: required/);
    assertError(
      await call(t, 'POST', '/api/v1/auth/login', { body: { email: 'a@b.co', password: 'x', isAdmin: true } }),
      400,
      'validation_failed',
      /isAdmin: unknown field/,
    );
    assertError(
      await call(t, 'POST', '/api/v1/api-tokens', { cookie: owner.cookie, body: { name: 'x', orgId: 'org_OTHER' } }),
      400,
      'validation_failed',
      /orgId: unknown field/,
    );
  });

  test('a body that is not an object is a validation error', async () => {
    for (const rawBody of ['[]', 'null', '"text"', '42']) {
      assertError(await call(t, 'POST', '/api/v1/auth/login', { rawBody }), 400, 'validation_failed');
    }
  });

  test(`a body over ${MAX_BODY_BYTES} bytes is 413, with or without Content-Length`, async () => {
    const big = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(MAX_BODY_BYTES) });
    assertError(await call(t, 'POST', '/api/v1/auth/login', { rawBody: big }), 413, 'payload_too_large');
    assertError(
      await call(t, 'POST', '/api/v1/auth/login', { rawBody: big, headers: { 'content-length': String(big.length) } }),
      413,
      'payload_too_large',
    );
  });

  test('a body not sent as JSON is 415', async () => {
    assertError(
      await call(t, 'POST', '/api/v1/auth/login', { rawBody: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
  });
});

describe('paths and queries', () => {
  test('a malformed id is 400 naming it; a well-formed unknown id is 404', async () => {
    assertError(await call(t, 'GET', '/api/v1/clusters/DROP%20TABLE', { cookie: owner.cookie }), 400, 'validation_failed', /id: not a valid id/);
    assertError(await call(t, 'GET', '/api/v1/clusters/clu_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', { cookie: owner.cookie }), 404, 'not_found');
  });

  test('metrics: unknown names, reversed or too long ranges, non-numbers and unknown parameters', async () => {
    const base = `/api/v1/nodes/${nodeId}/metrics`;
    const now = t.clock.now();
    const cases: Array<[string, RegExp]> = [
      [`?names=queries_per_s,bogus&from=${now - 1000}&to=${now}`, /names: unknown metric bogus/],
      [`?names=queries_per_s&from=${now}&to=${now - 1000}`, /from: must be before `to`/],
      [`?names=queries_per_s&from=${now - 32 * 86_400_000}&to=${now}`, /to: the range may span at most 31 days/],
      [`?names=queries_per_s&from=yesterday&to=${now}`, /from: /],
      [`?from=${now - 1000}&to=${now}`, /names: required/],
      [`?names=queries_per_s&from=${now - 1000}&to=${now}&stride=5`, /stride: unknown field/],
      [`?names=queries_per_s&from=${now - 1000}&to=${now}&step=5`, /step: /],
    ];
    for (const [query, message] of cases) assertError(await call(t, 'GET', base + query, { cookie: owner.cookie }), 400, 'validation_failed', message);
  });

  test('events: a bad limit is 400', async () => {
    const cluster = (await call(t, 'GET', '/api/v1/clusters', { cookie: owner.cookie })).body.clusters[0].id;
    for (const limit of ['0', '201', 'ten']) {
      assertError(await call(t, 'GET', `/api/v1/clusters/${cluster}/events?limit=${limit}`, { cookie: owner.cookie }), 400, 'validation_failed', /limit: /);
    }
  });

  test('an unknown route is a JSON 404; a wrong method a JSON 405 with Allow', async () => {
    assertError(await call(t, 'GET', '/api/v1/no-such-thing'), 404, 'not_found');
    assertError(await call(t, 'GET', '/api/v2/clusters'), 404, 'not_found');
    const res = await call(t, 'PUT', '/api/v1/clusters/clu_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', { cookie: owner.cookie, body: {} });
    assertError(res, 405, 'method_not_allowed');
    assert.equal(res.headers.get('allow'), 'GET');
  });
});

describe('unexpected errors', () => {
  test('become a 500 carrying only a request id; the details go to the log', async () => {
    const log = recordingLogger();
    const failingDb = new Proxy(t.deps.db, {
      get(target, prop, receiver) {
        if (prop === 'select') return () => { throw new Error('connection lost\nparams: secret-hash'); };
        return Reflect.get(target, prop, receiver);
      },
    }) as Database;
    const broken = buildApp({ ...t.deps, db: failingDb, log });
    const res = await call({ app: broken }, 'GET', '/api/v1/auth/me', { cookie: owner.cookie });
    assert.equal(res.status, 500);
    const requestId = res.headers.get('x-request-id');
    assert.deepEqual(res.body, { error: { code: 'internal', message: `internal error (request ${requestId})`, requestId } });
    const line = log.lines.find((l) => l.level === 'error');
    assert.equal(line?.fields?.requestId, requestId);
    assert.match(JSON.stringify(line?.fields), /connection lost/);
    assert.doesNotMatch(JSON.stringify(log.lines), /secret-hash/, 'query parameters are redacted');
    assert.doesNotMatch(JSON.stringify(log.lines), new RegExp(owner.cookie.split('=')[1] as string), 'no cookie in logs');
  });
});

test('the app keeps serving after all of the above', async () => {
  assert.equal((await call(t, 'GET', '/api/v1/health')).status, 200);
  assert.equal((await call(t, 'POST', '/api/v1/auth/login', { body: { email: owner.email, password: PASSWORD } })).status, 200);
  assert.equal((await call(t, 'GET', '/api/v1/clusters', { cookie: owner.cookie })).status, 200);
});
