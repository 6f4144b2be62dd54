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
