import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { batchSchema, unreachableStatus, type NodeConfigReport, type StateReport } from '@quorum/protocol';
import { and, asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { alertGroups, alerts, clusterEvents, clusters as clustersTable, commands, nodeConfigs, nodes as nodesTable, notificationChannels, notifications } from '../../src/db/schema/index';
import { upsertInventory } from '../../src/db/telemetry-store/inventory.store';
import { tenantScope } from '../../src/db/tenant-scope';
import { newId } from '../../src/ids';
import { runAlertSchedule } from '../../src/jobs/alerts.job';
import { ingestBatch } from '../../src/jobs/ingest.job';
import { detectOffline } from '../../src/jobs/offline.job';
import { fixtureStatuses } from '../support/galera-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { directDeps } from '../gateway/support/direct-deps';
import { batchMessage, fixtureStates, helloMessage } from '../gateway/support/messages';
import { createAgent } from '../gateway/support/tenants';

/**
 * The engine inside the jobs, on real MariaDB with a hand-moved clock: evaluated in the ingest's
 * transaction (fast path), by the scheduled alert clock, and by offline detection; notifications
 * land in the outbox once per channel and are handed to the notify queue after the commit.
 */
let db: TestDatabase;
before(async () => {
  db = await createTestDatabase('alerts_flow');
});
after(async () => {
  await db?.drop();
});

async function setup(opts: { nodes?: number; channels?: number } = {}) {
  const { deps, clock, queue } = directDeps(db.db);
  const agent = await createAgent(db.db, { connected: true, now: clock.now() });
  const scope = tenantScope(agent.orgId);
  await upsertInventory(db.db, scope, { agentId: agent.agentId, clusters: helloMessage({ nodes: opts.nodes ?? 3 }).clusters, now: clock.now() });
  for (let i = 0; i < (opts.channels ?? 2); i++) {
    await db.db.insert(notificationChannels).values({
      id: newId('chn', clock.now()),
      orgId: agent.orgId,
      name: `channel ${i}`,
      type: 'email',
      config: { to: [`c${i}@example.com`] },
      secrets: {},
      createdAt: new Date(clock.now()),
      updatedAt: new Date(clock.now()),
    });
  }
  const ingest = (input: { states?: StateReport[]; configs?: NodeConfigReport[] }) =>
    ingestBatch(deps, { orgId: agent.orgId, agentId: agent.agentId, receivedAt: clock.now(), batch: batchSchema.parse({ ...batchMessage({ states: input.states ?? [] }), configs: input.configs ?? [] }) });
  const alertsOf = () => db.db.select().from(alerts).where(eq(alerts.orgId, agent.orgId)).orderBy(asc(alerts.id));
  const outbox = () => db.db.select().from(notifications).where(eq(notifications.orgId, agent.orgId)).orderBy(asc(notifications.createdAt));
  return { deps, clock, queue, agent, scope, ingest, alertsOf, outbox };
}

test('the fast path: a split brain fires in the ingest transaction; one delivery per channel, handed to the notify queue after commit', async () => {
  const { clock, queue, ingest, alertsOf, outbox, agent } = await setup();
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: clock.now() }) });
  clock.advance(1000);
  await ingest({ states: fixtureStates('split-brain-same-uuid.json', { pollSeq: 2, observedAt: clock.now() }) });
  clock.advance(1000);
  const result = await ingest({ states: fixtureStates('split-brain-same-uuid-t2.json', { pollSeq: 3, observedAt: clock.now(), changed: false }) });
  assert.equal(result.notifications, 2);
  const split = (await alertsOf()).find((a) => a.rule === 'split_brain');
  assert.ok(split);
  assert.deepEqual([split.state, split.severity, split.notifiedState, split.activeKey], ['firing', 'critical', 'firing', split.fingerprint]);
  const rows = await outbox();
  assert.equal(rows.length, 2);
  assert.deepEqual(queue.of('notify').map((m) => m.notificationId).sort(), rows.map((r) => r.id).sort());
  const events = await db.db.select().from(clusterEvents).where(and(eq(clusterEvents.orgId, agent.orgId), eq(clusterEvents.type, 'alert_firing')));
  assert.ok(events.some((e) => /Split brain: node3/.test(e.message)), 'the alert is on the cluster timeline');

  // The same poll re-sent (a new batch id) changes nothing.
  await ingest({ states: fixtureStates('split-brain-same-uuid-t2.json', { pollSeq: 3, observedAt: clock.now(), changed: false }) });
  assert.equal((await outbox()).length, 2);
});

