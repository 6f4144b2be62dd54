import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { clusters, ingestedBatches, metricSamples, nodes } from '../../src/db/schema/index';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { AgentConnection, agentUrl } from './support/agent-client';
import { batchMessage, fixtureStates, helloMessage, samples } from './support/messages';
import { createAgent, type TestAgentIdentity } from './support/tenants';
import { startTestHost } from './support/test-host';

let db: TestDatabase;
let host: Awaited<ReturnType<typeof startTestHost>>;
let url: string;

before(async () => {
  db = await createTestDatabase('gw_msgs');
  host = await startTestHost(db);
  url = agentUrl(host.url);
});
after(async () => {
  await host?.dispose();
  await db?.drop();
});

const count = async (table: typeof ingestedBatches | typeof metricSamples, orgId: string) =>
  Number((await db.db.select({ n: sql<number>`count(*)` }).from(table).where(eq(table.orgId, orgId)))[0]?.n ?? 0);

/** A connected agent that has said hello and been welcomed. */
async function welcomed(agent?: TestAgentIdentity): Promise<{ agent: TestAgentIdentity; conn: AgentConnection }> {
  const a = agent ?? (await createAgent(db.db));
  const conn = await AgentConnection.connect(url, a);
  conn.send(helloMessage());
  await conn.next('welcome');
  return { agent: a, conn };
}

async function stillWorks(conn: AgentConnection): Promise<void> {
  const sentAt = Date.now();
  conn.send({ type: 'heartbeat', sentAt });
  await conn.next('heartbeat-ack', (m) => m.sentAt === sentAt);
}

test('hello creates the cluster and its nodes and is welcomed', async () => {
  const agent = await createAgent(db.db);
  const conn = await AgentConnection.connect(url, agent);
  conn.send(helloMessage());
  const welcome = await conn.next('welcome');
  assert.equal(welcome.agentId, agent.agentId);
  assert.equal(welcome.orgId, agent.orgId);
  const [cluster] = await db.db.select().from(clusters).where(eq(clusters.orgId, agent.orgId));
  assert.equal(cluster?.name, 'main');
  assert.equal(cluster?.expectedSize, 3);
  const rows = await db.db.select().from(nodes).where(eq(nodes.orgId, agent.orgId));
  assert.deepEqual(rows.map((n) => [n.name, n.address, n.agentId]).sort(), [
    ['node1', '127.0.0.11:33061', agent.agentId],
    ['node2', '127.0.0.12:33062', agent.agentId],
    ['node3', '127.0.0.13:33063', agent.agentId],
  ]);
  // A second hello (e.g. after a reconnect) updates, never duplicates.
  conn.send({ ...helloMessage(), clusters: [{ ...helloMessage().clusters[0]!, expectedSize: 5 }] });
  await conn.next('welcome');
  assert.equal((await db.db.select().from(nodes).where(eq(nodes.orgId, agent.orgId))).length, 3);
  assert.equal((await db.db.select().from(clusters).where(eq(clusters.orgId, agent.orgId)))[0]?.expectedSize, 5);
  await conn.close();
});

test('heartbeat is answered with heartbeat-ack echoing sentAt', async () => {
  const { conn } = await welcomed();
  conn.send({ type: 'heartbeat', sentAt: 12345 });
  const ack = await conn.next('heartbeat-ack');
  assert.equal(ack.sentAt, 12345);
  assert.ok(Math.abs(ack.serverTime - Date.now()) < 5_000);
  await conn.close();
});

test('a batch is acked once stored; the same batch re-sent is acked again and stored once', async () => {
  const { agent, conn } = await welcomed();
  const now = Date.now();
  const batch = batchMessage({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: now }), samples: samples({ observedAt: now }) });
  conn.send(batch);
  assert.deepEqual(await conn.next('ack'), { type: 'ack', batchId: batch.batchId, duplicate: false });
  // Acked means stored: the rows are there when the ack arrives.
  assert.equal(await count(ingestedBatches, agent.orgId), 1);
  assert.equal(await count(metricSamples, agent.orgId), 6);
  conn.send(batch);
  assert.equal((await conn.next('ack')).batchId, batch.batchId);
  assert.equal(await count(ingestedBatches, agent.orgId), 1);
  assert.equal(await count(metricSamples, agent.orgId), 6);
  const [cluster] = await db.db.select().from(clusters).where(eq(clusters.orgId, agent.orgId));
  assert.equal(cluster?.health, 'healthy');
  await conn.close();
});

