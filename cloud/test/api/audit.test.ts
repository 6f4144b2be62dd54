import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateEd25519KeyPair } from '@quorum/protocol';
import { call, createApiToken, createEnrollmentToken, PASSWORD, sessionCookieOf, signup, type Owner } from './client';
import { addMember } from './seed';
import { createTestApp, type TestApp } from './support';

let t: TestApp;
let owner: Owner;
before(async () => {
  t = await createTestApp('audit');
  owner = await signup(t, 'Audited');
});
after(() => t.close());

type Entry = { id: string; action: string; actor: { kind: string; id: string }; target: { type: string; id: string }; details: any; requestId: string | null };
const entries = async (): Promise<Entry[]> => (await call(t, 'GET', '/api/v1/audit?limit=200', { cookie: owner.cookie })).body.entries;

test('every state-changing call of the existing API writes its row, with the request id and no secret', async () => {
  const apiToken = await createApiToken(t, owner.cookie, 'viewer');
  await call(t, 'DELETE', `/api/v1/api-tokens/${apiToken.id}`, { cookie: owner.cookie });
  const enrollment = await createEnrollmentToken(t, owner.cookie, { maxUses: 2 });
  const enrolled = await call(t, 'POST', '/api/v1/agents/enroll', { body: { token: enrollment.token, publicKey: generateEd25519KeyPair().publicKey, hostname: 'db1', version: '1' } });
  await call(t, 'POST', `/api/v1/agents/${enrolled.body.agentId}/revoke`, { cookie: owner.cookie });
  await call(t, 'DELETE', `/api/v1/enrollment-tokens/${enrollment.id}`, { cookie: owner.cookie });
  const login = await call(t, 'POST', '/api/v1/auth/login', { body: { email: owner.email, password: PASSWORD } });
  await call(t, 'POST', '/api/v1/auth/logout', { cookie: sessionCookieOf(login) });

  const list = await entries();
  const actions = list.map((e) => e.action).reverse();
  assert.deepEqual(actions, [
    'organization.create',
    'session.login',
    'api_token.create',
    'api_token.revoke',
    'enrollment_token.create',
    'agent.enroll',
    'agent.revoke',
    'enrollment_token.revoke',
    'session.login',
    'session.logout',
  ]);
  const byAction = (a: string) => list.find((e) => e.action === a) as Entry;
  assert.deepEqual(byAction('api_token.create').target, { type: 'api_token', id: apiToken.id });
  assert.deepEqual(byAction('agent.enroll').actor, { kind: 'agent', id: enrolled.body.agentId });
  assert.equal(byAction('agent.enroll').details.enrollmentTokenId, enrollment.id);
  assert.deepEqual(byAction('agent.revoke').actor, { kind: 'user', id: owner.userId });
  assert.ok(list.every((e) => e.requestId?.startsWith('req_')), 'each row names the request that made it');
  const text = JSON.stringify(list);
  for (const secret of [apiToken.token, enrollment.token, PASSWORD, sessionCookieOf(login)]) assert.ok(!text.includes(secret.replace(/^.*=/, '')), 'no secret in the audit log');
});

test('switching organization is recorded in the organization entered', async () => {
  const other = await signup(t, 'Other');
  // Make the owner of "Audited" a member of "Other" too, then switch.
  const res = await call(t, 'POST', '/api/v1/auth/switch-organization', { cookie: owner.cookie, body: { orgId: other.orgId } });
  assert.equal(res.status, 404, 'not a member: nothing recorded anywhere');
  const member = await addMember(t, owner.orgId, 'admin');
  const { insertMembership } = await import('../../src/db/repos/memberships.repo');
  const { tenantScope } = await import('../../src/db/tenant-scope');
  await insertMembership(t.db.db, tenantScope(other.orgId), { userId: member.userId, role: 'viewer', createdAt: new Date() });
  assert.equal((await call(t, 'POST', '/api/v1/auth/switch-organization', { cookie: member.cookie, body: { orgId: other.orgId } })).status, 200);
  const otherEntries = (await call(t, 'GET', '/api/v1/audit', { cookie: other.cookie })).body.entries as Entry[];
  const switched = otherEntries.find((e) => e.action === 'session.switch_organization');
  assert.deepEqual(switched?.actor, { kind: 'user', id: member.userId });
  assert.equal(switched?.details.from, owner.orgId);
});

test('the audit log is for admins and owners; it pages newest first', async () => {
  const operator = await addMember(t, owner.orgId, 'operator');
  const res = await call(t, 'GET', '/api/v1/audit', { cookie: operator.cookie });
  assert.equal(res.status, 403);
  const page1 = (await call(t, 'GET', '/api/v1/audit?limit=3', { cookie: owner.cookie })).body;
  const page2 = (await call(t, 'GET', `/api/v1/audit?limit=3&before=${page1.nextBefore}`, { cookie: owner.cookie })).body;
  const ids = [...page1.entries, ...page2.entries].map((e: Entry) => e.id);
  assert.deepEqual(ids, [...ids].sort().reverse());
  assert.equal(new Set(ids).size, 6);
});
