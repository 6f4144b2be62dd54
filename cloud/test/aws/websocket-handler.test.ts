import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { eq } from 'drizzle-orm';
import { ApiGatewayAgentChannel } from '../../src/adapters/aws/api-gateway-channel';
import { createSqsConsumer } from '../../src/adapters/aws/sqs-consumer';
import { SqsQueue } from '../../src/adapters/aws/sqs-queue';
import { createWebSocketHandler } from '../../src/adapters/aws/websocket';
import { agentConnectionGuards, agentConnections, ingestedBatches, nodeStatus } from '../../src/db/schema/index';
import { ingestBatch } from '../../src/jobs/ingest.job';
import { ManualClock } from '../../src/ports/clock';
import { silentLogger } from '../../src/ports/logger';
import { credentialFor } from '../gateway/support/agent-client';
import { TEST_CONFIG } from '../gateway/support/direct-deps';
import { batchMessage, fixtureStates, helloMessage, samples } from '../gateway/support/messages';
import { agentRow, createAgent } from '../gateway/support/tenants';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { connectEvent, disconnectEvent, messageEvent, newConnectionId } from './support/apigw-events';
import { startFakeManagementApi, type FakeManagementApi } from './support/fake-aws-endpoints';
import { pollOnce, startLocalSqs, TEST_CREDENTIALS, TEST_REGION, type LocalSqs, type QueuePair } from './support/local-sqs';
import { fixedSigner } from '../support/test-signer';

// The agent gateway as API Gateway WebSocket + Lambda runs it: realistic $connect / $default /
// $disconnect events, answers through the real Management API client (to a local endpoint),
// batches onto SQS (fauxqs) — and a new handler instance for each event where it matters, since
// each message may land on a different Lambda container.
let db: TestDatabase;
let api: FakeManagementApi;
let sqs: LocalSqs;
let ingestQueue: QueuePair;
const clock = new ManualClock(Date.now());

before(async () => {
  db = await createTestDatabase('aws_ws');
  api = await startFakeManagementApi();
  sqs = await startLocalSqs();
  ingestQueue = await sqs.createQueuePair('ingest', 3);
});
after(async () => {
  await api?.stop();
  await sqs?.stop();
  await db?.drop();
});

function deps() {
  const client = new ApiGatewayManagementApiClient({ endpoint: api.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS });
  return {
    db: db.db,
    clock,
    log: silentLogger,
    config: TEST_CONFIG,
    agentChannel: new ApiGatewayAgentChannel({ client, db: db.db, log: silentLogger }),
    queue: new SqsQueue({ client: sqs.client, queueUrls: { ingest: ingestQueue.url } }),
    signer: fixedSigner,
  };
}

/** A fresh container: a handler with nothing in memory. */
const coldHandler = () => createWebSocketHandler(deps());

async function connectedAgent() {
  const agent = await createAgent(db.db, { now: clock.now() });
  const connectionId = newConnectionId();
  api.open(connectionId);
  const result = await coldHandler()(connectEvent(connectionId, credentialFor(agent, clock.now())));
  assert.equal(result.statusCode, 200);
  return { agent, connectionId };
}

const connectionRow = async (connectionId: string) =>
  (await db.db.select().from(agentConnections).where(eq(agentConnections.connectionId, connectionId)))[0];

test('a whole session: connect, hello → welcome, heartbeat, batch → SQS → ack, ingested by the consumer, disconnect', async () => {
  const { agent, connectionId } = await connectedAgent();
  assert.ok(await connectionRow(connectionId));
  assert.equal((await agentRow(db.db, agent.agentId)).connected, true);

  await coldHandler()(messageEvent(connectionId, helloMessage()));
  assert.equal(api.received(connectionId).at(-1)?.type, 'welcome');
  await coldHandler()(messageEvent(connectionId, { type: 'heartbeat', sentAt: 42 }));
  assert.deepEqual(api.received(connectionId).at(-1), { type: 'heartbeat-ack', sentAt: 42, serverTime: clock.now() });

  const batch = batchMessage({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: clock.now() }), samples: samples({ observedAt: clock.now() }) });
  await coldHandler()(messageEvent(connectionId, batch, { base64: true }));
  assert.deepEqual(api.received(connectionId).at(-1), { type: 'ack', batchId: batch.batchId, duplicate: false });

  const consumer = createSqsConsumer(deps(), { handlers: { ingest: async (m) => void (await ingestBatch(deps(), m)) }, leaseMs: 60_000 });
  assert.equal(await pollOnce({ client: sqs.client, queue: ingestQueue, handler: consumer }), 1);
  const stored = await db.db.select().from(ingestedBatches).where(eq(ingestedBatches.batchId, batch.batchId));
  assert.equal(stored.length, 1);
  assert.equal((await db.db.select().from(nodeStatus).where(eq(nodeStatus.orgId, agent.orgId))).length, 3);

  const bye = await coldHandler()(disconnectEvent(connectionId));
  assert.equal(bye.statusCode, 200);
  assert.equal(await connectionRow(connectionId), undefined);
  assert.equal((await agentRow(db.db, agent.agentId)).connected, false);
});

