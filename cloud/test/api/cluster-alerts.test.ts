import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { alerts } from '../../src/db/schema/alerts';
import { newId } from '../../src/ids';
import { call, enrollAgent, signup, type Owner } from './client';
import { seedCluster, setAgentConnected, type SeededCluster } from './seed';
import { evaluateCluster } from './seed-alerting';
import { createTestApp, type TestApp } from './support';

/**
 * Active alert counts on the clusters list and the cluster page (what the overview tile and the
 * cluster header show without a request per cluster), the alerts list's severity filter, and
 * tenant isolation: another organization's alerts are never counted — not even a row that names
 * this organization's cluster id.
 */
let t: TestApp;
let owner: Owner;
let other: Owner;
let split: SeededCluster;
let healthy: SeededCluster;
let quiet: SeededCluster;
let otherCluster: SeededCluster;

type Severity = 'critical' | 'warning' | 'info';

/** An alert row as the engine writes it (state, acknowledgement), for counts the engine would take minutes to reach. */
async function insertAlert(opts: { orgId: string; clusterId: string; state: 'pending' | 'firing' | 'resolved'; severity: Severity; acked?: boolean; rule?: string }) {
  const now = t.clock.now();
  const id = newId('alr', now);
  const fingerprint = `${opts.rule ?? 'node_not_synced'}:${opts.clusterId}:${id}`;
  await t.db.db.insert(alerts).values({
    id,
    orgId: opts.orgId,
    clusterId: opts.clusterId,
    nodeId: null,
    rule: opts.rule ?? 'node_not_synced',
    fingerprint,
    activeKey: opts.state === 'resolved' ? null : fingerprint,
    state: opts.state,
    severity: opts.severity,
    summary: `seeded ${opts.state} ${opts.severity}`,
    details: { nodeNames: [] },
    startedAt: new Date(now - 60_000),
    firedAt: opts.state === 'pending' ? null : new Date(now - 30_000),
    resolvedAt: opts.state === 'resolved' ? new Date(now) : null,
    acknowledgedAt: opts.acked ? new Date(now - 10_000) : null,
    acknowledgedBy: opts.acked ? owner.userId : null,
    updatedAt: new Date(now),
  });
  return id;
}

before(async () => {
  t = await createTestApp('cluster_alerts');
  owner = await signup(t, 'Counted');
  other = await signup(t, 'Elsewhere');
  const now = t.clock.now();
  const agent = (await enrollAgent(t, owner.cookie)).agentId;
  const otherAgent = (await enrollAgent(t, other.cookie, 'elsewhere-host')).agentId;
  await setAgentConnected(t.db.db, agent, true);
  await setAgentConnected(t.db.db, otherAgent, true);
  const seed = (orgId: string, agentId: string, name: string, fixture: string) => seedCluster(t.db.db, { orgId, agentId, name, fixture, now });
  split = await seed(owner.orgId, agent, 'shop-prod', 'split-brain-same-uuid.json');
  healthy = await seed(owner.orgId, agent, 'billing', 'healthy-3.json');
  quiet = await seed(owner.orgId, agent, 'reports', 'healthy-3.json');
  otherCluster = await seed(other.orgId, otherAgent, 'elsewhere', 'split-brain-same-uuid.json');
  // The real engine on both split brains (the second evaluation confirms it).
  for (const [orgId, clusterId] of [[owner.orgId, split.clusterId], [other.orgId, otherCluster.clusterId]] as const) {
    await evaluateCluster(t, orgId, clusterId);
    await evaluateCluster(t, orgId, clusterId, { bumpPolls: true });
  }
  // billing: one of each kind the counts tell apart; resolved alerts are history, not counted.
  await insertAlert({ orgId: owner.orgId, clusterId: healthy.clusterId, state: 'firing', severity: 'warning' });
  await insertAlert({ orgId: owner.orgId, clusterId: healthy.clusterId, state: 'firing', severity: 'info', acked: true });
  await insertAlert({ orgId: owner.orgId, clusterId: healthy.clusterId, state: 'pending', severity: 'critical' });
  await insertAlert({ orgId: owner.orgId, clusterId: healthy.clusterId, state: 'resolved', severity: 'critical' });
  // Another organization's rows, one of them naming this organization's cluster id (a forged or
  // colliding id): neither may count here.
  await insertAlert({ orgId: other.orgId, clusterId: healthy.clusterId, state: 'firing', severity: 'critical' });
  await insertAlert({ orgId: other.orgId, clusterId: quiet.clusterId, state: 'firing', severity: 'critical' });
  await insertAlert({ orgId: other.orgId, clusterId: otherCluster.clusterId, state: 'firing', severity: 'warning' });
});
after(() => t.close());

const get = (who: Owner, path: string) => call(t, 'GET', path, { cookie: who.cookie });
const none = { firing: 0, acknowledged: 0, pending: 0, bySeverity: { critical: 0, warning: 0, info: 0 } };

