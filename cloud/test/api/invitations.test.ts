import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { INVITATION_TTL_MS, RATE_LIMITS } from '../../src/core/auth/policy';
import { hashSecret } from '../../src/core/auth/tokens';
import { invitations, memberships } from '../../src/db/schema/identity';
import { call, createApiToken, PASSWORD, sessionCookieOf, signup, uniqueEmail, type Owner } from './client';
import { addMember } from './seed';
import { createTestApp, type TestApp } from './support';

/**
 * Invitations end to end through the API: an admin invites an email with a role, the link's
 * holder reads it and joins — by signing up with it, or while signed in — once, before it
 * expires, unless revoked; and every refusal says why.
 */
let t: TestApp;
let owner: Owner;
before(async () => {
  t = await createTestApp('invitations');
  owner = await signup(t, 'Invitable');
});
after(() => t.close());

async function invite(by: { cookie?: string; token?: string }, email: string, role = 'viewer') {
  const res = await call(t, 'POST', '/api/v1/organization/invitations', { ...by, body: { email, role } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; token: string; url: string; email: string; role: string; expiresAt: number; createdBy: string };
}

const lookup = (token: string, ip = '192.0.2.50') => call(t, 'GET', `/api/v1/invitations/${token}`, { ip });
const signupWith = (token: string, email: string, ip = '192.0.2.51') =>
  call(t, 'POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, invitationToken: token }, ip });
const pending = async (cookie = owner.cookie) => (await call(t, 'GET', '/api/v1/organization/invitations', { cookie })).body.invitations as Array<{ id: string }>;
const auditActions = async () => ((await call(t, 'GET', '/api/v1/audit?limit=200', { cookie: owner.cookie })).body.entries as Array<{ action: string; details: any; target: any }>);

/** A fresh session (after the clock moved past a session's 7 idle days). */
async function logIn(email: string): Promise<string> {
  const res = await call(t, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD }, ip: '192.0.2.70' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return sessionCookieOf(res);
}

function assertRefused(res: { status: number; body: any }, status: number, code: string, message: RegExp, reason?: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  assert.match(res.body.error.message, message);
  if (reason) assert.equal(res.body.error.details?.reason, reason);
}

describe('invite → sign up with the link', () => {
  test('the link is also emailed to the invitee (nowhere else, never logged); a mail failure is said and loses nothing', async () => {
    const inviter = await signup(t, 'Mailing Org'); // its own organization: the other tests count pending invitations
    const email = uniqueEmail('mailed');
    const before = t.mailer.sent.length;
    const created = (await call(t, 'POST', '/api/v1/organization/invitations', { cookie: inviter.cookie, body: { email, role: 'operator' } })).body;
    assert.equal(created.emailed, true);
    assert.equal(created.emailError, undefined);
    const mails = t.mailer.sent.slice(before);
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.deepEqual(mail.to, [email]);
    assert.equal(mail.subject, '[Quorum] Join Mailing Org as operator');
    assert.ok(mail.text.startsWith(`${inviter.email} invited you to join Mailing Org on Quorum as operator`), mail.text);
    assert.ok(mail.text.includes(`Accept: ${created.url}`));
    assert.ok(mail.html.includes(`href="${created.url}"`));
    assert.equal(mail.messageId, `<${created.id}@localhost>`);

    // The mailer fails (SMTP down, or not configured): the invitation stands, the answer says why.
    const send = t.mailer.send.bind(t.mailer);
    t.mailer.send = async () => {
      throw new Error('email is not configured on this control plane (set SMTP_URL)');
    };
    try {
      const unmailed = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: inviter.cookie, body: { email: uniqueEmail('unmailed'), role: 'viewer' } });
      assert.equal(unmailed.status, 201);
      assert.equal(unmailed.body.emailed, false);
      assert.match(unmailed.body.emailError, /email is not configured/);
      assert.equal((await lookup(unmailed.body.token)).status, 200, 'the link works all the same');
    } finally {
      t.mailer.send = send;
    }
  });

  test('the link is shown once, stored hashed; its holder reads it, signs up and lands in the organization with the role', async () => {
    const email = uniqueEmail('newcomer');
    const created = await invite({ cookie: owner.cookie }, email, 'operator');
    assert.match(created.token, /^qri_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.url, `http://localhost:8080/invitations/${created.token}`);
    assert.equal(created.role, 'operator');
    assert.equal(created.createdBy, owner.userId);
    assert.equal(created.expiresAt, t.clock.now() + INVITATION_TTL_MS);
    const [row] = await t.db.db.select().from(invitations).where(eq(invitations.id, created.id));
    assert.equal(row?.tokenHash, hashSecret(created.token));
    assert.ok(!JSON.stringify(row).includes(created.token), 'the token itself is not stored');
    const listed = (await call(t, 'GET', '/api/v1/organization/invitations', { cookie: owner.cookie })).body;
    assert.deepEqual(listed.invitations.map((i: { id: string }) => i.id), [created.id]);
    assert.ok(!JSON.stringify(listed).includes(created.token), 'never shown again');

    const preview = await lookup(created.token);
    assert.equal(preview.status, 200);
    assert.deepEqual(preview.body, { organizationName: 'Invitable', email, role: 'operator', expiresAt: created.expiresAt });

    const joined = await signupWith(created.token, email);
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    assert.deepEqual(joined.body.activeOrganization, { id: owner.orgId, name: 'Invitable', role: 'operator' });
    assert.deepEqual(joined.body.memberships, [{ orgId: owner.orgId, name: 'Invitable', role: 'operator' }], 'no organization of their own');
    const cookie = sessionCookieOf(joined);
    assert.equal((await call(t, 'GET', '/api/v1/organization', { cookie })).body.id, owner.orgId);
    const members = (await call(t, 'GET', '/api/v1/organization/members', { cookie: owner.cookie })).body.members;
    assert.deepEqual(members.find((m: { email: string }) => m.email === email)?.role, 'operator');
    assert.deepEqual(await pending(), [], 'no longer pending');

    // Single use.
    assertRefused(await lookup(created.token), 404, 'not_found', /already used/, 'accepted');
    assertRefused(await signupWith(created.token, uniqueEmail()), 404, 'not_found', /already used/, 'accepted');

    const audit = await auditActions();
    const accepted = audit.find((e) => e.action === 'invitation.accept');
    assert.deepEqual(accepted?.target, { type: 'invitation', id: created.id });
    assert.equal(accepted?.details.via, 'signup');
    assert.equal(accepted?.details.role, 'operator');
    assert.equal(audit.find((e) => e.action === 'invitation.create')?.details.email, email);
    assert.ok(!JSON.stringify(audit).includes(created.token), 'no link in the audit log');
  });

  test('only the invited email may sign up with it; an existing account is told to log in', async () => {
    const email = uniqueEmail('only-me');
    const { token } = await invite({ cookie: owner.cookie }, email);
    assertRefused(await signupWith(token, uniqueEmail('someone-else')), 403, 'forbidden', new RegExp(`this invitation is for ${email}`), 'email_mismatch');
    const existing = await signup(t, 'Elsewhere');
    const { token: forExisting } = await invite({ cookie: owner.cookie }, existing.email);
    assertRefused(await signupWith(forExisting, existing.email), 409, 'conflict', /already exists: log in, then accept the invitation/);
    // Neither refusal used the invitation up.
    assert.equal((await lookup(token)).status, 200);
    assert.equal((await lookup(forExisting)).status, 200);
  });

  test('organization or invitationToken: exactly one', async () => {
    const neither = await call(t, 'POST', '/api/v1/auth/signup', { body: { email: uniqueEmail(), password: PASSWORD } });
    assertRefused(neither, 400, 'validation_failed', /organization: required \(or an invitationToken\)/);
    const { token } = await invite({ cookie: owner.cookie }, uniqueEmail('both'));
    const both = await call(t, 'POST', '/api/v1/auth/signup', { body: { email: uniqueEmail(), password: PASSWORD, organization: 'X', invitationToken: token } });
    assertRefused(both, 400, 'validation_failed', /organization: not with an invitationToken/);
  });

  test('two signups racing with one link: one joins, the other is refused', async () => {
    const email = uniqueEmail('racer');
    const { token } = await invite({ cookie: owner.cookie }, email);
    const results = await Promise.all([signupWith(token, email, '192.0.2.61'), signupWith(token, email, '192.0.2.62')]);
    const statuses = results.map((r) => r.status).sort();
    // The loser meets the unique email (409) or the invitation already taken (404), whichever it reaches first.
    assert.ok(statuses[0] === 201 && [404, 409].includes(statuses[1] as number), JSON.stringify(results.map((r) => r.body)));
    const rows = await t.db.db.select().from(memberships).where(eq(memberships.orgId, owner.orgId));
    assert.equal(rows.filter((m) => m.userId === results.find((r) => r.status === 201)?.body.user.id).length, 1);
  });
});

