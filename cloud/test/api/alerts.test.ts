import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createGuardedHttpSender } from '../../src/adapters/notify/guarded-http-sender';
import { nodeStatus } from '../../src/db/schema/telemetry';
import { fixtureStatuses } from '../support/galera-fixtures';
import { deliverNotification } from '../../src/jobs/notify.job';
import { call, createApiToken, signup, type Owner } from './client';
import { seedCluster, setAgentConnected } from './seed';
import { evaluateCluster } from './seed-alerting';
import { createTestApp, recordingLogger, type TestApp } from './support';

/**
 * The alerting API: alerts from the real engine on a real captured split brain, acknowledgement,
 * silences and maintenance windows, rules and policy, channels (secrets masked, URLs checked
 * against SSRF), test-send and the delivery log; who may do what; and bad input.
 */
const SLACK_URL = 'https://hooks.slack.com/services/T0000/B0000/abcdefghSECRETxyz1234';
let t: TestApp;
let owner: Owner;
let clusterId: string;
let nodeIds: string[];
let viewer: string;
let operator: string;
const log = recordingLogger();

before(async () => {
  t = await createTestApp('alerts_api', { log });
  owner = await signup(t, 'Alerting');
  const agent = await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie: owner.cookie, body: {} });
  const enrolled = await call(t, 'POST', '/api/v1/agents/enroll', {
    body: { token: agent.body.token, publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=', hostname: 'db-agent', version: '1' },
  });
  await setAgentConnected(t.db.db, enrolled.body.agentId, true);
  ({ clusterId, nodeIds } = await seedCluster(t.db.db, { orgId: owner.orgId, agentId: enrolled.body.agentId, name: 'shop-prod', fixture: 'split-brain-same-uuid.json', now: t.clock.now() }));
  viewer = (await createApiToken(t, owner.cookie, 'viewer')).token;
  operator = (await createApiToken(t, owner.cookie, 'operator')).token;
});
after(() => t.close());

const as = (who: 'owner' | 'viewer' | 'operator') => (who === 'owner' ? { cookie: owner.cookie } : { token: who === 'viewer' ? viewer : operator });

function assertError(res: { status: number; body: any }, status: number, code: string, message?: RegExp) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.error.code, code);
  if (message) assert.match(res.body.error.message, message);
}

