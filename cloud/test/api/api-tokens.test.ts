import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { hashSecret } from '../../src/core/auth/tokens';
import { apiTokens, memberships } from '../../src/db/schema/identity';
import { call, enrollAgent, signup, type Owner } from './client';
import { createTestApp, type TestApp } from './support';

let t: TestApp;
let owner: Owner;
before(async () => {
  t = await createTestApp('api_tokens');
  owner = await signup(t, 'Tokens Inc');
});
after(() => t.close());

/** A second user who is `role` in owner's organization, signed in there. */
async function memberAs(role: 'viewer' | 'operator' | 'admin'): Promise<Owner> {
  const user = await signup(t, `${role}'s own`);
  await t.db.db.insert(memberships).values({ orgId: owner.orgId, userId: user.userId, role, createdAt: new Date(t.clock.now()) });
  const res = await call(t, 'POST', '/api/v1/auth/switch-organization', { cookie: user.cookie, body: { orgId: owner.orgId } });
  assert.equal(res.status, 200);
  return { ...user, orgId: owner.orgId };
}

describe('API tokens', () => {
  test('create → shown once as qrm_…, stored hashed; use as Bearer; listed with last use; revoke → 401', async () => {
    const created = await call(t, 'POST', '/api/v1/api-tokens', { cookie: owner.cookie, body: { name: 'terraform', role: 'operator' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { token, id } = created.body;
    assert.match(token, /^qrm_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.body.role, 'operator');
    const [row] = await t.db.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    assert.equal(row?.tokenHash, hashSecret(token));

    const me = await call(t, 'GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.authenticatedBy, 'api_token');
    assert.equal(me.body.user, null);
    assert.deepEqual(me.body.activeOrganization, { id: owner.orgId, name: 'Tokens Inc', role: 'operator' });

    const list = await call(t, 'GET', '/api/v1/api-tokens', { cookie: owner.cookie });
    const listed = list.body.apiTokens.find((x: { id: string }) => x.id === id);
    assert.equal(listed.lastUsedAt, t.clock.now());
    assert.equal(listed.token, undefined, 'never shown again');
    assert.ok(!JSON.stringify(list.body).includes(token));

    assert.equal((await call(t, 'DELETE', `/api/v1/api-tokens/${id}`, { cookie: owner.cookie })).status, 204);
    const after = await call(t, 'GET', '/api/v1/clusters', { token });
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'unauthenticated');
    assert.equal((await call(t, 'DELETE', `/api/v1/api-tokens/${id}`, { cookie: owner.cookie })).status, 204, 'idempotent');
  });

  test('an expiring token stops working after its days', async () => {
    const { token } = (await call(t, 'POST', '/api/v1/api-tokens', { cookie: owner.cookie, body: { name: 'short', expiresInDays: 1 } })).body;
    assert.equal((await call(t, 'GET', '/api/v1/agents', { token })).status, 200);
    t.clock.advance(24 * 3600_000);
    assert.equal((await call(t, 'GET', '/api/v1/agents', { token })).status, 401);
  });

  test('defaults to viewer; a token cannot outrank its creator, now or later', async () => {
    const admin = await memberAs('admin');
    const dflt = await call(t, 'POST', '/api/v1/api-tokens', { cookie: admin.cookie, body: { name: 'd' } });
    assert.equal(dflt.body.role, 'viewer');
    const tooHigh = await call(t, 'POST', '/api/v1/api-tokens', { cookie: admin.cookie, body: { name: 'o', role: 'owner' } });
    assert.equal(tooHigh.status, 403);
    const { token } = (await call(t, 'POST', '/api/v1/api-tokens', { cookie: admin.cookie, body: { name: 'a', role: 'admin' } })).body;
    assert.equal((await call(t, 'POST', '/api/v1/enrollment-tokens', { token, body: {} })).status, 201);
    // The creator is demoted: the token is capped at once.
    await t.db.db.update(memberships).set({ role: 'viewer' }).where(eq(memberships.userId, admin.userId));
    const capped = await call(t, 'POST', '/api/v1/enrollment-tokens', { token, body: {} });
    assert.equal(capped.status, 403);
    assert.equal((await call(t, 'GET', '/api/v1/auth/me', { token })).body.activeOrganization.role, 'viewer');
    // …and removed: it authenticates nobody.
    await t.db.db.delete(memberships).where(eq(memberships.userId, admin.userId));
    assert.equal((await call(t, 'GET', '/api/v1/auth/me', { token })).status, 401);
  });
});

describe('roles', () => {
  test('a viewer reads everything but cannot manage tokens or revoke agents', async () => {
    const viewer = await memberAs('viewer');
    const { agentId } = await enrollAgent(t, owner.cookie);
    for (const path of ['/api/v1/clusters', '/api/v1/agents', '/api/v1/organization', '/api/v1/organization/members', '/api/v1/auth/me']) {
      assert.equal((await call(t, 'GET', path, { cookie: viewer.cookie })).status, 200, path);
    }
    const writes: Array<[string, string, unknown?]> = [
      ['POST', '/api/v1/api-tokens', { name: 'v' }],
      ['GET', '/api/v1/api-tokens'],
      ['POST', '/api/v1/enrollment-tokens', {}],
      ['GET', '/api/v1/enrollment-tokens'],
      ['POST', `/api/v1/agents/${agentId}/revoke`],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(t, method, path, { cookie: viewer.cookie, body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.error.code, 'forbidden');
    }
    const agents = await call(t, 'GET', '/api/v1/agents', { cookie: owner.cookie });
    assert.equal(agents.body.agents.find((a: { id: string }) => a.id === agentId).revokedAt, null);
  });

  test('an operator cannot either; an admin can', async () => {
    const operator = await memberAs('operator');
    assert.equal((await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie: operator.cookie, body: {} })).status, 403);
    const admin = await memberAs('admin');
    assert.equal((await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie: admin.cookie, body: {} })).status, 201);
    const { agentId } = await enrollAgent(t, owner.cookie, 'to-revoke');
    const revoked = await call(t, 'POST', `/api/v1/agents/${agentId}/revoke`, { cookie: admin.cookie });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.revokedAt, t.clock.now());
  });
});