test('the configuration guard: an empty gcomm:// in an option file fires before anything restarts; a stale report never wins', async () => {
  const { clock, ingest, alertsOf, outbox, scope } = await setup();
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: clock.now() }) });
  const report = (address: string, observedAt: number): NodeConfigReport => ({
    cluster: 'main',
    node: 'node3',
    observedAt,
    configured: { files: [{ path: '/etc/mysql/my.cnf', readable: true, mtimeMs: observedAt }], settings: { wsrep_cluster_address: address } },
    running: { wsrep_cluster_address: 'gcomm://127.0.0.11,127.0.0.12,127.0.0.13', innodb_flush_log_at_trx_commit: '1' },
  });
  clock.advance(5000);
  const bad = clock.now();
  await ingest({ configs: [report('gcomm://', bad)] });
  const [guard] = (await alertsOf()).filter((a) => a.rule === 'config_cluster_address');
  assert.ok(guard, 'a config-only batch is evaluated too');
  assert.equal(guard.state, 'firing');
  assert.match(guard.summary, /node3 .*its option files \(\/etc\/mysql\/my\.cnf\) set wsrep_cluster_address=gcomm:\/\/ \(empty\) while node1 and node2 are alive/);
  assert.equal((await outbox()).length, 2);

  // An older report arriving late does not replace the newer one.
  await ingest({ configs: [report('gcomm://127.0.0.11,127.0.0.12', bad - 1000)] });
  const [stored] = await db.db.select().from(nodeConfigs).where(eq(nodeConfigs.orgId, scope.orgId));
  assert.equal((stored?.configured as { settings: { wsrep_cluster_address: string } }).settings.wsrep_cluster_address, 'gcomm://');

  clock.advance(5000);
  await ingest({ configs: [report('gcomm://127.0.0.11,127.0.0.12,127.0.0.13', clock.now())] });
  assert.deepEqual((await alertsOf()).filter((a) => a.rule === 'config_cluster_address').map((a) => a.state), ['resolved']);
});

test('the scheduled clock: a pending alert fires when its `for` elapses, and due deliveries are swept', async () => {
  const { deps, clock, queue, ingest, alertsOf, outbox, agent } = await setup();
  const mine = () => queue.of('notify').filter((m) => m.orgId === agent.orgId).length;
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: clock.now() }) });
  clock.advance(1000);
  await ingest({ states: fixtureStates('desynced.json', { pollSeq: 2, observedAt: clock.now() }) });
  assert.equal((await alertsOf()).find((a) => a.rule === 'node_not_synced')?.state, 'pending');
  const [group] = await db.db.select().from(alertGroups).where(eq(alertGroups.orgId, (await alertsOf())[0]!.orgId));
  assert.equal(group?.nextEvalAt?.getTime(), clock.now() + 30_000, 'due when the pending alert may fire');

  clock.advance(10_000);
  await runAlertSchedule(deps);
  assert.equal((await alertsOf()).find((a) => a.rule === 'node_not_synced')?.state, 'pending', 'not before its time');
  clock.advance(20_000);
  const run = await runAlertSchedule(deps);
  assert.ok(run.clustersEvaluated >= 1);
  assert.equal((await alertsOf()).find((a) => a.rule === 'node_not_synced')?.state, 'firing');
  assert.equal((await outbox()).length, 2);
  // Nobody delivered them (the test queue handles nothing): the next run sweeps them again.
  const before = mine();
  await runAlertSchedule(deps);
  assert.equal(mine(), before + 2);
});

