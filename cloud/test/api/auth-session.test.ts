import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../src/app';
import { hashSecret } from '../../src/core/auth/tokens';
import { memberships, sessions, users } from '../../src/db/schema/identity';
import { call, PASSWORD, sessionCookieOf, signup, uniqueEmail } from './client';
import { createTestApp, type TestApp } from './support';

const DAY = 24 * 3600_000;
let t: TestApp;
before(async () => {
  t = await createTestApp('auth_session');
});
after(() => t.close());

describe('signup', () => {
  test('creates the organization and its owner, and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const email = uniqueEmail('ann');
    const res = await call(t, 'POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, organization: 'Acme Retail' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.user.email, email);
    assert.deepEqual(res.body.activeOrganization, { id: res.body.activeOrganization.id, name: 'Acme Retail', role: 'owner' });
    assert.deepEqual(res.body.memberships, [{ orgId: res.body.activeOrganization.id, name: 'Acme Retail', role: 'owner' }]);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^quorum_session=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.match(cookie, /; Path=\//);
    assert.match(cookie, new RegExp(`; Max-Age=${7 * 24 * 3600}`));
    assert.doesNotMatch(cookie, /; Secure/, 'plain-http config: no Secure flag');
  });

  test('stores only the SHA-256 of the session token, and a scrypt hash of the password', async () => {
    const email = uniqueEmail();
    const res = await call(t, 'POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, organization: 'O' } });
    const token = sessionCookieOf(res).split('=')[1] as string;
    const [row] = await t.db.db.select().from(sessions).where(eq(sessions.tokenHash, hashSecret(token)));
    assert.ok(row, 'session stored by hash');
    const all = JSON.stringify(await t.db.db.select().from(sessions));
    assert.ok(!all.includes(token), 'the raw token is nowhere in the table');
    const [user] = await t.db.db.select().from(users).where(eq(users.email, email));
    assert.match(user?.passwordHash ?? '', /^scrypt\$32768\$8\$1\$/);
    assert.ok(!user?.passwordHash.includes(PASSWORD));
  });

  test('the cookie is Secure and __Host- prefixed when the deployment is https', async () => {
    const secure = buildApp({ ...t.deps, config: { ...t.deps.config, secureCookies: true } });
    const res = await call({ app: secure }, 'POST', '/api/v1/auth/signup', { body: { email: uniqueEmail(), password: PASSWORD, organization: 'S' } });
    assert.equal(res.status, 201);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^__Host-quorum_session=/);
    assert.match(cookie, /; Secure/);
    const me = await call({ app: secure }, 'GET', '/api/v1/auth/me', { cookie: sessionCookieOf(res) });
    assert.equal(me.status, 200);
  });

  test('normalizes the email, and an existing email (any case) is a 409', async () => {
    const local = uniqueEmail('Mixed');
    const res = await call(t, 'POST', '/api/v1/auth/signup', { body: { email: `  ${local.toUpperCase()} `, password: PASSWORD, organization: 'N' } });
    assert.equal(res.status, 201);
    assert.equal(res.body.user.email, local.toLowerCase());
    const again = await call(t, 'POST', '/api/v1/auth/signup', { body: { email: local, password: PASSWORD, organization: 'N2' } });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'conflict');
  });

  test('a short password is refused, naming the field', async () => {
    const res = await call(t, 'POST', '/api/v1/auth/signup', { body: { email: uniqueEmail(), password: 'short', organization: 'O' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'validation_failed');
    assert.match(res.body.error.message, /password: must be at least 10 characters/);
  });
});

describe('login, me, logout', () => {
  test('login with the right password starts a session; me describes it', async () => {
    const owner = await signup(t, 'Login Co');
    const res = await call(t, 'POST', '/api/v1/auth/login', { body: { email: owner.email.toUpperCase(), password: PASSWORD } });
    assert.equal(res.status, 200);
    const me = await call(t, 'GET', '/api/v1/auth/me', { cookie: sessionCookieOf(res) });
    assert.equal(me.status, 200);
    assert.equal(me.body.authenticatedBy, 'session');
    assert.equal(me.body.user.id, owner.userId);
    assert.equal(me.body.activeOrganization.id, owner.orgId);
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const owner = await signup(t);
    const wrong = await call(t, 'POST', '/api/v1/auth/login', { body: { email: owner.email, password: 'not the password' } });
    const unknown = await call(t, 'POST', '/api/v1/auth/login', { body: { email: uniqueEmail('ghost'), password: 'not the password' } });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.body.error.message, 'invalid email or password');
    assert.equal(wrong.headers.get('set-cookie'), null);
  });

  test('logout deletes the session and clears the cookie', async () => {
    const owner = await signup(t);
    const res = await call(t, 'POST', '/api/v1/auth/logout', { cookie: owner.cookie });
    assert.equal(res.status, 204);
    assert.match(res.headers.get('set-cookie') ?? '', /quorum_session=;.*Max-Age=0/);
    const token = owner.cookie.split('=')[1] as string;
    assert.equal((await t.db.db.select().from(sessions).where(eq(sessions.tokenHash, hashSecret(token)))).length, 0);
    const me = await call(t, 'GET', '/api/v1/auth/me', { cookie: owner.cookie });
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, 'unauthenticated');
  });

  test('a made-up cookie is 401', async () => {
    const me = await call(t, 'GET', '/api/v1/auth/me', { cookie: 'quorum_session=' + 'A'.repeat(43) });
    assert.equal(me.status, 401);
  });
});

