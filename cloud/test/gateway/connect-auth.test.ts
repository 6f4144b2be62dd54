import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConnectCredential, importPrivateKey } from '@quorum/protocol';
import { eq, sql } from 'drizzle-orm';
import { agentConnections, agents } from '../../src/db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { AgentConnection, UpgradeRefused, agentUrl, credentialFor, type Refusal } from './support/agent-client';
import { agentRow, createAgent } from './support/tenants';
import { recordingLogger } from './support/recording-logger';
import { startTestHost } from './support/test-host';

let db: TestDatabase;
let host: Awaited<ReturnType<typeof startTestHost>>;
let url: string;
const log = recordingLogger();

before(async () => {
  db = await createTestDatabase('gw_auth');
  host = await startTestHost(db, { log });
  url = agentUrl(host.url);
});
after(async () => {
  await host?.dispose();
  await db?.drop();
});

const connectionCount = async (agentId: string) =>
  (await db.db.select({ n: sql<number>`count(*)` }).from(agentConnections).where(eq(agentConnections.agentId, agentId)))[0]?.n ?? 0;

async function refused(header: string | undefined): Promise<Refusal> {
  try {
    const conn = await AgentConnection.open(url, header);
    await conn.close();
  } catch (e) {
    if (e instanceof UpgradeRefused) return e.refusal;
    throw e;
  }
  assert.fail('the connection was accepted');
}

/** Asserts a refused connect left the agent exactly as it was. */
async function assertNothingRecorded(agentId: string, before: Awaited<ReturnType<typeof agentRow>>, connections: number) {
  const now = await agentRow(db.db, agentId);
  assert.equal(now.lastConnectTs, before.lastConnectTs);
  assert.equal(now.connected, before.connected);
  assert.deepEqual(now.lastSeenAt, before.lastSeenAt);
  assert.equal(await connectionCount(agentId), connections);
}

test('a valid credential connects: the connection is recorded and the agent is connected', async () => {
  const agent = await createAgent(db.db);
  const header = credentialFor(agent);
  const conn = await AgentConnection.open(url, header);
  const row = await agentRow(db.db, agent.agentId);
  assert.equal(row.connected, true);
  assert.equal(row.lastConnectTs, Number(/ts=(\d+)/.exec(header)?.[1]));
  assert.ok(row.lastSeenAt);
  assert.equal(await connectionCount(agent.agentId), 1);
  await conn.close();
  // The disconnect is recorded asynchronously after the close.
  await waitFor(async () => (await connectionCount(agent.agentId)) === 0 && !(await agentRow(db.db, agent.agentId)).connected);
});

