import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_POINTS } from '../../src/routes/nodes/metrics-query';
import { call, signup, type Owner } from './client';
import { seedCluster } from './seed';
import { createTestApp, type TestApp } from './support';

const EVERY = 10_000;
let t: TestApp;
let owner: Owner;
let hourNode: string;
let longNode: string;
let start: number;

before(async () => {
  t = await createTestApp('metrics');
  owner = await signup(t, 'Metrics');
  const now = t.clock.now();
  start = now - 3_600_000;
  // 360 samples over the last hour; a second cluster with 5,000 (about 14 hours) to downsample.
  hourNode = (await seedCluster(t.db.db, { orgId: owner.orgId, agentId: 'agt_X', name: 'hour', fixture: 'healthy-3.json', now })).nodeIds[0] as string;
  longNode = (
    await seedCluster(t.db.db, {
      orgId: owner.orgId,
      agentId: 'agt_X',
      name: 'long',
      fixture: 'healthy-3.json',
      now,
      samples: { from: now - 5000 * EVERY, every: EVERY, count: 5000 },
    })
  ).nodeIds[0] as string;
});
after(() => t.close());

const metrics = (node: string, query: string) => call(t, 'GET', `/api/v1/nodes/${node}/metrics?${query}`, { cookie: owner.cookie });

test('returns the samples in range, ordered, one series per name in the order asked', async () => {
  const res = await metrics(hourNode, `names=recv_queue,queries_per_s&from=${start}&to=${start + 3_600_000}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.nodeId, hourNode);
  assert.equal(res.body.step, null);
  assert.deepEqual(res.body.series.map((s: { name: string }) => s.name), ['recv_queue', 'queries_per_s']);
  const qps = res.body.series[1].points as Array<[number, number]>;
  assert.equal(qps.length, 360);
  assert.deepEqual(qps[0], [start, 0]);
  assert.deepEqual(qps[359], [start + 359 * EVERY, 359]);
  assert.ok(qps.every((p, i) => i === 0 || (qps[i - 1] as [number, number])[0] < p[0]), 'ascending');
  assert.deepEqual(res.body.series[0].points.slice(0, 4), [[start, 0], [start + EVERY, 1], [start + 2 * EVERY, 2], [start + 3 * EVERY, 0]]);
});

test('from is inclusive, to exclusive', async () => {
  const res = await metrics(hourNode, `names=queries_per_s&from=${start + 100_000}&to=${start + 200_000}`);
  assert.deepEqual(res.body.series[0].points.map((p: [number, number]) => p[1]), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
});

test('an explicit step averages each bucket in SQL', async () => {
  const res = await metrics(hourNode, `names=queries_per_s&from=${start}&to=${start + 3_600_000}&step=60000`);
  assert.equal(res.body.step, 60_000);
  const points = res.body.series[0].points as Array<[number, number]>;
  assert.equal(points.length, 60);
  assert.deepEqual(points[0], [start, 2.5]); // mean of 0..5
  assert.deepEqual(points[59], [start + 59 * 60_000, 356.5]); // mean of 354..359
});

test(`a long range is downsampled to at most ${MAX_POINTS} points per series`, async () => {
  const from = t.clock.now() - 5000 * EVERY;
  const to = t.clock.now();
  const res = await metrics(longNode, `names=queries_per_s,recv_queue&from=${from}&to=${to}`);
  assert.equal(res.status, 200);
  const step = res.body.step as number;
  assert.equal(step, Math.ceil((to - from) / MAX_POINTS));
  for (const series of res.body.series as Array<{ points: Array<[number, number]> }>) {
    assert.ok(series.points.length <= MAX_POINTS && series.points.length > MAX_POINTS * 0.9, `${series.points.length} points`);
    assert.ok(series.points.every((p, i) => i === 0 || (series.points[i - 1] as [number, number])[0] < p[0]));
  }
  // Check one bucket against the raw values: sample k has value k at from + k·EVERY.
  const [ts, value] = res.body.series[0].points[10] as [number, number];
  const ks = Array.from({ length: 5000 }, (_, k) => k).filter((k) => from + k * EVERY >= ts && from + k * EVERY < ts + step);
  assert.equal(value, ks.reduce((a, b) => a + b, 0) / ks.length);
});

test('a step too fine for the range is raised to the cap', async () => {
  const from = t.clock.now() - 5000 * EVERY;
  const res = await metrics(longNode, `names=queries_per_s&from=${from}&to=${t.clock.now()}&step=1000`);
  assert.ok(res.body.series[0].points.length <= MAX_POINTS);
});

test('a range without samples gives empty series', async () => {
  const res = await metrics(hourNode, `names=queries_per_s,commits_per_s&from=${start - 86_400_000}&to=${start - 3_600_000}`);
  assert.deepEqual(res.body.series, [{ name: 'queries_per_s', points: [] }, { name: 'commits_per_s', points: [] }]);
});