test('$connect refusals are 401s naming the reason, and record nothing; the header name is case-insensitive', async () => {
  const agent = await createAgent(db.db, { now: clock.now() });
  const missing = await coldHandler()(connectEvent(newConnectionId(), undefined));
  assert.equal(missing.statusCode, 401);
  assert.equal(missing.headers?.['X-Quorum-Reject-Reason'], 'malformed_credential');

  const revoked = await createAgent(db.db, { now: clock.now(), revoked: true });
  const refused = await coldHandler()(connectEvent(newConnectionId(), credentialFor(revoked, clock.now())));
  assert.equal(refused.statusCode, 401);
  assert.deepEqual([refused.headers?.['X-Quorum-Reject-Reason'], refused.headers?.['X-Quorum-Close-Code']], ['revoked', '4401']);
  assert.match(JSON.parse(refused.body ?? '{}').error.message, /revoked/);
  assert.equal((await agentRow(db.db, revoked.agentId)).connected, false);

  const lower = newConnectionId();
  const ok = await coldHandler()(connectEvent(lower, credentialFor(agent, clock.now()), { headerName: 'authorization' }));
  assert.equal(ok.statusCode, 200);
  assert.ok(await connectionRow(lower));
});

test('hello state lives in the database: a batch before hello is refused, after it (in another container) accepted', async () => {
  const { connectionId } = await connectedAgent();
  const early = batchMessage({ samples: samples({ observedAt: clock.now() }) });
  await coldHandler()(messageEvent(connectionId, early));
  assert.deepEqual(api.received(connectionId).at(-1), { type: 'error', code: 'hello_required', message: 'send hello before batches', batchId: early.batchId });
  await coldHandler()(messageEvent(connectionId, helloMessage()));
  const later = batchMessage({ samples: samples({ observedAt: clock.now() }) });
  await coldHandler()(messageEvent(connectionId, later));
  assert.deepEqual(api.received(connectionId).at(-1), { type: 'ack', batchId: later.batchId, duplicate: false });
});

test('invalid messages are counted across invocations: the 10th within a minute deletes the connection', async () => {
  const { connectionId } = await connectedAgent();
  await coldHandler()(messageEvent(connectionId, helloMessage()));
  for (let i = 0; i < 9; i++) {
    await coldHandler()(messageEvent(connectionId, '{"type":"nonsense"}'));
    clock.advance(1_000);
  }
  assert.ok(api.isOpen(connectionId), 'nine invalid messages are tolerated');
  const [guard] = await db.db.select().from(agentConnectionGuards).where(eq(agentConnectionGuards.connectionId, connectionId));
  assert.equal(guard?.invalidAt.length, 9);
  await coldHandler()(messageEvent(connectionId, 'not json'));
  assert.ok(!api.isOpen(connectionId), 'the tenth closed it (DeleteConnection)');
  assert.ok(api.calls.some((c) => c.method === 'DELETE' && c.connectionId === connectionId));
  await coldHandler()(disconnectEvent(connectionId, { statusCode: 1005, reason: '' }));
  assert.equal((await db.db.select().from(agentConnectionGuards).where(eq(agentConnectionGuards.connectionId, connectionId))).length, 0);
});

test('invalid messages spread over more than a minute never close the connection', async () => {
  const { connectionId } = await connectedAgent();
  for (let i = 0; i < 15; i++) {
    await coldHandler()(messageEvent(connectionId, 'not json'));
    clock.advance(7_000);
  }
  assert.ok(api.isOpen(connectionId));
  await coldHandler()(disconnectEvent(connectionId));
});

test('liveness is written at most every 15 s across invocations', async () => {
  const { connectionId } = await connectedAgent();
  await coldHandler()(messageEvent(connectionId, helloMessage()));
  const first = (await connectionRow(connectionId))?.lastMessageAt.getTime();
  clock.advance(5_000);
  await coldHandler()(messageEvent(connectionId, { type: 'heartbeat', sentAt: 1 }));
  assert.equal((await connectionRow(connectionId))?.lastMessageAt.getTime(), first);
  clock.advance(11_000);
  await coldHandler()(messageEvent(connectionId, { type: 'heartbeat', sentAt: 2 }));
  assert.equal((await connectionRow(connectionId))?.lastMessageAt.getTime(), clock.now());
  await coldHandler()(disconnectEvent(connectionId));
});

test('a newer connection of the same agent deletes the older one; a message on an unknown connection deletes it', async () => {
  const { agent, connectionId: older } = await connectedAgent();
  clock.advance(1_000);
  const newer = newConnectionId();
  api.open(newer);
  assert.equal((await coldHandler()(connectEvent(newer, credentialFor(agent, clock.now())))).statusCode, 200);
  assert.ok(!api.isOpen(older), 'the older connection was deleted (4409 on the local host)');
  assert.ok(api.isOpen(newer));

  const stranger = newConnectionId();
  api.open(stranger);
  assert.equal((await coldHandler()(messageEvent(stranger, { type: 'heartbeat', sentAt: 1 }))).statusCode, 200);
  assert.ok(!api.isOpen(stranger));
  await coldHandler()(disconnectEvent(older));
  await coldHandler()(disconnectEvent(newer));
});

test('a reply to a connection API Gateway no longer has forgets it (GoneException)', async () => {
  const { agent, connectionId } = await connectedAgent();
  api.calls.length = 0;
  // The socket went away without a $disconnect reaching us.
  const gone = connectionId;
  const channel = deps().agentChannel;
  await channel.close(gone, 1000, 'test'); // API Gateway drops it
  assert.ok(!api.isOpen(gone));
  assert.equal(await channel.send(gone, { type: 'heartbeat-ack', sentAt: 1, serverTime: 2 }), false);
  assert.equal(await connectionRow(gone), undefined);
  assert.equal((await agentRow(db.db, agent.agentId)).connected, false);
  assert.deepEqual(api.calls.map((c) => [c.method, c.status]), [['DELETE', 204], ['POST', 410]]);
});