describe('accept while signed in', () => {
  test('adds the membership with the invited role and switches the session to that organization', async () => {
    const other = await signup(t, 'Their Own Org');
    const created = await invite({ cookie: owner.cookie }, other.email, 'admin');
    const res = await call(t, 'POST', '/api/v1/invitations/accept', { cookie: other.cookie, body: { token: created.token } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.activeOrganization, { id: owner.orgId, name: 'Invitable', role: 'admin' });
    assert.deepEqual(res.body.memberships.map((m: { name: string; role: string }) => `${m.name}:${m.role}`).sort(), ['Invitable:admin', 'Their Own Org:owner']);
    // The same cookie now looks at the organization joined, with the role.
    const org = await call(t, 'GET', '/api/v1/organization', { cookie: other.cookie });
    assert.deepEqual([org.body.id, org.body.role], [owner.orgId, 'admin']);
    assert.equal((await call(t, 'GET', '/api/v1/organization/invitations', { cookie: other.cookie })).status, 200, 'acts as admin at once');

    const audit = await auditActions();
    assert.equal(audit.find((e) => e.action === 'invitation.accept' && e.details.via === 'session')?.details.userId, other.userId);
    assert.equal(audit.find((e) => e.action === 'session.switch_organization')?.details.from, other.orgId);
    const again = await call(t, 'POST', '/api/v1/invitations/accept', { cookie: other.cookie, body: { token: created.token } });
    assertRefused(again, 404, 'not_found', /already used/, 'accepted');
  });

  test('another account, a member already, or an API token is refused', async () => {
    const invitee = uniqueEmail('invitee');
    const { token } = await invite({ cookie: owner.cookie }, invitee);
    const stranger = await signup(t, 'Stranger Org');
    const wrong = await call(t, 'POST', '/api/v1/invitations/accept', { cookie: stranger.cookie, body: { token } });
    assertRefused(wrong, 403, 'forbidden', new RegExp(`for ${invitee}, not ${stranger.email}: log in as ${invitee}`), 'email_mismatch');
    assert.equal((await call(t, 'GET', '/api/v1/organization', { cookie: stranger.cookie })).body.id, stranger.orgId, 'still in their own');

    // A member since the invitation was sent (added another way): 409, and the link stays unused.
    const late = await signup(t, 'Late');
    const { token: lateToken } = await invite({ cookie: owner.cookie }, late.email);
    await t.db.db.insert(memberships).values({ orgId: owner.orgId, userId: late.userId, role: 'viewer', createdAt: new Date(t.clock.now()) });
    assertRefused(await call(t, 'POST', '/api/v1/invitations/accept', { cookie: late.cookie, body: { token: lateToken } }), 409, 'conflict', /already a member of Invitable/);
    assert.equal((await lookup(lateToken)).status, 200);

    const apiToken = await createApiToken(t, stranger.cookie, 'owner');
    assertRefused(await call(t, 'POST', '/api/v1/invitations/accept', { token: apiToken.token, body: { token } }), 403, 'forbidden', /portal session/);
    assert.equal((await call(t, 'POST', '/api/v1/invitations/accept', { body: { token } })).status, 401);
  });
});

describe('expired, used, revoked and unknown links', () => {
  test('an expired invitation is refused everywhere and no longer pending', async () => {
    const email = uniqueEmail('slow');
    const invited = await signup(t, 'Slow Org');
    const { id, token } = await invite({ cookie: owner.cookie }, email);
    const { token: forInvited } = await invite({ cookie: owner.cookie }, invited.email);
    t.clock.advance(INVITATION_TTL_MS - 1);
    assert.equal((await lookup(token)).status, 200, 'still valid a millisecond before');
    t.clock.advance(1);
    // Seven days are also a session's idle lifetime: both sign in again.
    owner.cookie = await logIn(owner.email);
    const invitedCookie = await logIn(invited.email);
    assertRefused(await lookup(token), 404, 'not_found', /expired: ask an admin/, 'expired');
    assertRefused(await signupWith(token, email), 404, 'not_found', /expired/, 'expired');
    assertRefused(await call(t, 'POST', '/api/v1/invitations/accept', { cookie: invitedCookie, body: { token: forInvited } }), 404, 'not_found', /expired/, 'expired');
    assert.ok(!(await pending()).some((i) => i.id === id));
    // Once expired, the email may be invited again.
    await invite({ cookie: owner.cookie }, email);
  });

  test('a revoked invitation stops working at once; revoking is idempotent, but not of an accepted one', async () => {
    const email = uniqueEmail('revoked');
    const { id, token } = await invite({ cookie: owner.cookie }, email);
    assert.equal((await call(t, 'DELETE', `/api/v1/organization/invitations/${id}`, { cookie: owner.cookie })).status, 204);
    assertRefused(await lookup(token), 404, 'not_found', /revoked/, 'revoked');
    assertRefused(await signupWith(token, email), 404, 'not_found', /revoked/, 'revoked');
    assert.equal((await call(t, 'DELETE', `/api/v1/organization/invitations/${id}`, { cookie: owner.cookie })).status, 204);
    assert.ok(!(await pending()).some((i) => i.id === id));
    assert.equal((await auditActions()).filter((e) => e.action === 'invitation.revoke' && e.target.id === id).length, 1, 'recorded once');

    const joiner = uniqueEmail('joiner');
    const accepted = await invite({ cookie: owner.cookie }, joiner);
    assert.equal((await signupWith(accepted.token, joiner)).status, 201);
    const late = await call(t, 'DELETE', `/api/v1/organization/invitations/${accepted.id}`, { cookie: owner.cookie });
    assertRefused(late, 409, 'conflict', /already accepted: remove the member instead/);
  });

  test('unknown, malformed and another organization’s invitations are 404', async () => {
    assertRefused(await lookup(`qri_${'A'.repeat(43)}`), 404, 'not_found', /not found: check that the link was copied in full/, 'unknown');
    assertRefused(await lookup('not-a-token'), 404, 'not_found', /not found/, 'unknown');
    const other = await signup(t, 'Other Org');
    const theirs = await invite({ cookie: other.cookie }, uniqueEmail());
    assertRefused(await call(t, 'DELETE', `/api/v1/organization/invitations/${theirs.id}`, { cookie: owner.cookie }), 404, 'not_found', /invitation not found/);
    assert.ok(!(await pending()).some((i) => i.id === theirs.id));
    assertRefused(await call(t, 'DELETE', '/api/v1/organization/invitations/DROP', { cookie: owner.cookie }), 400, 'validation_failed', /id: not a valid id/);
  });

  test(`one IP gets ${RATE_LIMITS.invitationPerIp.limit} failed lookups, then 429 even for a good link; other IPs are unaffected`, async () => {
    const { token } = await invite({ cookie: owner.cookie }, uniqueEmail('limited'));
    for (let i = 0; i < RATE_LIMITS.invitationPerIp.limit; i++) {
      assert.equal((await lookup(`qri_${String(i).padStart(43, 'x')}`, '10.9.9.9')).status, 404);
    }
    const limited = await lookup(token, '10.9.9.9');
    assertRefused(limited, 429, 'rate_limited', /too many attempts/);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await signupWith(token, uniqueEmail(), '10.9.9.9')).status, 429, 'signup with a link shares the limit');
    assert.equal((await lookup(token, '10.9.9.10')).status, 200);
  });
});