test('a bad signature is refused with 401 and nothing is recorded', async () => {
  const agent = await createAgent(db.db);
  const before = await agentRow(db.db, agent.agentId);
  const header = credentialFor(agent).replace(/sig=([A-Za-z0-9_-])/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
  const r = await refused(header);
  assert.deepEqual([r.status, r.reason], [401, 'bad_signature']);
  await assertNothingRecorded(agent.agentId, before, 0);
});

test('an unknown agent is refused (401, close-code semantics 4401: stop retrying)', async () => {
  const ghost = await createAgent(db.db);
  await db.db.delete(agents).where(eq(agents.id, ghost.agentId));
  const r = await refused(credentialFor(ghost));
  assert.deepEqual([r.status, r.reason, r.closeCode], [401, 'unknown_agent', 4401]);
  assert.equal(await connectionCount(ghost.agentId), 0);
});

test('a revoked agent is refused with 4401 semantics and nothing is recorded', async () => {
  const agent = await createAgent(db.db, { revoked: true });
  const before = await agentRow(db.db, agent.agentId);
  const r = await refused(credentialFor(agent));
  assert.deepEqual([r.status, r.reason, r.closeCode], [401, 'revoked', 4401]);
  await assertNothingRecorded(agent.agentId, before, 0);
});

test('an expired credential and one from the future are refused', async () => {
  const agent = await createAgent(db.db);
  const before = await agentRow(db.db, agent.agentId);
  const key = importPrivateKey(agent.privateKey);
  const old = await refused(createConnectCredential({ agentId: agent.agentId, privateKey: key, now: Date.now() - 5 * 60_000 }));
  assert.deepEqual([old.status, old.reason], [401, 'expired']);
  const future = await refused(createConnectCredential({ agentId: agent.agentId, privateKey: key, now: Date.now() + 5 * 60_000 }));
  assert.deepEqual([future.status, future.reason], [401, 'from_future']);
  await assertNothingRecorded(agent.agentId, before, 0);
});

test('a replayed credential is refused: the same header works once', async () => {
  const agent = await createAgent(db.db);
  const header = credentialFor(agent);
  const first = await AgentConnection.open(url, header);
  const afterFirst = await agentRow(db.db, agent.agentId);
  const r = await refused(header);
  assert.deepEqual([r.status, r.reason], [401, 'replayed']);
  await assertNothingRecorded(agent.agentId, afterFirst, 1);
  await first.close();
});

test('two racing connects with one credential: exactly one gets in', async () => {
  const agent = await createAgent(db.db);
  const header = credentialFor(agent);
  const results = await Promise.allSettled([AgentConnection.open(url, header), AgentConnection.open(url, header)]);
  const opened = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const refusals = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof UpgradeRefused ? [r.reason.refusal.reason] : []));
  assert.equal(opened.length, 1);
  assert.deepEqual(refusals, ['replayed']);
  assert.equal(await connectionCount(agent.agentId), 1);
  await opened[0]?.close();
});

test("a foreign agent's key cannot connect as another agent", async () => {
  const victim = await createAgent(db.db);
  const attacker = await createAgent(db.db);
  const before = await agentRow(db.db, victim.agentId);
  const forged = createConnectCredential({ agentId: victim.agentId, privateKey: importPrivateKey(attacker.privateKey) });
  const r = await refused(forged);
  assert.deepEqual([r.status, r.reason], [401, 'bad_signature']);
  await assertNothingRecorded(victim.agentId, before, 0);
});

test('a missing or malformed Authorization header is refused; the header is never logged', async () => {
  assert.deepEqual((await refused(undefined)).reason, 'malformed_credential');
  assert.deepEqual((await refused('Bearer abc')).reason, 'malformed_credential');
  const agent = await createAgent(db.db);
  const header = credentialFor(agent);
  const sig = /sig=(\S+)/.exec(header)?.[1] as string;
  await (await AgentConnection.open(url, header)).close();
  assert.deepEqual((await refused(header)).reason, 'replayed');
  assert.ok(log.lines.some((l) => l.includes('agent connect refused')), 'refusals are logged');
  assert.ok(!log.lines.some((l) => l.includes(sig) || l.includes('QuorumAgent') || l.includes('Bearer abc')));
});

test("a revoked agent's open connection is closed with 4401 (as the revoke route does)", async () => {
  const agent = await createAgent(db.db);
  const conn = await AgentConnection.connect(url, agent);
  const [row] = await db.db.select().from(agentConnections).where(eq(agentConnections.agentId, agent.agentId));
  assert.ok(row);
  await db.db.update(agents).set({ revokedAt: new Date() }).where(eq(agents.id, agent.agentId));
  await host.deps.agentChannel.close(row.connectionId, 4401, 'agent revoked');
  const closed = await conn.closed;
  assert.deepEqual(closed, { code: 4401, reason: 'agent revoked' });
});

test('a newer connection of the same agent replaces the older one (4409)', async () => {
  const agent = await createAgent(db.db);
  const older = await AgentConnection.connect(url, agent);
  const newer = await AgentConnection.connect(url, agent);
  assert.equal((await older.closed).code, 4409);
  await waitFor(async () => (await connectionCount(agent.agentId)) === 1);
  assert.equal((await agentRow(db.db, agent.agentId)).connected, true, 'still connected through the newer one');
  await newer.close();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