describe('channels', () => {
  test('email, Slack and webhook channels: secrets masked in every answer, a webhook secret shown once, never logged', async () => {
    const email = await call(t, 'POST', '/api/v1/notification-channels', { ...as('owner'), body: { type: 'email', name: 'On-call', to: ['oncall@example.com'] } });
    assert.equal(email.status, 201, JSON.stringify(email.body));
    assert.deepEqual([email.body.type, email.body.to, email.body.minSeverity, email.body.enabled], ['email', ['oncall@example.com'], 'warning', true]);
    const slack = await call(t, 'POST', '/api/v1/notification-channels', { ...as('owner'), body: { type: 'slack', name: '#db-oncall', url: SLACK_URL } });
    assert.equal(slack.status, 201, JSON.stringify(slack.body));
    assert.equal(slack.body.url, 'https://hooks.slack.com/…1234');
    const hook = await call(t, 'POST', '/api/v1/notification-channels', { ...as('owner'), body: { type: 'webhook', name: 'pager', url: 'https://pager.example.com/hook' } });
    assert.match(hook.body.signingSecret, /^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await call(t, 'GET', '/api/v1/notification-channels', as('viewer'));
    const text = JSON.stringify(list.body);
    assert.ok(!text.includes('SECRETxyz') && !text.includes(hook.body.signingSecret), text);
    assert.match(text, /"signingSecret":"whsec_…/);
    const one = await call(t, 'GET', `/api/v1/notification-channels/${slack.body.id}`, as('viewer'));
    assert.equal(one.body.url, 'https://hooks.slack.com/…1234');
    const rotated = await call(t, 'PATCH', `/api/v1/notification-channels/${hook.body.id}`, { ...as('owner'), body: { rotateSigningSecret: true } });
    assert.notEqual(rotated.body.signingSecret, hook.body.signingSecret);
    assert.match(rotated.body.signingSecret, /^whsec_[A-Za-z0-9_-]{43}$/);
    const logged = JSON.stringify(log.lines);
    assert.ok(!logged.includes('SECRETxyz') && !logged.includes(hook.body.signingSecret), 'secrets never reach the log');
  });

  test('URLs must resolve to public addresses (SSRF), checked after DNS resolution', async () => {
    const real = t.deps.httpSender;
    t.deps.httpSender = createGuardedHttpSender();
    try {
      for (const url of ['http://127.0.0.1:9000/hook', 'http://localhost/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://10.1.2.3/', 'http://0x7f000001/']) {
        const res = await call(t, 'POST', '/api/v1/notification-channels', { ...as('owner'), body: { type: 'webhook', name: 'x', url } });
        assertError(res, 400, 'validation_failed', /url: .*(private, loopback|address)/);
      }
      assertError(
        await call(t, 'POST', '/api/v1/notification-channels', { ...as('owner'), body: { type: 'slack', name: 'x', url: 'ftp://hooks.slack.com/x' } }),
        400,
        'validation_failed',
        /url: only http:\/\/ and https:\/\//,
      );
      const slack = (await call(t, 'GET', '/api/v1/notification-channels', as('owner'))).body.channels.find((c: any) => c.type === 'slack');
      assertError(
        await call(t, 'PATCH', `/api/v1/notification-channels/${slack.id}`, { ...as('owner'), body: { url: 'http://192.168.1.10/' } }),
        400,
        'validation_failed',
        /url: /,
      );
    } finally {
      t.deps.httpSender = real;
    }
  });

  test('test-send delivers one test message, logged as a delivery with its attempt', async () => {
    const email = (await call(t, 'GET', '/api/v1/notification-channels', as('owner'))).body.channels.find((c: any) => c.type === 'email');
    const before = t.mailer.sent.length;
    const res = await call(t, 'POST', `/api/v1/notification-channels/${email.id}/test`, { ...as('owner'), body: {} });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.delivered, true);
    assert.equal(t.mailer.sent.length, before + 1);
    assert.equal(t.mailer.sent.at(-1)!.subject, '[Quorum] Test notification');
    assert.equal(t.mailer.sent.at(-1)!.messageId, `<${res.body.deliveryId}@localhost>`);
    const delivery = await call(t, 'GET', `/api/v1/deliveries/${res.body.deliveryId}`, as('viewer'));
    assert.equal(delivery.body.state, 'delivered');
    assert.equal(delivery.body.kind, 'test');
    assert.deepEqual(delivery.body.attemptLog.map((a: any) => [a.attempt, a.outcome]), [[1, 'delivered']]);

    // A receiver answering 404 (a revoked Slack URL): reported, not retried.
    const slack = (await call(t, 'GET', '/api/v1/notification-channels', as('owner'))).body.channels.find((c: any) => c.type === 'slack');
    t.http.answer = { status: 404, bodySnippet: 'no_service' };
    const failed = await call(t, 'POST', `/api/v1/notification-channels/${slack.id}/test`, { ...as('owner'), body: {} });
    t.http.answer = { status: 200, bodySnippet: 'ok' };
    assert.deepEqual([failed.body.delivered, failed.body.statusCode, failed.body.error], [false, 404, 'HTTP 404: no_service']);
    assert.equal((await call(t, 'GET', `/api/v1/deliveries/${failed.body.deliveryId}`, as('owner'))).body.state, 'failed');
  });
});

describe('alerts', () => {
  test('the weekend split brain: a critical alert naming node3 and the empty gcomm://, one delivery per channel', async () => {
    await evaluateCluster(t, owner.orgId, clusterId);
    const deliveries = await evaluateCluster(t, owner.orgId, clusterId, { bumpPolls: true });
    const res = await call(t, 'GET', '/api/v1/alerts', as('viewer'));
    const split = res.body.alerts.find((a: any) => a.rule === 'split_brain');
    assert.ok(split, JSON.stringify(res.body));
    assert.deepEqual([split.state, split.severity, split.nodeNames, split.clusterName], ['firing', 'critical', ['node3'], 'shop-prod']);
    assert.match(split.cause, /empty wsrep_cluster_address \(gcomm:\/\/\)/);
    // email (warning+), slack (warning+), webhook (warning+): one delivery each.
    assert.equal(deliveries.length, 3);
    assert.equal(new Set(deliveries).size, 3);
    assert.deepEqual(t.queue.of('notify'), [], 'the API test host hands nothing to a queue by itself');
    const detail = await call(t, 'GET', `/api/v1/alerts/${split.id}`, as('viewer'));
    assert.deepEqual(detail.body.deliveries.map((d: any) => d.channelType).sort(), ['email', 'slack', 'webhook']);
    // Delivered by the notify consumer: the Slack message names the node and links the cluster page.
    for (const id of deliveries) await deliverNotification(t.deps, { orgId: owner.orgId, notificationId: id });
    const slackPost = t.http.posts.find((p) => p.url === SLACK_URL && p.headers['quorum-delivery-id'] !== undefined && p.body.includes('Split brain'));
    assert.ok(slackPost);
    assert.match(slackPost.body, /CRITICAL: Split brain on shop-prod \(node3\)/);
    assert.match(slackPost.body, new RegExp(`http://localhost:8080/clusters/${clusterId}`));
    const hookPost = t.http.posts.find((p) => p.url === 'https://pager.example.com/hook');
    assert.match(hookPost!.headers['quorum-signature']!, /^v1=[0-9a-f]{64}$/);
    assert.equal(t.mailer.sent.at(-1)!.subject, '[Quorum] CRITICAL: Split brain on shop-prod (node3)');
    const log = await call(t, 'GET', `/api/v1/deliveries?alertId=${split.id}`, as('viewer'));
    assert.deepEqual(log.body.deliveries.map((d: any) => d.state), ['delivered', 'delivered', 'delivered']);
    // Evaluating again decides nothing new: no second delivery.
    assert.deepEqual(await evaluateCluster(t, owner.orgId, clusterId, { bumpPolls: true }), []);
  });

  test('operators acknowledge (once; a resolved alert cannot be) and silence; viewers cannot', async () => {
    const split = (await call(t, 'GET', '/api/v1/alerts?state=firing', as('owner'))).body.alerts.find((a: any) => a.rule === 'split_brain');
    assertError(await call(t, 'POST', `/api/v1/alerts/${split.id}/ack`, { ...as('viewer'), body: {} }), 403, 'forbidden');
    const acked = await call(t, 'POST', `/api/v1/alerts/${split.id}/ack`, { ...as('operator'), body: {} });
    assert.equal(acked.status, 200, JSON.stringify(acked.body));
    assert.equal(acked.body.state, 'acknowledged');
    const again = await call(t, 'POST', `/api/v1/alerts/${split.id}/ack`, { ...as('owner'), body: {} });
    assert.equal(again.body.acknowledgedAt, acked.body.acknowledgedAt, 'the first acknowledgement stands');
    assert.equal((await call(t, 'GET', '/api/v1/alerts?state=acknowledged', as('viewer'))).body.alerts.length, 1);

    const silenced = await call(t, 'POST', `/api/v1/alerts/${split.id}/silence`, { ...as('operator'), body: { durationMinutes: 60, reason: 'resyncing node3', matching: 'cluster' } });
    assert.equal(silenced.status, 201, JSON.stringify(silenced.body));
    assert.deepEqual([silenced.body.clusterId, silenced.body.nodeId, silenced.body.rule, silenced.body.active], [clusterId, null, null, true]);
    assertError(await call(t, 'POST', `/api/v1/alerts/${split.id}/silence`, { ...as('viewer'), body: { durationMinutes: 60, reason: 'x' } }), 403, 'forbidden');
    assert.equal((await call(t, 'DELETE', `/api/v1/silences/${silenced.body.id}`, as('operator'))).status, 204);
    const current = await call(t, 'GET', '/api/v1/silences', as('viewer'));
    assert.ok(!current.body.silences.some((s: any) => s.id === silenced.body.id), 'an ended silence is not current');
    const all = await call(t, 'GET', '/api/v1/silences?include=all', as('viewer'));
    assert.equal(all.body.silences.find((s: any) => s.id === silenced.body.id).active, false);

    // node3 rejoins: the split brain resolves; acknowledging a resolved alert is a conflict.
    const healthy = Object.values(fixtureStatuses('healthy-3.json'));
    for (const [i, id] of nodeIds.entries()) {
      await t.db.db.update(nodeStatus).set({ status: healthy[i]!, pollSeq: 10 }).where(eq(nodeStatus.nodeId, id));
    }
    await evaluateCluster(t, owner.orgId, clusterId);
    assert.equal((await call(t, 'GET', `/api/v1/alerts/${split.id}`, as('viewer'))).body.state, 'resolved');
    assertError(await call(t, 'POST', `/api/v1/alerts/${split.id}/ack`, { ...as('owner'), body: {} }), 409, 'conflict', /only a firing alert/);

    const maintenance = await call(t, 'POST', '/api/v1/silences', { ...as('operator'), body: { kind: 'maintenance', clusterId, nodeId: nodeIds[0], durationMinutes: 120, reason: 'nightly backup' } });
    assert.equal(maintenance.status, 201, JSON.stringify(maintenance.body));
    assert.equal(maintenance.body.kind, 'maintenance');
  });

  test('rules: defaults, organization and cluster overrides, what applies; admins only', async () => {
    const rules = await call(t, 'GET', `/api/v1/alert-rules?clusterId=${clusterId}`, as('viewer'));
    assert.equal(rules.body.rules.length, 15);
    const split = rules.body.rules.find((r: any) => r.rule === 'split_brain');
    assert.deepEqual(split.defaults, { enabled: true, severity: 'critical', forSeconds: 0, keepFiringForSeconds: 0 });
    assertError(await call(t, 'PUT', '/api/v1/alert-rules/recv_queue_high', { ...as('operator'), body: { threshold: 10 } }), 403, 'forbidden');
    const org = await call(t, 'PUT', '/api/v1/alert-rules/recv_queue_high', { ...as('owner'), body: { threshold: 250, forSeconds: 120 } });
    assert.deepEqual(org.body.organization, { threshold: 250, forSeconds: 120 });
    const cluster = await call(t, 'PUT', '/api/v1/alert-rules/recv_queue_high', { ...as('owner'), body: { clusterId, threshold: 1000 } });
    assert.deepEqual(cluster.body.cluster, { threshold: 1000 });
    assert.deepEqual([cluster.body.effective.threshold, cluster.body.effective.forSeconds], [1000, 120]);
    assert.equal((await call(t, 'DELETE', `/api/v1/alert-rules/recv_queue_high?clusterId=${clusterId}`, as('owner'))).status, 204);
    const after = (await call(t, 'GET', `/api/v1/alert-rules?clusterId=${clusterId}`, as('viewer'))).body.rules.find((r: any) => r.rule === 'recv_queue_high');
    assert.deepEqual([after.cluster, after.effective.threshold], [null, 250]);
  });

  test('notification policy: defaults page at once; admins change it', async () => {
    assert.deepEqual((await call(t, 'GET', '/api/v1/notification-policy', as('viewer'))).body, { groupWaitSeconds: 0, groupIntervalSeconds: 60, repeatIntervalSeconds: 14_400 });
    assertError(await call(t, 'PUT', '/api/v1/notification-policy', { ...as('operator'), body: { groupWaitSeconds: 5 } }), 403, 'forbidden');
    const res = await call(t, 'PUT', '/api/v1/notification-policy', { ...as('owner'), body: { groupWaitSeconds: 5 } });
    assert.deepEqual(res.body, { groupWaitSeconds: 5, groupIntervalSeconds: 60, repeatIntervalSeconds: 14_400 });
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, unknown, RegExp]> = [
    ['POST', '/api/v1/notification-channels', { type: 'sms', name: 'x' }, /type: /],
    ['POST', '/api/v1/notification-channels', { type: 'email', name: 'x', to: ['not-an-address'] }, /to\.0: not an email address/],
    ['POST', '/api/v1/notification-channels', { type: 'email', name: 'x', to: [] }, /to: expected at least one recipient/],
    ['POST', '/api/v1/notification-channels', { type: 'slack', name: 'x' }, /url: required/],
    ['POST', '/api/v1/notification-channels', { type: 'slack', name: 'x', url: 'https://hooks.slack.com/x', to: ['a@b.co'] }, /to: unknown field/],
    ['POST', '/api/v1/notification-channels', { type: 'email', name: '', to: ['a@b.co'], minSeverity: 'urgent' }, /name: .*; minSeverity: /],
    ['PUT', '/api/v1/alert-rules/no_such_rule', { enabled: false }, /rule: /],
    ['PUT', '/api/v1/alert-rules/split_brain', { threshold: 3 }, /threshold: split_brain has no threshold/],
    ['PUT', '/api/v1/alert-rules/flow_control_paused', { threshold: 5 }, /threshold: flow_control_paused is a fraction/],
    ['PUT', '/api/v1/alert-rules/split_brain', {}, /give at least one setting/],
    ['PUT', '/api/v1/alert-rules/split_brain', { forSeconds: -1, severity: 'fatal' }, /severity: .*; forSeconds: /],
    ['PUT', '/api/v1/notification-policy', { groupWaitSeconds: 3600, repeatIntervalSeconds: 1 }, /groupWaitSeconds: .*; repeatIntervalSeconds: /],
    ['POST', '/api/v1/silences', { durationMinutes: 60, reason: 'x' }, /clusterId: name a cluster or a rule/],
    ['POST', '/api/v1/silences', { rule: 'split_brain', nodeId: 'nod_01ABC', durationMinutes: 60, reason: 'x' }, /clusterId: required with nodeId/],
    ['POST', '/api/v1/silences', { kind: 'maintenance', rule: 'node_not_synced', durationMinutes: 60, reason: 'x' }, /clusterId: a maintenance window is for a cluster/],
    ['POST', '/api/v1/silences', { rule: 'split_brain', durationMinutes: 0, reason: '' }, /durationMinutes: .*; reason: /],
    ['POST', '/api/v1/silences', { rule: 'split_brain', durationMinutes: 60, reason: 'x', startsAt: 1 }, /startsAt: must be between now and 30 days from now/],
  ];
  for (const [method, path, body, message] of cases) {
    test(`${method} ${path} ${JSON.stringify(body)}`, async () => {
      assertError(await call(t, method, path, { cookie: owner.cookie, body }), 400, 'validation_failed', message);
    });
  }

  test('queries and ids', async () => {
    assertError(await call(t, 'GET', '/api/v1/alerts?state=burning', as('owner')), 400, 'validation_failed', /state: /);
    assertError(await call(t, 'GET', '/api/v1/alerts?before=evt_01ABC', as('owner')), 400, 'validation_failed', /before: not an alert id/);
    assertError(await call(t, 'GET', '/api/v1/deliveries?limit=0&channelId=x', as('owner')), 400, 'validation_failed', /channelId: .*; limit: |limit: .*; channelId: /);
    assertError(await call(t, 'GET', '/api/v1/deliveries?before=dlv_0000000000000000000000000A', as('owner')), 400, 'validation_failed', /before: no such delivery/);
    assertError(await call(t, 'GET', '/api/v1/alerts/alr_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', as('owner')), 404, 'not_found');
    assertError(await call(t, 'POST', '/api/v1/silences', { ...as('owner'), body: { clusterId: 'clu_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', durationMinutes: 5, reason: 'x' } }), 404, 'not_found');
    assertError(await call(t, 'POST', '/api/v1/silences', { ...as('owner'), body: { clusterId, nodeId: 'nod_01JD3F5Q8Y2B7T0V9W4X6Z1A2C', durationMinutes: 5, reason: 'x' } }), 404, 'not_found');
    const email = (await call(t, 'GET', '/api/v1/notification-channels', as('owner'))).body.channels.find((c: any) => c.type === 'email');
    assertError(await call(t, 'PATCH', `/api/v1/notification-channels/${email.id}`, { ...as('owner'), body: { url: 'https://x.example' } }), 400, 'validation_failed', /url: only for slack and webhook channels/);
    assertError(await call(t, 'PATCH', `/api/v1/notification-channels/${email.id}`, { ...as('owner'), body: {} }), 400, 'validation_failed', /give at least one field/);
  });
});
