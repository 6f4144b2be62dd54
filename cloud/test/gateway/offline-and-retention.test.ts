import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { batchSchema } from '@quorum/protocol';
import { and, eq } from 'drizzle-orm';
import { agentConnections, clusterEvents, clusters, ingestedBatches, metricSamples } from '../../src/db/schema/index';
import { acceptConnection, touchConnection } from '../../src/db/telemetry-store/agent-connections.store';
import { upsertInventory } from '../../src/db/telemetry-store/inventory.store';
import { tenantScope } from '../../src/db/tenant-scope';
import { ingestBatch } from '../../src/jobs/ingest.job';
import { detectOffline } from '../../src/jobs/offline.job';
import { applyRetention, BATCH_ID_RETENTION_MS } from '../../src/jobs/retention.job';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { directDeps, TEST_CONFIG } from './support/direct-deps';
import { batchMessage, fixtureStates, helloMessage, samples } from './support/messages';
import { agentRow, createAgent } from './support/tenants';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase('offline');
});
after(async () => {
  await db?.drop();
});

const OFFLINE = TEST_CONFIG.agentOfflineAfterMs;

/** A connected agent (one connection) whose cluster `main` is healthy as of now. */
async function healthyClusterWithConnectedAgent() {
  const { deps, clock, agentChannel } = directDeps(db.db);
  const agent = await createAgent(db.db, { now: clock.now() });
  const scope = tenantScope(agent.orgId);
  const connectionId = `lc_${randomUUID()}`;
  assert.ok(await acceptConnection(db.db, scope, { agentId: agent.agentId, connectionId, ts: clock.now(), now: clock.now() }));
  await upsertInventory(db.db, scope, { agentId: agent.agentId, clusters: helloMessage().clusters, now: clock.now() });
  const batch = batchSchema.parse(batchMessage({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: clock.now() }) }));
  await ingestBatch(deps, { orgId: agent.orgId, agentId: agent.agentId, receivedAt: clock.now(), batch });
  const cluster = async () => (await db.db.select().from(clusters).where(eq(clusters.orgId, agent.orgId)))[0]!;
  assert.equal((await cluster()).health, 'healthy');
  return { deps, clock, agentChannel, agent, scope, connectionId, cluster };
}

test('an agent silent past the threshold is disconnected, its cluster turns unknown, and that is recorded', async () => {
  const { deps, clock, agentChannel, agent, connectionId, cluster } = await healthyClusterWithConnectedAgent();
  clock.advance(OFFLINE - 1_000);
  const early = await detectOffline(deps);
  assert.deepEqual(early.agentsOffline, [], 'not yet');
  assert.equal((await agentRow(db.db, agent.agentId)).connected, true);

  clock.advance(2_000);
  const run = await detectOffline(deps);
  assert.deepEqual(run.agentsOffline, [agent.agentId]);
  assert.equal((await agentRow(db.db, agent.agentId)).connected, false);
  assert.equal((await db.db.select().from(agentConnections).where(eq(agentConnections.agentId, agent.agentId))).length, 0);
  assert.deepEqual(agentChannel.closed.map((c) => [c.connectionId, c.code]), [[connectionId, 1000]], 'its socket is closed too');
  const c = await cluster();
  assert.equal(c.health, 'unknown');
  assert.equal(c.healthSince.getTime(), clock.now());
  const events = await db.db.select().from(clusterEvents).where(and(eq(clusterEvents.orgId, agent.orgId), eq(clusterEvents.clusterId, c.id)));
  assert.ok(events.some((e) => e.type === 'agent_offline' && e.message.includes(agent.agentId)));
  assert.ok(events.some((e) => e.type === 'health_changed' && (e.data as { to: string }).to === 'unknown'));

  const again = await detectOffline(deps);
  assert.deepEqual([again.agentsOffline, again.clustersReassessed], [[], 0], 'nothing more to do');
});

test('a connected agent whose node data went stale: the cluster is reassessed to unknown when its time comes', async () => {
  const { deps, clock, agent, scope, connectionId, cluster } = await healthyClusterWithConnectedAgent();
  const reassessAt = (await cluster()).reassessAt?.getTime();
  assert.equal(reassessAt, clock.now() + OFFLINE, 'the assessment knows when it goes stale');
  // The agent keeps heartbeating but stops reporting state.
  clock.advance(OFFLINE + 1);
  assert.equal(await touchConnection(db.db, scope, { agentId: agent.agentId, connectionId, now: clock.now() }), 'ok');
  const run = await detectOffline(deps);
  assert.deepEqual(run.agentsOffline, []);
  assert.equal(run.clustersReassessed, 1);
  const c = await cluster();
  assert.equal(c.health, 'unknown');
  assert.equal(c.reassessAt, null, 'nothing fresh is left to expire');
});

test('retention deletes old samples and old batch ids only, in chunks', async () => {
  const { deps, clock } = directDeps(db.db);
  const agent = await createAgent(db.db, { connected: true, now: clock.now() });
  const retention = TEST_CONFIG.metricRetentionMs;
  const ingest = (observedAt: number, receivedAt: number) =>
    ingestBatch(deps, { orgId: agent.orgId, agentId: agent.agentId, receivedAt, batch: batchSchema.parse(batchMessage({ samples: samples({ observedAt }) })) });
  const now = clock.now();
  for (let i = 0; i < 4; i++) await ingest(now - retention - 60_000 * (i + 1), now - BATCH_ID_RETENTION_MS - 60_000 * (i + 1)); // 24 old samples
  for (let i = 0; i < 2; i++) await ingest(now - 60_000 * (i + 1), now - 60_000 * (i + 1)); // 12 recent ones
  const result = await applyRetention(deps, { chunkSize: 5 });
  assert.equal(result.samplesDeleted, 24);
  assert.equal(result.batchIdsDeleted, 4);
  const left = await db.db.select().from(metricSamples).where(eq(metricSamples.orgId, agent.orgId));
  assert.equal(left.length, 12);
  assert.ok(left.every((r) => r.ts > now - retention));
  assert.equal((await db.db.select().from(ingestedBatches).where(eq(ingestedBatches.orgId, agent.orgId))).length, 2);
});
