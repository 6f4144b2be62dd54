import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema } from '@quorum/protocol';
import { and, asc, eq, sql } from 'drizzle-orm';
import { clusterEvents, clusters, ingestedBatches, metricSamples, nodes, nodeStatus } from '../../src/db/schema/index';
import { upsertInventory } from '../../src/db/telemetry-store/inventory.store';
import { tenantScope } from '../../src/db/tenant-scope';
import { ingestBatch } from '../../src/jobs/ingest.job';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { directDeps } from './support/direct-deps';
import { batchMessage, fixtureStates, helloMessage, samples } from './support/messages';
import { createAgent, type TestAgentIdentity } from './support/tenants';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase('ingest');
});
after(async () => {
  await db?.drop();
});

/** An agent that said hello for cluster `main` (3 nodes) and is connected. */
async function setup() {
  const { deps, clock } = directDeps(db.db);
  const agent = await createAgent(db.db, { connected: true, now: clock.now() });
  await upsertInventory(db.db, tenantScope(agent.orgId), { agentId: agent.agentId, clusters: helloMessage().clusters, now: clock.now() });
  const ingest = (input: Parameters<typeof batchMessage>[0]) => {
    const batch = batchSchema.parse(batchMessage(input));
    return ingestBatch(deps, { orgId: agent.orgId, agentId: agent.agentId, receivedAt: clock.now(), batch }).then((r) => ({ ...r, batch }));
  };
  return { deps, clock, agent, ingest };
}

async function clusterOf(agent: TestAgentIdentity) {
  const [c] = await db.db.select().from(clusters).where(and(eq(clusters.orgId, agent.orgId), eq(clusters.name, 'main')));
  assert.ok(c);
  return c;
}

async function eventsOf(agent: TestAgentIdentity) {
  return db.db.select().from(clusterEvents).where(eq(clusterEvents.orgId, agent.orgId)).orderBy(asc(clusterEvents.occurredAt), asc(clusterEvents.id));
}

async function node3Id(agent: TestAgentIdentity) {
  const [n] = await db.db.select().from(nodes).where(and(eq(nodes.orgId, agent.orgId), eq(nodes.name, 'node3')));
  return n?.id as string;
}

test('split brain on two consecutive polls → split_brain with events naming node3; healthy-3 resolves it', async () => {
  const { clock, agent, ingest } = await setup();
  const t0 = clock.now();
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: t0 }) });
  assert.equal((await clusterOf(agent)).health, 'healthy');

  clock.advance(1_000);
  await ingest({ states: fixtureStates('split-brain-same-uuid.json', { pollSeq: 2, observedAt: clock.now() }) });
  const suspected = await clusterOf(agent);
  assert.equal(suspected.health, 'degraded', 'one poll is not enough to call it');
  const firstEvents = await eventsOf(agent);
  const suspicion = firstEvents.find((e) => e.type === 'split_brain_suspected');
  assert.ok(suspicion, 'suspected at once');
  assert.match(suspicion.message, /node3/);
  assert.equal(suspicion.nodeId, await node3Id(agent));
  assert.ok(firstEvents.some((e) => e.type === 'node_state_changed' && /^main: node3: /.test(e.message)));

  clock.advance(1_000);
  await ingest({ states: fixtureStates('split-brain-same-uuid-t2.json', { pollSeq: 3, observedAt: clock.now(), changed: false }) });
  const split = await clusterOf(agent);
  assert.equal(split.health, 'split_brain');
  assert.equal(split.healthSince.getTime(), clock.now());
  const detected = (await eventsOf(agent)).find((e) => e.type === 'split_brain_detected');
  assert.ok(detected, 'recorded the moment it is confirmed');
  assert.equal(detected.severity, 'critical');
  assert.match(detected.message, /node3 \(127\.0\.0\.13:33063\) formed its own Primary component/);
  assert.match(JSON.stringify(split.assessment), /split_brain/);

  clock.advance(1_000);
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 4, observedAt: clock.now() }) });
  assert.equal((await clusterOf(agent)).health, 'healthy');
  const resolved = (await eventsOf(agent)).find((e) => e.type === 'split_brain_resolved');
  assert.ok(resolved);
  assert.match(resolved.message, /delete grastate\.dat/);
  const healthChanges = (await eventsOf(agent)).filter((e) => e.type === 'health_changed').map((e) => (e.data as { to: string }).to);
  assert.deepEqual(healthChanges, ['healthy', 'degraded', 'split_brain', 'healthy']);
});