test('a message before hello is refused with hello_required; hello then works', async () => {
  const agent = await createAgent(db.db);
  const conn = await AgentConnection.connect(url, agent);
  const batch = batchMessage({ samples: samples({ observedAt: Date.now() }) });
  conn.send(batch);
  const error = await conn.next('error');
  assert.equal(error.code, 'hello_required');
  assert.equal(error.batchId, batch.batchId);
  conn.send({ type: 'heartbeat', sentAt: 1 });
  assert.equal((await conn.next('error')).code, 'hello_required');
  assert.equal(await count(ingestedBatches, agent.orgId), 0);
  conn.send(helloMessage());
  await conn.next('welcome');
  conn.send(batch);
  await conn.next('ack');
  await conn.close();
});

test('malformed JSON, an unknown type and an invalid batch get typed errors; the connection keeps working', async () => {
  const { agent, conn } = await welcomed();
  conn.send('{"type": "heartbeat", ');
  const notJson = await conn.next('error');
  assert.equal(notJson.code, 'invalid_json');
  await stillWorks(conn);

  conn.send({ type: 'gossip', text: 'hi' });
  const unknown = await conn.next('error');
  assert.equal(unknown.code, 'unknown_type');
  assert.match(unknown.message, /gossip/);
  await stillWorks(conn);

  const bad = batchMessage({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: Date.now() }) });
  (bad.states as Array<{ node: string }>)[1]!.node = 'no spaces allowed';
  conn.send(bad);
  const invalid = await conn.next('error');
  assert.equal(invalid.code, 'invalid_message');
  assert.equal(invalid.batchId, bad.batchId);
  assert.match(invalid.message, /states\.1\.node/);
  assert.equal(await count(ingestedBatches, agent.orgId), 0);
  await stillWorks(conn);
  await conn.close();
});

test("a message over 128 KB closes that connection with 1009; another agent's connection keeps working", async () => {
  const victim = await welcomed();
  const bystander = await welcomed();
  victim.conn.send(JSON.stringify({ type: 'heartbeat', sentAt: 1, padding: 'x'.repeat(129 * 1024) }));
  const closed = await victim.conn.closed;
  assert.equal(closed.code, 1009);
  assert.match(closed.reason, /larger than 131072/, 'the agent is told why');
  await stillWorks(bystander.conn);
  const batch = batchMessage({ samples: samples({ observedAt: Date.now() }) });
  bystander.conn.send(batch);
  await bystander.conn.next('ack', (a) => a.batchId === batch.batchId);
  await bystander.conn.close();
});

test('a flood of invalid messages is closed with 1008 and a reason; others are unaffected', async () => {
  const flooder = await welcomed();
  const bystander = await welcomed();
  for (let i = 0; i < 30; i++) flooder.conn.send(`not json ${i}`);
  const closed = await flooder.conn.closed;
  assert.deepEqual(closed, { code: 1008, reason: 'too many invalid messages' });
  assert.ok(flooder.conn.received.filter((m) => m.type === 'error').length >= 9, 'each invalid message was answered until the close');
  await stillWorks(bystander.conn);
  await bystander.conn.close();
});

test('batch ids are per agent: the same id from two agents is two batches', async () => {
  const one = await welcomed();
  const two = await welcomed();
  const batchId = randomUUID();
  one.conn.send(batchMessage({ batchId, samples: samples({ observedAt: Date.now() }) }));
  two.conn.send(batchMessage({ batchId, samples: samples({ observedAt: Date.now() }) }));
  await one.conn.next('ack');
  await two.conn.next('ack');
  assert.equal(await count(ingestedBatches, one.agent.orgId), 1);
  assert.equal(await count(ingestedBatches, two.agent.orgId), 1);
  await one.conn.close();
  await two.conn.close();
});
