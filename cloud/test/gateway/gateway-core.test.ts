import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { agentConnections, agents } from '../../src/db/schema/index';
import { acceptConnection } from '../../src/db/telemetry-store/agent-connections.store';
import { tenantScope } from '../../src/db/tenant-scope';
import { createConnectionContext, handleMessage, type GatewayLimits } from '../../src/gateway/index';
import type { QueuePort } from '../../src/ports/queue';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { directDeps } from './support/direct-deps';
import { batchMessage, helloMessage, samples } from './support/messages';
import { createAgent } from './support/tenants';

// The gateway core without any socket: what the AWS WebSocket Lambda will call the same way.
let db: TestDatabase;
before(async () => {
  db = await createTestDatabase('gw_core');
});
after(async () => {
  await db?.drop();
});

async function connected(queue: QueuePort, limits: Partial<GatewayLimits> = {}) {
  const { deps: base, clock, agentChannel } = directDeps(db.db);
  const deps = { ...base, queue };
  const agent = await createAgent(db.db, { now: clock.now() });
  const connectionId = `lc_${randomUUID()}`;
  await acceptConnection(db.db, tenantScope(agent.orgId), { agentId: agent.agentId, connectionId, ts: clock.now(), now: clock.now() });
  const ctx = createConnectionContext({ connectionId, orgId: agent.orgId, agentId: agent.agentId, now: clock.now(), limits });
  await handleMessage(deps, ctx, JSON.stringify(helloMessage()));
  assert.equal(agentChannel.sent.at(-1)?.message.type, 'welcome');
  const replies = () => agentChannel.sent.map((s) => s.message);
  return { deps, clock, agentChannel, agent, ctx, connectionId, replies };
}

const okQueue: QueuePort = { send: async () => {} };

test('when the queue refuses a batch the agent gets internal with the batch id, and no ack', async () => {
  const failing: QueuePort = { send: async () => Promise.reject(new Error('queue down')) };
  const { deps, ctx, replies } = await connected(failing);
  const batch = batchMessage({ samples: samples({ observedAt: 1 }) });
  await handleMessage(deps, ctx, JSON.stringify(batch));
  assert.deepEqual(replies().at(-1), { type: 'error', code: 'internal', message: 'the batch was not stored: send it again', batchId: batch.batchId });
  assert.ok(!replies().some((m) => m.type === 'ack'));
});

test('the ack waits for the queue: nothing is acked before send resolves', async () => {
  let release!: () => void;
  const slow: QueuePort = { send: () => new Promise<void>((r) => (release = r)) };
  const { deps, ctx, replies } = await connected(slow);
  const batch = batchMessage({ samples: samples({ observedAt: 1 }) });
  const handling = handleMessage(deps, ctx, JSON.stringify(batch));
  await new Promise((r) => setTimeout(r, 30));
  assert.ok(!replies().some((m) => m.type === 'ack'));
  await handleMessage(deps, ctx, JSON.stringify({ type: 'heartbeat', sentAt: 7 }));
  assert.equal(replies().at(-1)?.type, 'heartbeat-ack', 'a heartbeat never waits behind a batch');
  release();
  await handling;
  assert.deepEqual(replies().at(-1), { type: 'ack', batchId: batch.batchId, duplicate: false });
});

test('too many batches awaiting acks are refused with rate_limited', async () => {
  const never: QueuePort = { send: () => new Promise<void>(() => {}) };
  const { deps, ctx, replies } = await connected(never, { maxPendingBatches: 2 });
  for (let i = 0; i < 3; i++) void handleMessage(deps, ctx, JSON.stringify(batchMessage({ samples: samples({ observedAt: i }) })));
  await new Promise((r) => setTimeout(r, 30));
  const refused = replies().filter((m) => m.type === 'error');
  assert.equal(refused.length, 1);
  assert.equal(refused[0]?.type === 'error' && refused[0].code, 'rate_limited');
});

test('a sustained flood is closed with 1008 "message rate too high"', async () => {
  const { deps, ctx, agentChannel } = await connected(okQueue, { maxMessagesPerWindow: 20, rateWindowMs: 10_000 });
  for (let i = 0; i < 25; i++) await handleMessage(deps, ctx, JSON.stringify({ type: 'heartbeat', sentAt: i }));
  assert.deepEqual(agentChannel.closed.map((c) => [c.code, c.reason]), [[1008, 'message rate too high']]);
});

test('liveness is written at most every 15 s, and a revoked agent is closed with 4401 on the next write', async () => {
  const { deps, clock, agent, ctx, connectionId, agentChannel } = await connected(okQueue);
  const lastMessageAt = async () => (await db.db.select().from(agentConnections).where(eq(agentConnections.connectionId, connectionId)))[0]?.lastMessageAt.getTime();
  const written = await lastMessageAt();
  clock.advance(10_000);
  await handleMessage(deps, ctx, JSON.stringify({ type: 'heartbeat', sentAt: 1 }));
  assert.equal(await lastMessageAt(), written, 'not yet');
  clock.advance(6_000);
  await handleMessage(deps, ctx, JSON.stringify({ type: 'heartbeat', sentAt: 2 }));
  assert.equal(await lastMessageAt(), clock.now());

  await db.db.update(agents).set({ revokedAt: new Date(clock.now()) }).where(eq(agents.id, agent.agentId));
  clock.advance(16_000);
  await handleMessage(deps, ctx, JSON.stringify({ type: 'heartbeat', sentAt: 3 }));
  assert.deepEqual(agentChannel.closed.map((c) => c.code), [4401]);
});
