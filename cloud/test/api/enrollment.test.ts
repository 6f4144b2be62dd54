import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { enrollResponseSchema, generateEd25519KeyPair } from '@quorum/protocol';
import { RATE_LIMITS } from '../../src/core/auth/policy';
import { agentConnections, agents, enrollmentTokens } from '../../src/db/schema/identity';
import { call, createEnrollmentToken, enrollBody, signup, type Owner } from './client';
import { setAgentConnected } from './seed';
import { createTestApp, TEST_CONFIG, TEST_SIGNING_KEY, type TestApp } from './support';

let t: TestApp;
let owner: Owner;
let ipCounter = 0;
/** A fresh client IP per call, so the per-IP failure limit is tested only where meant. */
const enroll = (body: unknown, ip = `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`) =>
  call(t, 'POST', '/api/v1/agents/enroll', { body, ip });

before(async () => {
  t = await createTestApp('enrollment');
  owner = await signup(t, 'Enrollers');
});
after(() => t.close());

describe('enrollment', () => {
  test('a single-use token enrolls one agent; the answer is a protocol EnrollResponse; the key is stored as sent', async () => {
    const { token } = await createEnrollmentToken(t, owner.cookie);
    assert.match(token, /^qre_/);
    const body = enrollBody(token, 'db1.example');
    const res = await enroll(body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const parsed = enrollResponseSchema.parse(res.body);
    assert.equal(parsed.orgId, owner.orgId);
    assert.equal(parsed.websocketUrl, TEST_CONFIG.agentWebsocketUrl);
    assert.deepEqual(parsed.signingKeys, [TEST_SIGNING_KEY]);
    const [row] = await t.db.db.select().from(agents).where(eq(agents.id, parsed.agentId));
    assert.equal(row?.publicKey, body.publicKey);
    assert.equal(row?.hostname, 'db1.example');
    assert.equal(row?.orgId, owner.orgId);

    const second = await enroll(enrollBody(token, 'db2.example'));
    assert.equal(second.status, 401);
    assert.equal(second.body.error.code, 'enrollment_rejected');
    assert.equal(second.body.error.details.reason, 'used_up');
    assert.match(second.body.error.message, /already used/);
  });

  test('an N-use token enrolls N agents and then says "already used"', async () => {
    const { id, token } = await createEnrollmentToken(t, owner.cookie, { maxUses: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await enroll(enrollBody(token, `n${i}`))).status, 201);
    assert.equal((await enroll(enrollBody(token, 'n4'))).body.error.details.reason, 'used_up');
    const list = await call(t, 'GET', '/api/v1/enrollment-tokens', { cookie: owner.cookie });
    const listed = list.body.enrollmentTokens.find((x: { id: string }) => x.id === id);
    assert.deepEqual([listed.uses, listed.maxUses, listed.state], [3, 3, 'used_up']);
  });

  test('ten enrollments at once on a 3-use token: exactly three agents', async () => {
    const { id, token } = await createEnrollmentToken(t, owner.cookie, { maxUses: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => enroll(enrollBody(token, `race${i}`))));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 201, 201, 401, 401, 401, 401, 401, 401, 401]);
    assert.equal((await t.db.db.select().from(agents).where(eq(agents.enrollmentTokenId, id))).length, 3);
    const [row] = await t.db.db.select().from(enrollmentTokens).where(eq(enrollmentTokens.id, id));
    assert.equal(row?.uses, 3);
  });

  test('an expired token says "expired"', async () => {
    const { token } = await createEnrollmentToken(t, owner.cookie, { expiresInMinutes: 5 });
    t.clock.advance(5 * 60_000);
    const res = await enroll(enrollBody(token));
    assert.equal(res.status, 401);
    assert.equal(res.body.error.details.reason, 'expired');
    assert.match(res.body.error.message, /expired/);
  });

  test('a revoked token says "revoked"; an unknown one "unknown" — neither names an organization', async () => {
    const { id, token } = await createEnrollmentToken(t, owner.cookie, { maxUses: 5 });
    assert.equal((await call(t, 'DELETE', `/api/v1/enrollment-tokens/${id}`, { cookie: owner.cookie })).status, 204);
    const revoked = await enroll(enrollBody(token));
    assert.equal(revoked.body.error.details.reason, 'revoked');
    const unknown = await enroll(enrollBody(`qre_${'z'.repeat(43)}`));
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.details.reason, 'unknown');
    for (const res of [revoked, unknown]) {
      assert.ok(!JSON.stringify(res.body).includes(owner.orgId));
      assert.ok(!JSON.stringify(res.body).includes('Enrollers'));
    }
  });

  test('an invalid public key is a 400 naming publicKey', async () => {
    const { token } = await createEnrollmentToken(t, owner.cookie);
    const res = await enroll({ ...enrollBody(token), publicKey: Buffer.from('not a key').toString('base64') });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'validation_failed');
    assert.match(res.body.error.message, /publicKey: not a DER SPKI public key/);
    assert.equal((await enroll(enrollBody(token))).status, 201, 'the failed attempt did not use the token');
  });

  test(`one IP gets ${RATE_LIMITS.enrollPerIp.limit} rejected enrollments, then 429`, async () => {
    const bad = enrollBody(`qre_${'y'.repeat(43)}`);
    for (let i = 0; i < RATE_LIMITS.enrollPerIp.limit; i++) assert.equal((await enroll(bad, '10.66.0.1')).status, 401);
    const { token } = await createEnrollmentToken(t, owner.cookie);
    const limited = await enroll(enrollBody(token), '10.66.0.1');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await enroll(enrollBody(token), '10.66.0.2')).status, 201);
  });

  test('token options are validated', async () => {
    for (const body of [{ maxUses: 0 }, { maxUses: 1001 }, { expiresInMinutes: 7 * 24 * 60 + 1 }, { maxUses: 1.5 }, { uses: 3 }]) {
      const res = await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie: owner.cookie, body });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    const max = await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie: owner.cookie, body: { maxUses: 1000, expiresInMinutes: 7 * 24 * 60 } });
    assert.equal(max.status, 201);
    assert.equal(max.body.expiresAt, t.clock.now() + 7 * 24 * 3600_000);
  });
});

