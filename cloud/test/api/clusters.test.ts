import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clusters } from '../../src/db/schema/telemetry';
import { newId } from '../../src/ids';
import { call, enrollAgent, signup, type Owner } from './client';
import { seedCluster, setAgentConnected, type SeededCluster } from './seed';
import { createTestApp, TEST_CONFIG, type TestApp } from './support';

let t: TestApp;
let owner: Owner;
let agentId: string;
let split: SeededCluster;
let healthy: SeededCluster;
let degraded: SeededCluster;
let emptyId: string;

before(async () => {
  t = await createTestApp('clusters');
  owner = await signup(t, 'Galera Shop');
  agentId = (await enrollAgent(t, owner.cookie)).agentId;
  await setAgentConnected(t.db.db, agentId, true);
  const now = t.clock.now();
  const seed = (name: string, fixture: string) => seedCluster(t.db.db, { orgId: owner.orgId, agentId, name, fixture, now, samples: { from: now, every: 1, count: 0 } });
  healthy = await seed('a-healthy', 'healthy-3.json');
  split = await seed('z-split', 'split-brain-same-uuid.json');
  degraded = await seed('m-degraded', 'node3-stopped.json');
  emptyId = newId('clu', now);
  await t.db.db.insert(clusters).values({ id: emptyId, orgId: owner.orgId, name: 'b-empty', expectedSize: 3, healthSince: new Date(now) });
});
after(() => t.close());

const get = (path: string) => call(t, 'GET', path, { cookie: owner.cookie });

describe('GET /clusters', () => {
  test('worst health first, with counts and node summaries', async () => {
    const res = await get('/api/v1/clusters');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.clusters.map((c: { name: string; health: string }) => [c.name, c.health]),
      [['z-split', 'split_brain'], ['m-degraded', 'degraded'], ['b-empty', 'unknown'], ['a-healthy', 'healthy']],
    );
    const [s, d, e, h] = res.body.clusters;
    assert.deepEqual([s.nodeCount, s.syncedCount, s.primaryComponents], [3, 3, 2]);
    assert.deepEqual([d.nodeCount, d.syncedCount, d.primaryComponents], [3, 2, 1]);
    assert.deepEqual([e.nodeCount, e.syncedCount, e.primaryComponents, e.lastSeenAt, e.nodes], [0, 0, 0, null, []]);
    assert.equal(e.summary, 'No node has been reported yet.');
    assert.deepEqual([h.nodeCount, h.syncedCount, h.primaryComponents], [3, 3, 1]);
    assert.equal(h.lastSeenAt, t.clock.now() - 1000);
    assert.match(s.summary, /Split brain/);
    assert.deepEqual(Object.keys(s).sort(), ['alerts', 'expectedSize', 'health', 'healthSince', 'id', 'lastSeenAt', 'name', 'nodeCount', 'nodes', 'primaryComponents', 'summary', 'syncedCount'].sort());
    assert.deepEqual(s.nodes[2], {
      id: split.nodeIds[2],
      name: 'node3',
      address: '127.0.0.13:3306',
      state: 'Synced',
      clusterStatus: 'Primary',
      fresh: true,
      observedAt: t.clock.now() - 1000,
    });
    assert.equal(d.nodes.find((n: { name: string }) => n.name === 'node3').state, 'unreachable');
  });
});

