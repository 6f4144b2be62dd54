import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGuardedHttpSender } from '../../src/adapters/notify/guarded-http-sender';
import { createSmtpMailer } from '../../src/adapters/notify/smtp-mailer';
import { verifyWebhookSignature } from '../../src/core/notify/render-webhook';
import { RETRY_POLICY } from '../../src/core/notify/retry';
import { claimNotification, scanDueNotifications } from '../../src/db/alert-store/outbox.store';
import { tenantScope } from '../../src/db/tenant-scope';
import { deliverNotification } from '../../src/jobs/notify.job';
import { call, signup, type Owner } from '../api/client';
import { seedCluster, setAgentConnected } from '../api/seed';
import { evaluateCluster } from '../api/seed-alerting';
import { createTestApp, type TestApp } from '../api/support';
import { startHttpReceiver, startSmtpSink, type HttpReceiver, type SmtpSink } from '../support/receivers';

/**
 * Delivery against real receivers: an SMTP sink (smtp-server, with authentication, refusing the
 * first message with 451) and HTTP receivers that fail with 503 and 429 before succeeding, or
 * with 400 for good. Every notification is delivered exactly once by delivery id; retries back
 * off as the policy says (the clock is moved by hand); a 4xx is not retried.
 */
let t: TestApp;
let owner: Owner;
let sink: SmtpSink;
let slack: HttpReceiver;
let hook: HttpReceiver;
let broken: HttpReceiver;
let signingSecret: string;
let clusterId: string;

