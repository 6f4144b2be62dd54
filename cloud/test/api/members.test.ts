import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { lockOrganization } from '../../src/db/repos/organizations.repo';
import { apiTokens, memberships, sessions } from '../../src/db/schema/identity';
import { tenantScope } from '../../src/db/tenant-scope';
import { call, createApiToken, PASSWORD, sessionCookieOf, signup, uniqueEmail, type Owner } from './client';
import { addMember } from './seed';
import { createTestApp, type TestApp } from './support';

/**
 * Members and roles: a role change applies at once (to sessions and API tokens), removal ends the
 * member's sessions in the organization and revokes the tokens they made there, and the rules
 * that protect an organization — only owners touch the owner role, the last owner stays — each
 * answer with the right status and words.
 */
let t: TestApp;
before(async () => {
  t = await createTestApp('members');
});
after(() => t.close());

type Person = { userId: string; email: string; cookie: string };

/** A new person joins `owner`'s organization the real way: invited, then signing up with the link. */
async function join(owner: Owner, role: string): Promise<Person> {
  const email = uniqueEmail(role);
  const invited = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email, role } });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  const res = await call(t, 'POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, invitationToken: invited.body.token } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { userId: res.body.user.id, email, cookie: sessionCookieOf(res) };
}

const setRole = (by: { cookie?: string; token?: string }, userId: string, role: string) =>
  call(t, 'PATCH', `/api/v1/organization/members/${userId}`, { ...by, body: { role } });
const remove = (by: { cookie?: string; token?: string }, userId: string) => call(t, 'DELETE', `/api/v1/organization/members/${userId}`, by);
const roleOf = async (cookie: string) => (await call(t, 'GET', '/api/v1/auth/me', { cookie })).body.activeOrganization?.role;
const audit = async (owner: Owner) => (await call(t, 'GET', '/api/v1/audit?limit=200', { cookie: owner.cookie })).body.entries as Array<{ action: string; target: any; details: any; actor: any }>;