describe('session expiry', () => {
  test('a session unused for 7 days has expired', async () => {
    const owner = await signup(t);
    t.clock.advance(7 * DAY + 1);
    const me = await call(t, 'GET', '/api/v1/auth/me', { cookie: owner.cookie });
    assert.equal(me.status, 401);
    assert.match(me.body.error.message, /expired/);
  });

  test('use slides the expiry (and re-issues the cookie), up to 30 days after login', async () => {
    const owner = await signup(t);
    for (let day = 6; day < 30; day += 6) {
      t.clock.advance(6 * DAY);
      const me = await call(t, 'GET', '/api/v1/auth/me', { cookie: owner.cookie });
      assert.equal(me.status, 200, `day ${day}`);
      assert.match(me.headers.get('set-cookie') ?? '', /quorum_session=.*Max-Age=\d+/);
    }
    t.clock.advance(6 * DAY); // day 30: the absolute limit
    assert.equal((await call(t, 'GET', '/api/v1/auth/me', { cookie: owner.cookie })).status, 401);
  });
});

describe('switch organization', () => {
  test('a member can switch; a non-member gets 404', async () => {
    const first = await signup(t, 'First');
    const second = await signup(t, 'Second');
    const stranger = await signup(t, 'Stranger');
    // Membership invites come later: add one directly.
    await t.db.db.insert(memberships).values({ orgId: second.orgId, userId: first.userId, role: 'operator', createdAt: new Date(t.clock.now()) });
    const res = await call(t, 'POST', '/api/v1/auth/switch-organization', { cookie: first.cookie, body: { orgId: second.orgId } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.activeOrganization, { id: second.orgId, name: 'Second', role: 'operator' });
    assert.equal(res.body.memberships.length, 2);
    const org = await call(t, 'GET', '/api/v1/organization', { cookie: first.cookie });
    assert.equal(org.body.id, second.orgId);
    assert.equal(org.body.role, 'operator');
    const denied = await call(t, 'POST', '/api/v1/auth/switch-organization', { cookie: first.cookie, body: { orgId: stranger.orgId } });
    assert.equal(denied.status, 404);
    assert.equal((await call(t, 'GET', '/api/v1/organization', { cookie: first.cookie })).body.id, second.orgId);
  });

  test('GET /organization/members lists the members with roles', async () => {
    const owner = await signup(t, 'Members');
    const res = await call(t, 'GET', '/api/v1/organization/members', { cookie: owner.cookie });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.members.map((m: { email: string; role: string }) => [m.email, m.role]), [[owner.email, 'owner']]);
  });
});