test('offline detection: a silent agent raises agent_offline naming it and its nodes', async () => {
  const { deps, clock, ingest, alertsOf, agent } = await setup();
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: clock.now() }) });
  await db.db.execute(`update agents set connected = false, last_seen_at = from_unixtime(${clock.now() / 1000}) where id = '${agent.agentId}'` as never);
  clock.advance(deps.config.agentOfflineAfterMs + 1000);
  await detectOffline(deps);
  const offline = (await alertsOf()).find((a) => a.rule === 'agent_offline');
  assert.ok(offline);
  assert.equal(offline.state, 'firing');
  assert.match(offline.summary, /db-host-1 .* has not been heard from/);
});

test('a storm of 1,000 node alerts, two channels → one delivery per channel per group interval', async () => {
  const { clock, ingest, outbox, alertsOf } = await setup({ nodes: 1000, channels: 2 });
  const healthy = Object.values(fixtureStatuses('healthy-3.json'));
  const states = (down: number, pollSeq: number): StateReport[] =>
    Array.from({ length: 1000 }, (_, i) => ({
      cluster: 'main',
      node: `node${i + 1}`,
      pollSeq,
      observedAt: clock.now(),
      changed: true,
      status: i < 3 ? healthy[i]! : i < 3 + down ? unreachableStatus('connect ECONNREFUSED') : healthy[0]!,
    }));
  const send = async (reports: StateReport[]) => {
    for (let i = 0; i < reports.length; i += 500) await ingest({ states: reports.slice(i, i + 500) });
  };
  await send(states(0, 1));
  const start = clock.now();
  // Over two minutes, 997 nodes go away in five waves, 25 s apart.
  for (let wave = 1; wave <= 5; wave++) {
    clock.advance(25_000);
    await send(states(Math.ceil((997 * wave) / 5), wave + 1));
  }
  const unreachable = (await alertsOf()).filter((a) => a.rule === 'node_unreachable' && a.state === 'firing');
  assert.equal(unreachable.length, 997);
  const rows = await outbox();
  const byChannel = new Map<string, number[]>();
  for (const r of rows) byChannel.set(r.channelId, [...(byChannel.get(r.channelId) ?? []), r.createdAt.getTime() - start]);
  assert.equal(byChannel.size, 2);
  for (const [, times] of byChannel) {
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 60_000, `deliveries ${times.join(', ')} ms after the start`);
    assert.ok(times.length <= 3, `${times.length} deliveries in 2 minutes`);
  }
});

test('a node restarted by a Quorum operation is not an incident; the same loss without one is', async () => {
  const { clock, ingest, alertsOf, agent, scope } = await setup();
  await ingest({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: clock.now() }) });
  const [cluster] = await db.db.select().from(clustersTable).where(eq(clustersTable.orgId, scope.orgId));
  const [node3] = await db.db.select().from(nodesTable).where(and(eq(nodesTable.orgId, scope.orgId), eq(nodesTable.name, 'node3')));
  assert.ok(cluster && node3);
  // A restart-node command that the agent is running on node3.
  await db.db.insert(commands).values({
    id: randomUUID(),
    orgId: scope.orgId,
    clusterId: cluster.id,
    nodeId: node3.id,
    agentId: agent.agentId,
    action: 'restart-node',
    params: {},
    state: 'running',
    issuedBy: 'usr_test',
    createdAt: new Date(clock.now()),
    expiresAt: new Date(clock.now() + 300_000),
  });
  clock.advance(1000);
  await ingest({ states: fixtureStates('node3-stopped.json', { pollSeq: 2, observedAt: clock.now() }) });
  assert.ok(!(await alertsOf()).some((a) => a.rule === 'node_unreachable'), 'node3 is being restarted by Quorum');
  assert.ok((await alertsOf()).some((a) => a.rule === 'size_below_expected'), 'cluster-level rules still watch');

  // The operation ended more than a minute ago: the same state is an incident again.
  await db.db.update(commands).set({ state: 'succeeded', finishedAt: new Date(clock.now()) }).where(eq(commands.orgId, scope.orgId));
  clock.advance(61_000);
  await ingest({ states: fixtureStates('node3-stopped.json', { pollSeq: 3, observedAt: clock.now() }) });
  assert.ok((await alertsOf()).some((a) => a.rule === 'node_unreachable' && a.nodeId === node3.id));
});