async function waitUntil(ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function assertRefused(res: { status: number; body: any }, status: number, code: string, message: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.match(res.body.error.message, message);
}

describe('invite → role change → remove', () => {
  test('a viewer joins, is made operator (at once, in their open session), then removed: their session and tokens stop working', async () => {
    const owner = await signup(t, 'Flow Org');
    const member = await join(owner, 'viewer');
    const listed = (await call(t, 'GET', '/api/v1/organization/members', { cookie: owner.cookie })).body.members;
    assert.deepEqual(listed.map((m: { email: string; role: string }) => [m.email, m.role]), [[owner.email, 'owner'], [member.email, 'viewer']]);
    assert.equal(listed[1].joinedAt, t.clock.now());
    assert.equal((await call(t, 'POST', '/api/v1/clusters/clu_01JD3F5Q8Y2B7T0V9W4X6Z1A2C/operations', { cookie: member.cookie, body: { action: 'collect-diagnostics', params: {} } })).status, 403);

    const changed = await setRole({ cookie: owner.cookie }, member.userId, 'operator');
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual(changed.body, { userId: member.userId, email: member.email, role: 'operator', joinedAt: listed[1].joinedAt });
    assert.equal(await roleOf(member.cookie), 'operator', 'the open session has the new role');

    // Promoted to admin, the member makes an API token; then the owner removes them.
    assert.equal((await setRole({ cookie: owner.cookie }, member.userId, 'admin')).status, 200);
    const token = await createApiToken(t, member.cookie, 'admin');
    assert.equal((await call(t, 'GET', '/api/v1/enrollment-tokens', { token: token.token })).status, 200);
    const removed = await remove({ cookie: owner.cookie }, member.userId);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));

    const next = await call(t, 'GET', '/api/v1/clusters', { cookie: member.cookie });
    assert.equal(next.status, 401, 'the removed member’s next call');
    assert.equal(next.body.error.code, 'unauthenticated');
    assert.equal((await call(t, 'GET', '/api/v1/clusters', { token: token.token })).status, 401, 'their API token too');
    const [tokenRow] = await t.db.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    assert.equal(tokenRow?.revokedAt?.getTime(), t.clock.now(), 'revoked, so it stays dead if they are invited back');
    assert.deepEqual(await t.db.db.select().from(sessions).where(and(eq(sessions.userId, member.userId), eq(sessions.activeOrgId, owner.orgId))), []);
    const members = (await call(t, 'GET', '/api/v1/organization/members', { cookie: owner.cookie })).body.members;
    assert.deepEqual(members.map((m: { userId: string }) => m.userId), [owner.userId]);
    // They can still log in (a user with no organization is not signed in anywhere): login says so.
    assert.equal((await call(t, 'POST', '/api/v1/auth/login', { body: { email: member.email, password: PASSWORD } })).status, 401);

    const entries = await audit(owner);
    const roleChanges = entries.filter((e) => e.action === 'member.role_change').map((e) => [e.details.before, e.details.after]);
    assert.deepEqual(roleChanges.reverse(), [['viewer', 'operator'], ['operator', 'admin']]);
    const removal = entries.find((e) => e.action === 'member.remove');
    assert.deepEqual(removal?.target, { type: 'user', id: member.userId });
    assert.deepEqual(removal?.actor, { kind: 'user', id: owner.userId });
    assert.deepEqual([removal?.details.email, removal?.details.role, removal?.details.sessionsEnded, removal?.details.apiTokensRevoked], [member.email, 'admin', 1, 1]);

    // Invited back: a new membership, the old token still revoked.
    const back = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email: member.email, role: 'viewer' } });
    assert.equal(back.status, 201);
    const login = await call(t, 'POST', '/api/v1/auth/login', { body: { email: member.email, password: PASSWORD }, ip: '198.51.100.30' });
    assert.equal(login.status, 401, 'no organization to log in to until they accept');
    assert.equal((await call(t, 'GET', '/api/v1/clusters', { token: token.token })).status, 401);
  });

  test('a removed admin leaves no way back in: their pending invitations and unused enrollment tokens are revoked; enrolled agents keep working', async () => {
    const owner = await signup(t, 'Revoke Org');
    const admin = await join(owner, 'admin');
    const accomplice = uniqueEmail('accomplice');
    const invitation = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: admin.cookie, body: { email: accomplice, role: 'admin' } });
    assert.equal(invitation.status, 201, JSON.stringify(invitation.body));
    const enrollment = await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie: admin.cookie, body: { maxUses: 5 } });
    assert.equal(enrollment.status, 201, JSON.stringify(enrollment.body));
    const enroll = (hostname: string) =>
      call(t, 'POST', '/api/v1/agents/enroll', { body: { token: enrollment.body.token, publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=', hostname, version: '1' }, ip: '198.51.100.61' });
    assert.equal((await enroll('db-a')).status, 201, 'used once while its maker is a member');
    const ownersInvitation = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email: uniqueEmail('kept'), role: 'viewer' } });

    assert.equal((await remove({ cookie: owner.cookie }, admin.userId)).status, 204);
    assert.equal((await call(t, 'GET', `/api/v1/invitations/${invitation.body.token}`)).status, 404, 'the removed admin’s invitation no longer opens');
    assert.equal((await call(t, 'GET', `/api/v1/invitations/${ownersInvitation.body.token}`)).status, 200, 'other people’s invitations stand');
    assert.notEqual((await enroll('db-b')).status, 201, 'no new agent joins with their token');
    const agents = (await call(t, 'GET', '/api/v1/agents', { cookie: owner.cookie })).body.agents as Array<{ hostname: string; revokedAt: number | null }>;
    assert.deepEqual(agents.map((a) => [a.hostname, a.revokedAt ?? null]), [['db-a', null]], 'the agent it enrolled is untouched');
    const removal = (await audit(owner)).find((e) => e.action === 'member.remove');
    assert.deepEqual([removal?.details.invitationsRevoked, removal?.details.enrollmentTokensRevoked], [1, 1]);
  });

  test('removal ends only the sessions looking at that organization', async () => {
    const owner = await signup(t, 'Left Org');
    const member = await signup(t, 'Kept Org');
    const invited = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email: member.email, role: 'operator' } });
    const kept = await call(t, 'POST', '/api/v1/auth/login', { body: { email: member.email, password: PASSWORD }, ip: '198.51.100.31' });
    const keptCookie = sessionCookieOf(kept);
    assert.equal((await call(t, 'POST', '/api/v1/invitations/accept', { cookie: member.cookie, body: { token: invited.body.token } })).status, 200);
    assert.equal((await call(t, 'GET', '/api/v1/organization', { cookie: keptCookie })).body.id, member.orgId, 'a second session, in their own organization');

    assert.equal((await remove({ cookie: owner.cookie }, member.userId)).status, 204);
    assert.equal((await call(t, 'GET', '/api/v1/organization', { cookie: member.cookie })).status, 401);
    const still = await call(t, 'GET', '/api/v1/organization', { cookie: keptCookie });
    assert.deepEqual([still.status, still.body.id], [200, member.orgId]);
    assert.deepEqual((await call(t, 'GET', '/api/v1/auth/me', { cookie: keptCookie })).body.memberships.map((m: { orgId: string }) => m.orgId), [member.orgId]);
  });
});