describe('agents', () => {
  test('revoking an agent closes its live connections with 4401 and lists it as revoked', async () => {
    const { token } = await createEnrollmentToken(t, owner.cookie);
    const { agentId } = (await enroll(enrollBody(token, 'to-revoke'))).body;
    await setAgentConnected(t.db.db, agentId, true);
    const now = new Date(t.clock.now());
    for (const connectionId of ['c-1', 'c-2']) {
      await t.db.db.insert(agentConnections).values({ connectionId, orgId: owner.orgId, agentId, connectedAt: now, lastMessageAt: now });
    }
    const before = await call(t, 'GET', '/api/v1/agents', { cookie: owner.cookie });
    assert.equal(before.body.agents.find((a: { id: string }) => a.id === agentId).connected, true);
    const res = await call(t, 'POST', `/api/v1/agents/${agentId}/revoke`, { cookie: owner.cookie });
    assert.equal(res.status, 200);
    assert.equal(res.body.revokedAt, t.clock.now());
    assert.equal(res.body.connected, false);
    assert.deepEqual(
      t.channel.closed.filter((c) => c.connectionId.startsWith('c-')),
      [
        { connectionId: 'c-1', code: 4401, reason: 'agent revoked' },
        { connectionId: 'c-2', code: 4401, reason: 'agent revoked' },
      ],
    );
    assert.equal((await call(t, 'POST', `/api/v1/agents/${agentId}/revoke`, { cookie: owner.cookie })).body.revokedAt, res.body.revokedAt);
  });

  test('a freshly enrolled agent is listed with its details', async () => {
    const { token } = await createEnrollmentToken(t, owner.cookie);
    const keys = generateEd25519KeyPair();
    const { agentId } = (await enroll({ token, publicKey: keys.publicKey, hostname: 'listed', version: '1.2.3' })).body;
    const res = await call(t, 'GET', '/api/v1/agents', { cookie: owner.cookie });
    assert.deepEqual(res.body.agents.find((a: { id: string }) => a.id === agentId), {
      id: agentId,
      hostname: 'listed',
      version: '1.2.3',
      enrolledAt: t.clock.now(),
      lastSeenAt: null,
      connected: false,
      revokedAt: null,
    });
  });
});
