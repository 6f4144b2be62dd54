import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { schema } from '@quorum/cloud';
import { createTestDatabase, type TestDatabase } from '../../cloud/test/support/test-db';
import { Stack } from '../src/stack';
import { waitFor } from '../src/wait';

/**
 * The product end to end on a real 3-node MariaDB Galera cluster: a real agent process enrolled
 * through the API watches the lab; the control plane (local host) assesses the cluster. The
 * weekend story: a node stopped, then restarted with an empty gcomm:// — split brain, named.
 */
let db: TestDatabase;
let stack: Stack;

before(async () => {
  db = await createTestDatabase('e2e_skeleton');
  stack = await Stack.start({ databaseUrl: db.url, polling: { stateIntervalMs: 1000, sampleIntervalMs: 2000 } });
});

after(async () => {
  await stack?.stop();
  await db?.drop();
});

const storedBatches = async () => {
  const agentId = await agentIdOf();
  const [row] = await db.db
    .select({ n: sql<number>`count(*)` })
    .from(schema.ingestedBatches)
    .where(and(eq(schema.ingestedBatches.orgId, stack.credentials.orgId), eq(schema.ingestedBatches.agentId, agentId)));
  return Number(row?.n ?? 0);
};
const agentIdOf = async () => (await stack.api.get<{ agents: Array<{ id: string }> }>('/agents')).agents[0]!.id;

test('the cluster shows healthy with 3 Synced nodes', async () => {
  const cluster = await stack.waitForHealth('healthy', {
    timeoutMs: 60_000,
    check: (c) => c.nodes.length === 3 && c.nodes.every((n) => n.state === 'Synced' && n.clusterStatus === 'Primary' && n.fresh),
  });
  assert.equal(cluster.name, stack.lab.clusterName);
  assert.deepEqual(cluster.nodes.map((n) => n.name).sort(), ['node1', 'node2', 'node3']);
  const stateUuids = new Set(cluster.nodes.map((n) => n.clusterStateUuid));
  assert.equal(stateUuids.size, 1, 'one history');
  const agents = await stack.api.get<{ agents: Array<{ connected: boolean }> }>('/agents');
  assert.equal(agents.agents[0]?.connected, true);
});

test('restarting the control plane mid-run loses no batch', async () => {
  const before = await waitFor('some batches stored', async () => ((await storedBatches()) >= 3 ? storedBatches() : undefined));
  await stack.restartHost();
  // Samples go every 2 s: after the restart the agent reconnects and replays what it spooled.
  const afterRestart = await waitFor('batches stored after the restart', async () => {
    const n = await storedBatches();
    return n >= before + 3 ? n : undefined;
  }, { timeoutMs: 30_000 });
  assert.ok(afterRestart > before);
  await stack.waitForHealth('healthy', { timeoutMs: 30_000 });
  // Samples flow every 2 s; the first ones after a restart may still be in the agent's spool.
  const nodeId = (await stack.cluster()).nodes[0]!.id;
  const points = await waitFor('two connection samples of node1 served by the API', async () => {
    const metrics = await stack.api.get(`/nodes/${nodeId}/metrics?names=queries_per_s,connections&from=${Date.now() - 600_000}&to=${Date.now() + 60_000}`);
    const series = metrics.series.find((s: { name: string }) => s.name === 'connections');
    return series && series.points.length >= 2 ? series.points.length : undefined;
  }, { timeoutMs: 30_000 });
  assert.ok(points >= 2, 'metric samples are stored and served');
});

test('stopping node3 makes the cluster degraded with node3 unreachable', async () => {
  await stack.lab.stop('node3');
  const cluster = await stack.waitForHealth('degraded', {
    timeoutMs: 30_000,
    check: (c) => c.nodes.find((n) => n.name === 'node3')?.state === 'unreachable',
  });
  const codes = cluster.assessment.findings.map((f: any) => f.code);
  assert.ok(codes.includes('node_unreachable'), codes.join(','));
});

test('node3 restarted with an empty gcomm:// is a split brain that names node3', async () => {
  // Galera refuses to bootstrap a node that was not the last to leave; an operator "following the
  // advice" sets safe_to_bootstrap (GALERA.md §6). Then the Puppet change: an empty address.
  await waitFor('the survivors to drop node3', async () => {
    const statuses = await stack.lab.status();
    return statuses.filter((s) => s.status.clusterSize === 2).length === 2 ? true : undefined;
  }, { timeoutMs: 30_000 });
  await stack.lab.setSafeToBootstrap('node3', true);
  await stack.lab.start('node3', { args: ['--wsrep-cluster-address=gcomm://'] });
  assert.equal((await stack.lab.check()).verdict, 'split_brain', 'the lab oracle agrees it is a split');

  const cluster = await stack.waitForHealth('split_brain', { timeoutMs: 20_000 });
  const split = cluster.assessment.splitBrain;
  assert.equal(split.confirmed, true);
  assert.deepEqual(split.rogue.map((c: any) => c.nodeNames), [['node3']]);
  assert.deepEqual(split.majority.nodeNames, ['node1', 'node2']);
  assert.match(cluster.summary, /node3 .* formed its own Primary component/);
  assert.match(cluster.summary, /gcomm:\/\//);

  const { events } = await stack.api.get<{ events: Array<{ type: string; message: string }> }>(`/clusters/${cluster.id}/events?limit=200`);
  const types = events.map((e) => e.type);
  assert.ok(types.includes('split_brain_suspected'), types.join(','));
  const detected = events.find((e) => e.type === 'split_brain_detected');
  assert.ok(detected, 'the split brain is recorded on the timeline the moment it is seen');
  assert.match(detected.message, /node3/);
});

test('every batch the agent made is stored once, none dropped', async () => {
  const code = await stack.agent.stop();
  assert.equal(code, 0);
  const stopped = stack.agent.find('agent stopped');
  assert.ok(stopped, `the agent logs its counts when it stops: ${JSON.stringify(stack.agent.lines.slice(-3))}`);
  const stats = stopped as unknown as { batchesCreated: number; spooled: number; dropped: number; rejected: number };
  const stored = await storedBatches();
  assert.equal(stats.dropped, 0, 'no batch dropped from the spool');
  assert.equal(stats.rejected, 0, 'no batch refused by the cloud');
  assert.equal(stored + stats.spooled, stats.batchesCreated, `created ${stats.batchesCreated}, stored ${stored}, still spooled ${stats.spooled}`);
  assert.ok(stored > 10);
});