describe('who may invite, and whom', () => {
  test('an email that is a member, or already invited, is a 409 that says so', async () => {
    assertRefused(await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email: owner.email.toUpperCase() } }), 409, 'conflict', new RegExp(`${owner.email} is already a member of Invitable \\(owner\\)`), 'already_member');
    const email = uniqueEmail('twice');
    const first = await invite({ cookie: owner.cookie }, email);
    const second = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email } });
    assertRefused(second, 409, 'conflict', /already has a pending invitation .*: revoke it to send a new one/, 'already_invited');
    assert.equal(second.body.error.details.invitationId, first.id);
  });

  test('admins invite up to admin; only an owner invites an owner; operators and viewers cannot invite, list or revoke', async () => {
    const admin = await addMember(t, owner.orgId, 'admin');
    assertRefused(await call(t, 'POST', '/api/v1/organization/invitations', { cookie: admin.cookie, body: { email: uniqueEmail(), role: 'owner' } }), 403, 'forbidden', /only an owner can invite an owner \(you are admin\)/);
    assert.equal((await invite({ cookie: admin.cookie }, uniqueEmail(), 'admin')).role, 'admin');
    const defaulted = await call(t, 'POST', '/api/v1/organization/invitations', { cookie: admin.cookie, body: { email: uniqueEmail() } });
    assert.equal(defaulted.body.role, 'viewer', 'least privilege by default');
    assert.equal((await invite({ cookie: owner.cookie }, uniqueEmail(), 'owner')).role, 'owner');
    const adminToken = await createApiToken(t, admin.cookie, 'admin');
    assert.equal((await invite({ token: adminToken.token }, uniqueEmail())).createdBy, admin.userId, 'a token invites as its creator');

    const { id } = await invite({ cookie: owner.cookie }, uniqueEmail());
    for (const role of ['viewer', 'operator'] as const) {
      const member = await addMember(t, owner.orgId, role);
      const attempts: Array<[string, string, unknown?]> = [
        ['POST', '/api/v1/organization/invitations', { email: uniqueEmail() }],
        ['GET', '/api/v1/organization/invitations'],
        ['DELETE', `/api/v1/organization/invitations/${id}`],
      ];
      for (const [method, path, body] of attempts) {
        assertRefused(await call(t, method, path, { cookie: member.cookie, body }), 403, 'forbidden', new RegExp(`requires the admin role or higher \\(you are ${role}\\)`));
      }
    }
    assert.ok((await pending()).some((i) => i.id === id), 'still pending');
  });
});