before(async () => {
  sink = await startSmtpSink({ failFirst: 1, auth: { user: 'quorum', pass: 'smtp-secret' } });
  slack = await startHttpReceiver({ script: [{ status: 503 }, { status: 502 }, { status: 429, headers: { 'retry-after': '30' } }] });
  hook = await startHttpReceiver({ script: [{ status: 500 }] });
  broken = await startHttpReceiver({ script: [{ status: 400, body: 'invalid_payload' }] });
  t = await createTestApp('delivery');
  t.deps.mailer = createSmtpMailer({ url: sink.url, from: 'Quorum <alerts@quorum.test>' });
  t.deps.httpSender = createGuardedHttpSender({ allowPrivateTargets: true });
  owner = await signup(t, 'Delivery');
  const token = await call(t, 'POST', '/api/v1/enrollment-tokens', { cookie: owner.cookie, body: {} });
  const agent = await call(t, 'POST', '/api/v1/agents/enroll', {
    body: { token: token.body.token, publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=', hostname: 'h', version: '1' },
  });
  await setAgentConnected(t.db.db, agent.body.agentId, true);
  ({ clusterId } = await seedCluster(t.db.db, { orgId: owner.orgId, agentId: agent.body.agentId, name: 'shop-prod', fixture: 'split-brain-same-uuid.json', now: t.clock.now() }));
  const create = async (body: unknown) => {
    const res = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  await create({ type: 'email', name: 'On-call email', to: ['oncall@example.com', 'lead@example.com'] });
  await create({ type: 'slack', name: '#db-oncall', url: `${slack.url}/services/T0/B0/xyz` });
  signingSecret = (await create({ type: 'webhook', name: 'pager', url: `${hook.url}/quorum` })).signingSecret;
  await create({ type: 'webhook', name: 'misconfigured', url: `${broken.url}/x` });
});

after(async () => {
  await t?.close();
  await Promise.all([sink?.close(), slack?.close(), hook?.close(), broken?.close()]);
});

/** The notify consumer and the sweep, with the clock moved to each due retry: until nothing is due. */
async function deliverAll(): Promise<number> {
  let attempts = 0;
  for (let round = 0; round < 50; round++) {
    const due = await scanDueNotifications(t.db.db, t.clock.now(), 100);
    for (const d of due) if (await deliverNotification(t.deps, { orgId: d.orgId, notificationId: d.id })) attempts += 1;
    const [next] = await t.db.pool.query<any[]>("select min(next_attempt_at) as at from notifications where state = 'pending'");
    const at = next[0]?.at as Date | null;
    if (!at) return attempts;
    t.clock.set(Math.max(t.clock.now(), at.getTime()));
  }
  throw new Error('deliveries never settled');
}

describe('delivery to real receivers', () => {
  let ids: string[];

  test('the split brain is decided once per channel; each delivery id is sent until accepted, then never again', async () => {
    await evaluateCluster(t, owner.orgId, clusterId);
    ids = await evaluateCluster(t, owner.orgId, clusterId, { bumpPolls: true });
    assert.equal(ids.length, 4, 'email, slack, webhook, misconfigured webhook');
    const start = t.clock.now();

    // Two consumers racing for the same delivery: one attempts it, the other finds it claimed.
    const message = { orgId: owner.orgId, notificationId: ids[0]! };
    const raced = await Promise.all([deliverNotification(t.deps, message), deliverNotification(t.deps, message)]);
    assert.equal(raced.filter((r) => r !== undefined).length, 1, 'exactly one of two racing consumers attempts it');
    await deliverAll();

    // Email: refused once with 451, then accepted — one accepted copy per Message-ID.
    const emailId = ids.find((id) => sink.received.some((m) => m.messageId === `<${id}@localhost>`))!;
    assert.ok(emailId);
    assert.deepEqual(sink.received.map((m) => m.answer), [451, 'accepted']);
    const mail = sink.accepted()[0]!;
    assert.equal(mail.subject, '[Quorum] CRITICAL: Split brain on shop-prod (node3)');
    assert.deepEqual(mail.to.sort(), ['lead@example.com', 'oncall@example.com']);
    assert.match(mail.raw, /X-Quorum-Delivery-Id: dlv_/i);

    // Slack: 503, 502, 429 (Retry-After 30 s), then 200 — after 1 s, 2 s and 30 s of backoff.
    assert.deepEqual(slack.requests.map((r) => r.status), [503, 502, 429, 200]);
    assert.equal(new Set(slack.requests.map((r) => r.headers['quorum-delivery-id'])).size, 1, 'every attempt carries the same delivery id');
    const slackBody = JSON.parse(slack.delivered()[0]!.body);
    assert.match(slackBody.text, /Split brain on shop-prod/);
    assert.ok(Array.isArray(slackBody.blocks));

    // Webhook: 500 then 200, signed over timestamp and body.
    assert.deepEqual(hook.requests.map((r) => r.status), [500, 200]);
    const signed = hook.delivered()[0]!;
    assert.ok(
      verifyWebhookSignature({ secret: signingSecret, timestamp: Number(signed.headers['quorum-timestamp']), body: signed.body, signature: String(signed.headers['quorum-signature']) }),
      'the receiver can verify the signature',
    );
    assert.equal(JSON.parse(signed.body).deliveryId, signed.headers['quorum-delivery-id']);

    // The misconfigured endpoint answered 400: failed at once, never retried.
    assert.deepEqual(broken.requests.map((r) => r.status), [400]);

    const log = await call(t, 'GET', '/api/v1/deliveries', { cookie: owner.cookie });
    const byChannel = Object.fromEntries(log.body.deliveries.map((d: any) => [d.channelName, [d.state, d.attempts]]));
    assert.deepEqual(byChannel, {
      'On-call email': ['delivered', 2],
      '#db-oncall': ['delivered', 4],
      pager: ['delivered', 2],
      misconfigured: ['failed', 1],
    });
    const slackDelivery = log.body.deliveries.find((d: any) => d.channelName === '#db-oncall');
    const detail = await call(t, 'GET', `/api/v1/deliveries/${slackDelivery.id}`, { cookie: owner.cookie });
    assert.deepEqual(
      detail.body.attemptLog.map((x: any) => [x.outcome, x.statusCode, x.at - start]),
      [['retry', 503, 0], ['retry', 502, 1000], ['retry', 429, 3000], ['delivered', 200, 33_000]],
    );
  });

  test('no duplicate for one delivery id: deciding again, sweeping again and re-sending the queue message change nothing', async () => {
    const counts = () => [sink.accepted().length, slack.delivered().length, hook.delivered().length, broken.requests.length];
    const before = counts();
    assert.deepEqual(await evaluateCluster(t, owner.orgId, clusterId, { bumpPolls: true }), []);
    for (const id of ids) assert.equal(await deliverNotification(t.deps, { orgId: owner.orgId, notificationId: id }), undefined);
    t.clock.advance(60 * 60_000);
    assert.equal(await deliverAll(), 0);
    assert.deepEqual(counts(), before);
    for (const receiver of [slack, hook]) {
      const delivered = receiver.delivered().map((r) => r.headers['quorum-delivery-id']);
      assert.equal(new Set(delivered).size, delivered.length, 'each delivery id answered 2xx once');
    }
  });

  test('a sender that died mid-delivery: its claim expires and the sweep takes the delivery over', async () => {
    const res = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body: { type: 'slack', name: 'late', url: `${slack.url}/late` } });
    const test = await call(t, 'POST', `/api/v1/notification-channels/${res.body.id}/test`, { cookie: owner.cookie, body: {} });
    assert.equal(test.body.delivered, true);
    // A crashed consumer's claim on an alert delivery:
    const [row] = (await t.db.pool.query<any[]>("select id from notifications where state = 'delivered' limit 1"))[0];
    await t.db.pool.query("update notifications set state = 'pending', next_attempt_at = ? where id = ?", [new Date(t.clock.now()), row.id]);
    assert.equal(await claimNotification(t.db.db, tenantScope(owner.orgId), row.id, { now: t.clock.now(), leaseMs: 60_000 }), true);
    assert.deepEqual(await scanDueNotifications(t.db.db, t.clock.now(), 10), [], 'claimed: not due for anyone else');
    t.clock.advance(61_000);
    assert.deepEqual((await scanDueNotifications(t.db.db, t.clock.now(), 10)).map((d) => d.id), [row.id]);
  });

  test('attempts are capped: a receiver that keeps failing ends failed after the last one', async () => {
    const down = await startHttpReceiver({ script: Array.from({ length: 20 }, () => ({ status: 503 })) });
    try {
      const res = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body: { type: 'webhook', name: 'down', url: `${down.url}/x` } });
      const channelId = res.body.id as string;
      // A resolved notification of the split brain goes to every channel, the new one included.
      await t.db.pool.query('update node_status set status = json_set(status, "$.clusterStatus", "Primary") where cluster_id = ?', [clusterId]);
      await t.db.pool.query("update notification_channels set enabled = false where id <> ? and org_id = ?", [channelId, owner.orgId]);
      const healthy = await import('../support/galera-fixtures').then((m) => Object.values(m.fixtureStatuses('healthy-3.json')));
      const nodes = (await t.db.pool.query<any[]>('select node_id from node_status where cluster_id = ? order by node_id', [clusterId]))[0];
      for (const [i, n] of nodes.entries()) await t.db.pool.query('update node_status set status = ?, poll_seq = poll_seq + 1 where node_id = ?', [JSON.stringify(healthy[i]), n.node_id]);
      t.clock.advance(120_000);
      const ids = await evaluateCluster(t, owner.orgId, clusterId);
      assert.equal(ids.length, 1);
      await deliverAll();
      assert.equal(down.requests.length, RETRY_POLICY.maxAttempts);
      const detail = await call(t, 'GET', `/api/v1/deliveries/${ids[0]}`, { cookie: owner.cookie });
      assert.deepEqual([detail.body.state, detail.body.status, detail.body.attempts], ['failed', 'resolved', RETRY_POLICY.maxAttempts]);
      const gaps = detail.body.attemptLog.slice(1).map((x: any, i: number) => x.at - detail.body.attemptLog[i].at);
      assert.deepEqual(gaps, [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000]);
    } finally {
      await down.close();
    }
  });
});

describe('SSRF guard on the wire', () => {
  test('without allowPrivateTargets, loopback, private and metadata addresses are refused before any connection', async () => {
    const guarded = createGuardedHttpSender();
    const receiver = await startHttpReceiver();
    try {
      for (const url of [receiver.url, `http://localhost:${new URL(receiver.url).port}/`, 'http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/']) {
        await assert.rejects(guarded.post(url, { body: '{}', headers: {} }), /private, loopback, link-local or reserved address/, url);
      }
      assert.equal(receiver.requests.length, 0, 'nothing reached the receiver');
    } finally {
      await receiver.close();
    }
  });
});
