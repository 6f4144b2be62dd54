import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RATE_LIMITS } from '../../src/core/auth/policy';
import { call, PASSWORD, signup, uniqueEmail } from './client';
import { createTestApp, type TestApp } from './support';

let t: TestApp;
before(async () => {
  t = await createTestApp('auth_guards');
});
after(() => t.close());

const login = (email: string, password: string, ip: string) => call(t, 'POST', '/api/v1/auth/login', { body: { email, password }, ip });

describe('login rate limit', () => {
  test(`after ${RATE_LIMITS.loginPerEmail.limit} failures an email is locked for the window (even with the right password), per email`, async () => {
    const victim = await signup(t);
    const bystander = await signup(t);
    for (let i = 0; i < RATE_LIMITS.loginPerEmail.limit; i++) {
      // Spread over IPs: this is the per-email limit.
      assert.equal((await login(victim.email, 'wrong password', `10.0.1.${i}`)).status, 401);
    }
    const locked = await login(victim.email, PASSWORD, '10.0.1.99');
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error.code, 'rate_limited');
    assert.equal(locked.headers.get('retry-after'), String(15 * 60));
    assert.equal((await login(bystander.email, PASSWORD, '10.0.1.99')).status, 200, 'another email is not affected');
    t.clock.advance(5 * 60_000);
    assert.equal(Number((await login(victim.email, PASSWORD, '10.0.1.98')).headers.get('retry-after')), 10 * 60);
    t.clock.advance(10 * 60_000);
    assert.equal((await login(victim.email, PASSWORD, '10.0.1.97')).status, 200, 'the window has passed');
  });

  test('a success clears the email’s failures', async () => {
    const user = await signup(t);
    for (let i = 0; i < RATE_LIMITS.loginPerEmail.limit - 1; i++) await login(user.email, 'wrong password', '10.0.2.1');
    assert.equal((await login(user.email, PASSWORD, '10.0.2.1')).status, 200);
    for (let i = 0; i < RATE_LIMITS.loginPerEmail.limit - 1; i++) assert.equal((await login(user.email, 'wrong password', '10.0.2.1')).status, 401);
  });

  test(`one IP gets ${RATE_LIMITS.loginPerIp.limit} failures across emails, then 429; other IPs are unaffected`, async () => {
    for (let i = 0; i < RATE_LIMITS.loginPerIp.limit; i++) {
      assert.equal((await login(uniqueEmail('spray'), 'wrong password', '10.0.3.3')).status, 401);
    }
    const user = await signup(t);
    assert.equal((await login(user.email, PASSWORD, '10.0.3.3')).status, 429);
    assert.equal((await login(user.email, PASSWORD, '10.0.3.4')).status, 200);
  });
});

describe('CSRF: cookie-authenticated writes must be JSON', () => {
  test('a form post with the session cookie is refused before anything happens', async () => {
    const owner = await signup(t);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await call(t, 'POST', '/api/v1/api-tokens', { cookie: owner.cookie, rawBody: 'name=evil', headers: { 'content-type': type } });
      assert.equal(res.status, 403, type);
      assert.equal(res.body.error.code, 'csrf_rejected');
    }
    const list = await call(t, 'GET', '/api/v1/api-tokens', { cookie: owner.cookie });
    assert.deepEqual(list.body.apiTokens, []);
  });

  test('also on routes without a body (logout) and without any content type', async () => {
    const owner = await signup(t);
    const res = await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: owner.cookie } });
    assert.equal(res.status, 403);
    assert.equal((await call(t, 'GET', '/api/v1/auth/me', { cookie: owner.cookie })).status, 200, 'still signed in');
  });

  test('bearer requests are not subject to it (browsers never add Authorization), but bodies must still be JSON', async () => {
    const owner = await signup(t);
    const token = (await call(t, 'POST', '/api/v1/api-tokens', { cookie: owner.cookie, body: { name: 'ci', role: 'admin' } })).body.token;
    const list = await t.app.request('/api/v1/enrollment-tokens', { method: 'GET', headers: { authorization: `Bearer ${token}` } });
    assert.equal(list.status, 200);
    const form = await call(t, 'POST', '/api/v1/api-tokens', { token, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    assert.equal(form.body.error.code, 'unsupported_media_type');
  });
});

describe('behind a CDN (CloudFront): per-IP limits key on the viewer the CDN stamped, only when it proves itself', () => {
  const SECRET = 'origin-secret-0123456789abcdef0123456789abcdef';
  let edge: TestApp;
  let secrets: string[] = [SECRET];
  before(async () => {
    edge = await createTestApp('auth_guards_edge', {
      edgeProxy: { viewerIpHeader: 'x-quorum-viewer-ip', secretHeader: 'x-quorum-origin-secret', secrets: () => secrets },
    });
  });
  after(() => edge.close());

  const EDGE_IP = '130.176.0.10'; // every request arrives from the same CloudFront edge
  const viaEdge = (email: string, password: string, viewer: string, secret = SECRET) =>
    call(edge, 'POST', '/api/v1/auth/login', { body: { email, password }, ip: EDGE_IP, headers: { 'x-quorum-viewer-ip': viewer, 'x-quorum-origin-secret': secret } });

  test('an attacker spraying passwords through an edge locks out themselves, not the others behind that edge', async () => {
    for (let i = 0; i < RATE_LIMITS.loginPerIp.limit; i++) {
      assert.equal((await viaEdge(uniqueEmail('spray'), 'wrong password', '203.0.113.66')).status, 401);
    }
    const user = await signup(edge);
    assert.equal((await viaEdge(user.email, PASSWORD, '203.0.113.66')).status, 429, 'the attacker’s address is limited');
    assert.equal((await viaEdge(user.email, PASSWORD, '198.51.100.7')).status, 200, 'another viewer behind the same edge is not');
  });

  test('without the secret (a direct call to the API) or with a wrong one, the stamped header is ignored', async () => {
    const direct = (viewer: string, secret: string) => viaEdge(uniqueEmail('direct'), 'wrong password', viewer, secret);
    // Keyed on the socket address (192.0.2.50), whatever viewer address the caller claims.
    for (let i = 0; i < RATE_LIMITS.loginPerIp.limit; i++) {
      const res = await call(edge, 'POST', '/api/v1/auth/login', {
        body: { email: uniqueEmail('direct'), password: 'wrong password' },
        ip: '192.0.2.50',
        headers: { 'x-quorum-viewer-ip': `198.18.0.${i}`, ...(i % 2 ? { 'x-quorum-origin-secret': 'guessed-wrong' } : {}) },
      });
      assert.equal(res.status, 401);
    }
    const user = await signup(edge);
    const claimed = await call(edge, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD }, ip: '192.0.2.50', headers: { 'x-quorum-viewer-ip': '198.18.1.1' } });
    assert.equal(claimed.status, 429, 'a claimed viewer address without the secret changes nothing');
    // A stamped value that is not an address is not trusted either: the edge address is used.
    assert.equal((await direct('not-an-ip', SECRET)).status, 401);
  });

  test('a rotated secret: the old and new are accepted while both are listed', async () => {
    const user = await signup(edge);
    secrets = ['new-origin-secret-abcdefabcdefabcdefabcdefabcdef', SECRET];
    assert.equal((await viaEdge(user.email, PASSWORD, '198.51.100.8', 'new-origin-secret-abcdefabcdefabcdefabcdefabcdef')).status, 200);
    assert.equal((await viaEdge(user.email, PASSWORD, '198.51.100.8')).status, 200);
    secrets = [SECRET];
  });
});