describe('protections', () => {
  test('only an owner grants, changes or removes the owner role; admins manage everyone else', async () => {
    const owner = await signup(t, 'Owned');
    const admin = await join(owner, 'admin');
    const viewer = await join(owner, 'viewer');
    assertRefused(await setRole({ cookie: admin.cookie }, viewer.userId, 'owner'), 403, 'forbidden', /only an owner can make a member an owner \(you are admin\)/);
    assertRefused(await setRole({ cookie: admin.cookie }, owner.userId, 'admin'), 403, 'forbidden', /only an owner can change the role of an owner \(you are admin\)/);
    assertRefused(await remove({ cookie: admin.cookie }, owner.userId), 403, 'forbidden', /only an owner can remove an owner \(you are admin\)/);
    assertRefused(await setRole({ cookie: admin.cookie }, admin.userId, 'owner'), 403, 'forbidden', /only an owner can make a member an owner/);
    const adminToken = await createApiToken(t, admin.cookie, 'admin');
    assertRefused(await setRole({ token: adminToken.token }, viewer.userId, 'owner'), 403, 'forbidden', /only an owner/);

    assert.equal((await setRole({ cookie: admin.cookie }, viewer.userId, 'admin')).body.role, 'admin', 'an admin makes another admin');
    assert.equal((await setRole({ cookie: admin.cookie }, viewer.userId, 'viewer')).body.role, 'viewer');
    assert.equal((await setRole({ cookie: owner.cookie }, admin.userId, 'owner')).body.role, 'owner', 'an owner makes an owner');
    // With two owners, the first may step down or be removed by the other.
    assert.equal((await setRole({ cookie: owner.cookie }, owner.userId, 'admin')).body.role, 'admin');
    assert.equal(await roleOf(owner.cookie), 'admin');
    assert.equal((await remove({ cookie: admin.cookie }, owner.userId)).status, 204, 'the new owner removes the former one');
  });

  test('the last owner can be neither demoted nor removed, and cannot leave', async () => {
    const owner = await signup(t, 'Sole Owner Ltd');
    const admin = await join(owner, 'admin');
    assertRefused(await setRole({ cookie: owner.cookie }, owner.userId, 'admin'), 409, 'conflict', /you are the last owner of Sole Owner Ltd: make another member an owner first/);
    const leave = await remove({ cookie: owner.cookie }, owner.userId);
    assertRefused(leave, 409, 'conflict', /you are the last owner of Sole Owner Ltd: make another member an owner before you leave/);
    assert.equal(leave.body.error.details.reason, 'last_owner');
    const ownerToken = await createApiToken(t, owner.cookie, 'owner');
    assertRefused(await remove({ token: ownerToken.token }, owner.userId), 409, 'conflict', new RegExp(`${owner.email} is the last owner of Sole Owner Ltd`));
    assertRefused(await remove({ cookie: admin.cookie }, owner.userId), 403, 'forbidden', /only an owner/);
    assert.equal(await roleOf(owner.cookie), 'owner', 'nothing changed');
  });

  test('two owners demoting each other at once: one wins, the other is refused, the organization keeps an owner', async () => {
    const a = await signup(t, 'Race Ltd');
    const b = await join(a, 'owner');
    // Both requests are authenticated (as owners) while the organization's row is held, so both
    // reach the member change with the same view; the lock makes the second see the first's change.
    let results: Array<{ status: number; body: any }> = [];
    await t.db.db.transaction(async (tx) => {
      await lockOrganization(tx, tenantScope(a.orgId));
      const both = Promise.all([setRole({ cookie: a.cookie }, b.userId, 'admin'), setRole({ cookie: b.cookie }, a.userId, 'admin')]);
      await new Promise((r) => setTimeout(r, 300));
      // Released only when this transaction ends: collect the answers after it.
      void both.then((r) => (results = r));
    });
    await waitUntil(() => results.length === 2);
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 403], JSON.stringify(results.map((r) => r.body)));
    assert.match(results.find((r) => r.status === 403)?.body.error.message, /only an owner can change the role of an owner \(you are admin\)/);
    const owners = await t.db.db.select().from(memberships).where(and(eq(memberships.orgId, a.orgId), eq(memberships.role, 'owner')));
    assert.equal(owners.length, 1);
  });

  test('anyone may leave (their session ends, the cookie is cleared); viewers and operators manage nobody else', async () => {
    const owner = await signup(t, 'Leavers');
    for (const role of ['viewer', 'operator'] as const) {
      const member = await join(owner, role);
      const other = await addMember(t, owner.orgId, 'viewer');
      assertRefused(await setRole({ cookie: member.cookie }, other.userId, 'operator'), 403, 'forbidden', new RegExp(`requires the admin role or higher \\(you are ${role}\\)`));
      assertRefused(await setRole({ cookie: member.cookie }, member.userId, 'admin'), 403, 'forbidden', /requires the admin role/);
      assertRefused(await remove({ cookie: member.cookie }, other.userId), 403, 'forbidden', /requires the admin role/);
      const left = await remove({ cookie: member.cookie }, member.userId);
      assert.equal(left.status, 204, JSON.stringify(left.body));
      assert.match(left.headers.get('set-cookie') ?? '', /quorum_session=; Max-Age=0/);
      assert.equal((await call(t, 'GET', '/api/v1/auth/me', { cookie: member.cookie })).status, 401);
      assert.equal((await call(t, 'GET', '/api/v1/auth/me', { cookie: other.cookie })).status, 200, 'the other member is untouched');
    }
    const left = (await audit(owner)).filter((e) => e.action === 'member.leave');
    assert.equal(left.length, 2);
    assert.deepEqual(left[0]?.actor, { kind: 'user', id: left[0]?.target.id });
  });

  test('an unchanged role is a no-op; unknown, malformed and another organization’s members are 400/404', async () => {
    const owner = await signup(t, 'Checks');
    const viewer = await join(owner, 'viewer');
    const before = (await audit(owner)).length;
    assert.equal((await setRole({ cookie: owner.cookie }, viewer.userId, 'viewer')).status, 200);
    assert.equal((await audit(owner)).length, before, 'nothing recorded');
    assertRefused(await setRole({ cookie: owner.cookie }, viewer.userId, 'superuser'), 400, 'validation_failed', /role: /);
    assertRefused(await setRole({ cookie: owner.cookie }, 'usr_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', 'admin'), 404, 'not_found', /member not found/);
    assertRefused(await remove({ cookie: owner.cookie }, 'usr_01JD3F5Q8Y2B7T0V9W4X6Z1A2C'), 404, 'not_found', /member not found/);
    assertRefused(await remove({ cookie: owner.cookie }, 'nobody'), 400, 'validation_failed', /userId: not a valid user id/);
    const stranger = await signup(t, 'Strangers');
    assertRefused(await setRole({ cookie: owner.cookie }, stranger.userId, 'viewer'), 404, 'not_found', /member not found/);
    assertRefused(await remove({ cookie: owner.cookie }, stranger.userId), 404, 'not_found', /member not found/);
    assert.equal(await roleOf(stranger.cookie), 'owner');
  });
});