describe('GET /clusters/{id}', () => {
  test('live Galera state of every node and the assessment naming the rogue Primary', async () => {
    const res = await get(`/api/v1/clusters/${split.clusterId}`);
    assert.equal(res.status, 200);
    const node3 = res.body.nodes.find((n: { name: string }) => n.name === 'node3');
    assert.equal(node3.clusterStatus, 'Primary');
    assert.equal(node3.clusterSize, 1);
    assert.equal(node3.clusterConfId, '1');
    assert.equal(node3.localStateComment, 'Synced');
    assert.equal(node3.ready, true);
    assert.equal(node3.fresh, true);
    assert.equal(node3.agentId, agentId);
    assert.ok(Array.isArray(node3.members) && node3.members.length === 1);
    assert.equal(typeof node3.clusterAddress, 'string');
    assert.equal(typeof node3.lastCommitted, 'number');
    const { assessment } = res.body;
    assert.equal(assessment.health, 'split_brain');
    assert.equal(assessment.splitBrain.confirmed, true);
    assert.deepEqual(assessment.splitBrain.rogue.flatMap((c: { nodeNames: string[] }) => c.nodeNames), ['node3']);
    assert.deepEqual(assessment.splitBrain.majority.nodeNames, ['node1', 'node2']);
    assert.ok(assessment.findings.some((f: { code: string }) => f.code === 'split_brain'));
    assert.equal(res.body.primaryComponents, 2);
  });

  test('an unreachable node reports its error and nulls', async () => {
    const res = await get(`/api/v1/clusters/${degraded.clusterId}`);
    const node3 = res.body.nodes.find((n: { name: string }) => n.name === 'node3');
    assert.equal(node3.reachable, false);
    assert.match(node3.error, /ERROR 2002/);
    assert.equal(node3.clusterStatus, null);
    assert.deepEqual(node3.incomingAddresses, []);
  });

  test('a cluster never assessed has a null assessment', async () => {
    const res = await get(`/api/v1/clusters/${emptyId}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.assessment, null);
    assert.deepEqual(res.body.nodes, []);
  });

  test('nodes are not fresh when their report is old or their agent is offline', async () => {
    t.clock.advance(TEST_CONFIG.agentOfflineAfterMs);
    const old = await get(`/api/v1/clusters/${healthy.clusterId}`);
    assert.ok(old.body.nodes.every((n: { fresh: boolean }) => !n.fresh));
    assert.equal(old.body.syncedCount, 0);
    t.clock.advance(-TEST_CONFIG.agentOfflineAfterMs);
    await setAgentConnected(t.db.db, agentId, false);
    const offline = await get(`/api/v1/clusters/${healthy.clusterId}`);
    assert.ok(offline.body.nodes.every((n: { fresh: boolean }) => !n.fresh));
    await setAgentConnected(t.db.db, agentId, true);
    assert.ok((await get(`/api/v1/clusters/${healthy.clusterId}`)).body.nodes.every((n: { fresh: boolean }) => n.fresh));
  });
});

describe('GET /clusters/{id}/events', () => {
  test('newest first, paginated without gaps or repeats', async () => {
    const first = await get(`/api/v1/clusters/${split.clusterId}/events?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.events.map((e: { message: string }) => e.message), ['event 4', 'event 3']);
    assert.equal(first.body.events[0].severity, 'critical');
    assert.deepEqual(first.body.events[0].data, { i: 4 });
    const second = await get(`/api/v1/clusters/${split.clusterId}/events?limit=2&before=${first.body.nextBefore}`);
    assert.deepEqual(second.body.events.map((e: { message: string }) => e.message), ['event 2', 'event 1']);
    const third = await get(`/api/v1/clusters/${split.clusterId}/events?limit=2&before=${second.body.nextBefore}`);
    assert.deepEqual(third.body.events.map((e: { message: string }) => e.message), ['event 0']);
    assert.equal(third.body.nextBefore, null);
    const all = await get(`/api/v1/clusters/${split.clusterId}/events`);
    assert.equal(all.body.events.length, 5);
    assert.ok(all.body.events.every((e: { occurredAt: number }, i: number, a: Array<{ occurredAt: number }>) => i === 0 || (a[i - 1] as { occurredAt: number }).occurredAt >= e.occurredAt));
  });

  test("another cluster's event is not a cursor here", async () => {
    const other = await get(`/api/v1/clusters/${healthy.clusterId}/events?limit=1`);
    const res = await get(`/api/v1/clusters/${split.clusterId}/events?before=${other.body.events[0].id}`);
    assert.equal(res.status, 400);
  });
});
