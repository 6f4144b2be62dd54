import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { NodeStatus } from '@quorum/protocol';
import { deliverCommands } from '../../cloud/src/commands/deliver-commands';
import { issueCommand } from '../../cloud/src/commands/issue-command';
import { inTransaction } from '../../cloud/src/db/telemetry-store/executor';
import { tenantScope } from '../../cloud/src/db/tenant-scope';
import { createTestDatabase, type TestDatabase } from '../../cloud/test/support/test-db';
import { ApiError } from '../src/api-client';
import { Stack, type ClusterView } from '../src/stack';
import { waitFor } from '../src/wait';

/**
 * Signed commands end to end on a REAL 3-node Galera lab, run by the real agent process through
 * the lab CLI (exec control): the agent's safety guard refusing a bootstrap that the cloud itself
 * signed while a Primary exists; a rolling restart that keeps a Primary with quorum all along; and
 * the full-outage recovery of GALERA.md §7 — kill -9 everything, plan, bootstrap — with the same
 * state UUID and every committed row. One stack for the file, in that order.
 */
let db: TestDatabase;
let stack: Stack;
let cluster: ClusterView;
const log = (line: string) => process.env.E2E_LOG && process.stderr.write(`[e2e] ${line}\n`);

before(async () => {
  db = await createTestDatabase('e2e_commands');
  stack = await Stack.start({ databaseUrl: db.url, polling: { stateIntervalMs: 1000, sampleIntervalMs: 2000 }, log });
  cluster = await stack.waitForHealth('healthy', {
    timeoutMs: 90_000,
    check: (c) => c.nodes.length === 3 && c.nodes.every((n) => n.state === 'Synced' && n.fresh),
  });
  await stack.lab.sql('node1', 'CREATE DATABASE IF NOT EXISTS e2e; CREATE TABLE IF NOT EXISTS e2e.t (id INT PRIMARY KEY, note VARCHAR(64))');
});

after(async () => {
  await stack?.stop();
  await db?.drop();
});

interface Operation {
  id: string;
  state: string;
  action: string;
  error: { code: string; message: string } | null;
  refusal: { code: string; message: string; evidence?: unknown } | null;
  steps: Array<{ nodeName: string; outcome: string }> | null;
  result: unknown;
  waitingFor: string | null;
}
const TERMINAL = ['succeeded', 'failed', 'rejected', 'expired', 'cancelled'];
const operation = (id: string) => stack.api.get<Operation>(`/operations/${id}`);
const finished = (id: string, timeoutMs: number) => {
  let last: Operation | undefined;
  return waitFor(`operation ${id} to finish`, async () => {
    last = await operation(id);
    return TERMINAL.includes(last.state) ? last : undefined;
  }, { timeoutMs, intervalMs: 500, describe: () => JSON.stringify(last) });
};
const nodeId = (name: string) => cluster.nodes.find((n) => n.name === name)!.id;
const statusOf = (all: Array<{ node: string; status: NodeStatus }>, name: string) => all.find((s) => s.node === name)!.status;
const rowCount = async (node: string) => Number((await stack.lab.sql(node, 'SELECT COUNT(*) AS n FROM e2e.t'))[0]?.n);
const insertRows = (node: string, from: number, to: number) =>
  stack.lab.sql(node, `INSERT INTO e2e.t VALUES ${Array.from({ length: to - from + 1 }, (_, i) => `(${from + i}, 'row ${from + i} via ${node}')`).join(',')}`);

test('a bootstrap-cluster signed by the cloud while a Primary exists is refused by the agent; no node is touched', async () => {
  const before = await stack.lab.status();
  const uuid = statusOf(before, 'node1').clusterStateUuid!;
  const params = {
    bootstrapNodeId: nodeId('node1'),
    expectedStateUuid: uuid,
    positions: cluster.nodes.map((n) => ({ nodeId: n.id, uuid, seqno: statusOf(before, n.name).lastCommitted ?? 0 })),
  };
  // The cloud's own check refuses it first …
  await assert.rejects(stack.api.post(`/clusters/${cluster.id}/operations`, { action: 'bootstrap-cluster', params }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 409);
    assert.equal((e.body as any).error.details.refusal.code, 'primary_exists');
    return true;
  });
  // … so bypass it: sign an envelope with the control plane's own key, through the command table and the agent channel.
  const deps = stack.host.deps;
  const scope = tenantScope(stack.credentials.orgId);
  const [agent] = (await stack.api.get<{ agents: Array<{ id: string }> }>('/agents')).agents;
  const row = await inTransaction(deps.db, (tx) =>
    issueCommand(tx, deps, scope, {
      id: randomUUID(),
      clusterId: cluster.id,
      nodeId: null,
      agentId: agent!.id,
      action: 'bootstrap-cluster',
      params,
      issuedBy: 'system:e2e-bypass',
      issuerUserId: null,
      actor: { kind: 'system', id: 'system:e2e-bypass' },
      requestId: null,
      parentId: null,
      awaitApproval: false,
      now: Date.now(),
    }),
  );
  assert.equal(await deliverCommands(deps, scope, [row]), 1, 'handed to the agent’s connection');
  const op = await finished(row.id, 60_000);
  assert.equal(op.state, 'rejected', JSON.stringify(op));
  assert.equal(op.refusal?.code, 'primary_exists');
  const after = await stack.lab.status();
  for (const name of ['node1', 'node2', 'node3']) {
    const [b, a] = [before.find((s) => s.node === name)!, after.find((s) => s.node === name)!];
    assert.equal(a.pid, b.pid, `${name} was not restarted`);
    assert.equal(a.status.localStateComment, 'Synced');
    assert.equal(a.status.clusterConfId, b.status.clusterConfId, `${name}: no membership change`);
    assert.equal(a.status.clusterStateUuid, uuid);
  }
});