test('an out-of-order re-send never rolls node state back (observedAt first: pollSeq restarts with the agent)', async () => {
  const { clock, agent, ingest } = await setup();
  const t0 = clock.now();
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 500, observedAt: t0 }) });
  // The agent restarted: pollSeq begins again, but the poll is newer.
  clock.advance(2_000);
  await ingest({ states: fixtureStates('node3-stopped.json', { pollSeq: 1, observedAt: clock.now(), only: ['node3'] }) });
  const id = await node3Id(agent);
  const stored = async () => (await db.db.select().from(nodeStatus).where(eq(nodeStatus.nodeId, id)))[0];
  assert.equal((await stored())?.pollSeq, 1);
  assert.equal((await stored())?.status.reachable, false);
  assert.equal((await clusterOf(agent)).health, 'degraded');
  const eventCount = (await eventsOf(agent)).length;

  // A batch from before the restart arrives late (never stored before: a new batch id).
  clock.advance(500);
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 501, observedAt: t0 + 1_000, only: ['node3'], changed: false }) });
  assert.equal((await stored())?.pollSeq, 1, 'the older poll did not replace the newer one');
  assert.equal((await stored())?.status.reachable, false);
  assert.equal((await clusterOf(agent)).health, 'degraded');
  assert.equal((await eventsOf(agent)).length, eventCount, 'nothing new happened');
});

test('samples are stored once, even when their batch is re-sent', async () => {
  const { clock, agent, ingest } = await setup();
  const first = await ingest({ samples: samples({ observedAt: clock.now() }) });
  assert.equal(first.samplesStored, 6);
  const again = await ingestBatch(directDeps(db.db, clock).deps, { orgId: agent.orgId, agentId: agent.agentId, receivedAt: clock.now(), batch: first.batch });
  assert.equal(again.duplicate, true);
  const rows = await db.db.select().from(metricSamples).where(eq(metricSamples.orgId, agent.orgId));
  assert.equal(rows.length, 6);
  assert.deepEqual(rows.filter((r) => r.name === 'queries_per_s').map((r) => r.value).sort(), [100.5, 101.5, 102.5]);
  const batches = await db.db.select().from(ingestedBatches).where(eq(ingestedBatches.orgId, agent.orgId));
  assert.equal(batches.length, 1);
});

test('a batch naming a node the hello did not announce loses nothing', async () => {
  const { clock, agent, ingest } = await setup();
  await ingest({ samples: samples({ observedAt: clock.now(), nodes: 4, cluster: 'other' }) });
  const other = await db.db.select().from(clusters).where(and(eq(clusters.orgId, agent.orgId), eq(clusters.name, 'other')));
  assert.equal(other[0]?.expectedSize, 4);
  const n = await db.db.select({ n: sql<number>`count(*)` }).from(nodes).where(and(eq(nodes.orgId, agent.orgId), eq(nodes.clusterId, other[0]!.id)));
  assert.equal(Number(n[0]?.n), 4);
  assert.equal((await db.db.select().from(metricSamples).where(eq(metricSamples.orgId, agent.orgId))).length, 8);
});

test('concurrent batches for one cluster are serialized: the assessment memory loses no update', async () => {
  const { clock, agent, ingest } = await setup();
  const t0 = clock.now();
  // 12 batches at once, each one poll of every node. Without the per-cluster lock several would
  // assess from the same "unknown" starting point and each record unknown → healthy.
  await Promise.all(Array.from({ length: 12 }, (_, i) => ingest({ states: fixtureStates('healthy-3.json', { pollSeq: i + 1, observedAt: t0 + i }) })));
  const changes = (await eventsOf(agent)).filter((e) => e.type === 'health_changed');
  assert.equal(changes.length, 1);
  const polls = await db.db.select({ pollSeq: nodeStatus.pollSeq }).from(nodeStatus).where(eq(nodeStatus.orgId, agent.orgId));
  assert.deepEqual(polls.map((p) => p.pollSeq), [12, 12, 12], 'every node keeps its newest poll');
});