/** The same counts, worked out from the alerts list. */
async function countedFromList(who: Owner, clusterId: string) {
  const res = await get(who, `/api/v1/alerts?state=active&clusterId=${clusterId}&limit=200`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const list = res.body.alerts as Array<{ state: string; severity: Severity }>;
  const bySeverity = { critical: 0, warning: 0, info: 0 };
  for (const a of list) if (a.state !== 'pending') bySeverity[a.severity] += 1;
  return {
    firing: list.filter((a) => a.state === 'firing').length,
    acknowledged: list.filter((a) => a.state === 'acknowledged').length,
    pending: list.filter((a) => a.state === 'pending').length,
    bySeverity,
  };
}

describe('active alert counts', () => {
  test('GET /clusters: each cluster carries its own counts, from one request', async () => {
    const res = await get(owner, '/api/v1/clusters');
    assert.equal(res.status, 200);
    const byName = new Map<string, any>(res.body.clusters.map((c: any) => [c.name, c]));
    assert.deepEqual([...byName.keys()].sort(), ['billing', 'reports', 'shop-prod']);
    assert.deepEqual(byName.get('billing').alerts, { firing: 1, acknowledged: 1, pending: 1, bySeverity: { critical: 0, warning: 1, info: 1 } });
    assert.deepEqual(byName.get('reports').alerts, none, 'another organization’s alert on this cluster id is not counted');
    const shop = byName.get('shop-prod').alerts;
    assert.ok(shop.bySeverity.critical >= 1 && shop.firing >= 1, `the split brain is counted: ${JSON.stringify(shop)}`);
    assert.deepEqual(shop, await countedFromList(owner, split.clusterId), 'the counts agree with the alerts list');
  });

  test('GET /clusters/{id}: the same counts on the cluster page', async () => {
    for (const c of [split, healthy, quiet]) {
      const res = await get(owner, `/api/v1/clusters/${c.clusterId}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.alerts, await countedFromList(owner, c.clusterId));
    }
    assert.deepEqual((await get(owner, `/api/v1/clusters/${quiet.clusterId}`)).body.alerts, none);
  });

  test('acknowledging moves an alert from firing to acknowledged; resolving takes it out', async () => {
    const before = (await get(owner, `/api/v1/clusters/${split.clusterId}`)).body.alerts;
    const splitAlert = (await get(owner, `/api/v1/alerts?clusterId=${split.clusterId}&state=firing`)).body.alerts.find((a: any) => a.rule === 'split_brain');
    assert.ok(splitAlert);
    const acked = await call(t, 'POST', `/api/v1/alerts/${splitAlert.id}/ack`, { cookie: owner.cookie, body: {} });
    assert.equal(acked.status, 200, JSON.stringify(acked.body));
    const afterAck = (await get(owner, `/api/v1/clusters/${split.clusterId}`)).body.alerts;
    assert.deepEqual([afterAck.firing, afterAck.acknowledged], [before.firing - 1, before.acknowledged + 1]);
    assert.deepEqual(afterAck.bySeverity, before.bySeverity, 'an acknowledged alert still fires');
  });

  test('the other organization sees only its own cluster and its own counts', async () => {
    const res = await get(other, '/api/v1/clusters');
    assert.deepEqual(res.body.clusters.map((c: any) => c.name), ['elsewhere']);
    const counts = res.body.clusters[0].alerts;
    assert.deepEqual(counts, await countedFromList(other, otherCluster.clusterId));
    assert.ok(counts.bySeverity.warning >= 1, 'its own seeded warning is counted');
    // Its forged rows name clusters it does not own: not listed, not counted anywhere it can see.
    const theirs = (await get(other, '/api/v1/alerts?state=all&limit=200')).body.alerts as Array<{ clusterId: string; clusterName: string | null }>;
    assert.ok(theirs.filter((a) => a.clusterId === healthy.clusterId).every((a) => a.clusterName === null), 'the join never names another org’s cluster');
    assert.equal((await get(other, `/api/v1/clusters/${healthy.clusterId}`)).status, 404);
  });
});

describe('GET /alerts?severity=', () => {
  test('filters by severity, together with state and cluster', async () => {
    const all = (await get(owner, '/api/v1/alerts?state=all&limit=200')).body.alerts as Array<{ id: string; severity: Severity; state: string; clusterId: string }>;
    for (const severity of ['critical', 'warning', 'info'] as const) {
      const res = await get(owner, `/api/v1/alerts?state=all&severity=${severity}&limit=200`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.alerts.map((a: any) => a.id), all.filter((a) => a.severity === severity).map((a) => a.id));
    }
    const billingCritical = await get(owner, `/api/v1/alerts?state=active&severity=critical&clusterId=${healthy.clusterId}`);
    assert.deepEqual(billingCritical.body.alerts.map((a: any) => [a.state, a.severity]), [['pending', 'critical']]);
    const bad = await get(owner, '/api/v1/alerts?severity=urgent');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /severity: /);
  });
});