test('a rolling restart restarts every node, one at a time, with a Primary holding quorum throughout', async () => {
  await insertRows('node1', 1, 20);
  const before = await stack.lab.status();
  // Sample the real cluster every ~250 ms while it runs.
  const samples: Array<{ at: number; primary: string[]; down: string[] }> = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const all = await stack.lab.status();
      samples.push({
        at: Date.now(),
        primary: all.filter((s) => s.status.reachable && s.status.clusterStatus === 'Primary').map((s) => s.node),
        down: all.filter((s) => !s.status.reachable).map((s) => s.node),
      });
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const began = Date.now();
  let op: Operation;
  try {
    const started = await stack.api.post<Operation>(`/clusters/${cluster.id}/operations`, { action: 'rolling-restart' });
    assert.equal(started.state, 'running');
    op = await finished(started.id, 6 * 60_000);
  } finally {
    sampling = false;
    await sampler;
  }
  log(`rolling restart took ${((Date.now() - began) / 1000).toFixed(1)} s, ${samples.length} samples`);
  assert.equal(op.state, 'succeeded', JSON.stringify(op));
  assert.deepEqual(op.steps?.map((s) => [s.nodeName, s.outcome]), [['node1', 'done'], ['node2', 'done'], ['node3', 'done']]);
  const after = await stack.lab.status();
  for (const name of ['node1', 'node2', 'node3']) {
    assert.notEqual(after.find((s) => s.node === name)!.pid, before.find((s) => s.node === name)!.pid, `${name} was restarted`);
  }
  // Quorum all along: at every sample a Primary component held at least 2 of the 3 nodes.
  assert.ok(samples.length >= 20, `${samples.length} samples`);
  const lost = samples.filter((s) => s.primary.length < 2);
  assert.deepEqual(lost, [], 'a sample without a Primary holding quorum');
  // …and never two nodes down at once, while each node was seen down at some point.
  assert.ok(samples.every((s) => s.down.length <= 1), 'one node at a time');
  for (const name of ['node1', 'node2', 'node3']) assert.ok(samples.some((s) => s.down.includes(name)), `${name} was seen down`);
  await stack.waitForHealth('healthy', { timeoutMs: 60_000, check: (c) => c.nodes.every((n) => n.state === 'Synced' && n.fresh) });
  for (const name of ['node1', 'node2', 'node3']) assert.equal(await rowCount(name), 20);
});

test('kill -9 of all three nodes: the plan picks the most advanced node; the bootstrap brings back 3 Synced nodes, same UUID, every row', async () => {
  const uuid = statusOf(await stack.lab.status(), 'node1').clusterStateUuid!;
  await insertRows('node1', 21, 40);
  // node1 dies first; the others commit more, then die together: node1 is behind.
  await stack.lab.kill('node1');
  await waitFor('the survivors to drop node1', async () => {
    const all = await stack.lab.status();
    return ['node2', 'node3'].every((n) => statusOf(all, n).clusterSize === 2 && statusOf(all, n).clusterStatus === 'Primary') ? true : undefined;
  }, { timeoutMs: 30_000 });
  await insertRows('node2', 41, 60);
  await Promise.all([stack.lab.kill('node2'), stack.lab.kill('node3')]);
  await stack.waitForHealth('no_primary', { timeoutMs: 60_000, check: (c) => c.nodes.every((n) => n.state === 'unreachable') });

  const began = Date.now();
  const created = await stack.api.post<any>(`/clusters/${cluster.id}/bootstrap-plan`);
  assert.equal(created.state, 'gathering');
  let plan: any;
  await waitFor('the plan to be decided', async () => {
    plan = await stack.api.get(`/bootstrap-plans/${created.id}`);
    return plan.state !== 'gathering' ? plan : undefined;
  }, { timeoutMs: 4 * 60_000, intervalMs: 500, describe: () => JSON.stringify(plan?.evidence) });
  log(`plan decided in ${((Date.now() - began) / 1000).toFixed(1)} s: ${plan.decision.reason}`);
  assert.equal(plan.state, 'ready', JSON.stringify(plan.decision));
  const seqno = (name: string) => plan.evidence.find((e: any) => e.nodeName === name).seqno as number;
  assert.ok(plan.evidence.every((e: any) => e.uuid === uuid && e.running === false && e.source !== null), JSON.stringify(plan.evidence));
  assert.ok(seqno('node1') < seqno('node2'), 'node1 died first: it is behind');
  assert.notEqual(plan.decision.chosenNodeName, 'node1');
  assert.equal(seqno(plan.decision.chosenNodeName), Math.max(seqno('node1'), seqno('node2'), seqno('node3')), 'the most advanced node');
  assert.equal(plan.confirm.body.params.expectedStateUuid, uuid);

  const op = await stack.api.post<Operation>(plan.confirm.path.replace('/api/v1', ''), plan.confirm.body);
  const done = await finished(op.id, 6 * 60_000);
  log(`bootstrap finished ${((Date.now() - began) / 1000).toFixed(1)} s after the plan was asked for`);
  assert.equal(done.state, 'succeeded', JSON.stringify(done));
  await stack.waitForHealth('healthy', { timeoutMs: 90_000, check: (c) => c.nodes.every((n) => n.state === 'Synced' && n.fresh) });
  const all = await stack.lab.status();
  for (const name of ['node1', 'node2', 'node3']) {
    const s = statusOf(all, name);
    assert.equal(s.localStateComment, 'Synced', name);
    assert.equal(s.clusterSize, 3, name);
    assert.equal(s.clusterStateUuid, uuid, `${name}: the same history (state UUID), not a new cluster`);
    assert.equal(await rowCount(name), 60, `${name}: no committed row lost`);
  }
});
