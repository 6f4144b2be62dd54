import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { signWebhook } from '../../src/core/notify/render-webhook';
import { insertNotifications, scanDueNotifications } from '../../src/db/alert-store/outbox.store';
import { tenantScope } from '../../src/db/tenant-scope';
import { newId } from '../../src/ids';
import { notificationChannels } from '../../src/db/schema/index';
import { call, signup, type Owner } from './client';
import { createTestApp, type TestApp } from './support';

/**
 * Channel secrets at rest: a Slack URL and a webhook signing secret are sealed before they reach
 * the database, opened only to deliver, bound to their organization and channel.
 */
const SLACK_URL = 'https://hooks.slack.com/services/T0000/B0000/abcdefghSECRETxyz1234';
let t: TestApp;
let owner: Owner;
let other: Owner;

before(async () => {
  t = await createTestApp('channel_secrets');
  owner = await signup(t, 'Sealed');
  other = await signup(t, 'Elsewhere');
});
after(() => t.close());

const rowOf = async (id: string) => (await t.db.db.select().from(notificationChannels).where(eq(notificationChannels.id, id)))[0]!;

test('the database holds ciphertext and masked forms, never the URL or the signing secret; delivery still reaches the URL', async () => {
  const slack = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body: { type: 'slack', name: '#db', url: SLACK_URL } });
  assert.equal(slack.status, 201, JSON.stringify(slack.body));
  const hook = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body: { type: 'webhook', name: 'pager', url: 'https://pager.example.com/hook' } });
  const signingSecret = hook.body.signingSecret as string;
  assert.match(signingSecret, /^whsec_/);

  for (const id of [slack.body.id, hook.body.id]) {
    const stored = JSON.stringify((await rowOf(id)).secrets);
    assert.ok(!stored.includes('SECRETxyz') && !stored.includes('pager.example.com/hook') && !stored.includes(signingSecret.slice(6)), stored);
    assert.match(stored, /"sealed":"v1\.aes\./);
  }
  assert.equal((await call(t, 'GET', `/api/v1/notification-channels/${slack.body.id}`, { cookie: owner.cookie })).body.url, 'https://hooks.slack.com/…1234');

  const sent = await call(t, 'POST', `/api/v1/notification-channels/${hook.body.id}/test`, { cookie: owner.cookie, body: {} });
  assert.equal(sent.body.delivered, true, JSON.stringify(sent.body));
  const post = t.http.posts.at(-1)!;
  assert.equal(post.url, 'https://pager.example.com/hook');
  const ts = Number(post.headers['quorum-timestamp']);
  assert.equal(post.headers['quorum-signature'], signWebhook(signingSecret, ts, post.body), 'signed with the secret shown at creation');

  // Changing the URL keeps the signing secret (sealed again together).
  const changed = await call(t, 'PATCH', `/api/v1/notification-channels/${hook.body.id}`, { cookie: owner.cookie, body: { url: 'https://pager.example.com/hook2' } });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.signingSecret, `whsec_…${signingSecret.slice(-4)}`);
  await call(t, 'POST', `/api/v1/notification-channels/${hook.body.id}/test`, { cookie: owner.cookie, body: {} });
  assert.equal(t.http.posts.at(-1)!.url, 'https://pager.example.com/hook2');
  assert.deepEqual(Object.keys(t.http.posts.at(-1)!.headers).sort(), Object.keys(post.headers).sort());
});

test('a sealed value copied into another organization’s channel does not open there: the delivery fails, saying why', async () => {
  const mine = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body: { type: 'slack', name: '#mine', url: SLACK_URL } });
  const theirs = await call(t, 'POST', '/api/v1/notification-channels', { cookie: other.cookie, body: { type: 'slack', name: '#theirs', url: 'https://hooks.slack.com/services/T1/B1/theirs000000' } });
  const stolen = (await rowOf(mine.body.id)).secrets;
  await t.db.db.update(notificationChannels).set({ secrets: stolen }).where(eq(notificationChannels.id, theirs.body.id));
  const before = t.http.posts.length;
  const res = await call(t, 'POST', `/api/v1/notification-channels/${theirs.body.id}/test`, { cookie: other.cookie, body: {} });
  assert.equal(res.body.delivered, false);
  assert.match(res.body.error, /the channel's URL cannot be read \(.*does not open under this context.*\): set it again/);
  assert.equal(t.http.posts.length, before, 'nothing was posted anywhere');
  // Repaired by giving the URL again.
  await call(t, 'PATCH', `/api/v1/notification-channels/${theirs.body.id}`, { cookie: other.cookie, body: { url: 'https://hooks.slack.com/services/T1/B1/theirs000000' } });
  assert.equal((await call(t, 'POST', `/api/v1/notification-channels/${theirs.body.id}/test`, { cookie: other.cookie, body: {} })).body.delivered, true);
});

test('a channel stored before sealing existed (plain text) is still masked and delivered to', async () => {
  const legacy = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body: { type: 'slack', name: '#legacy', url: SLACK_URL } });
  await t.db.db.update(notificationChannels).set({ secrets: { url: 'https://hooks.slack.com/services/T9/B9/legacylegacy99' } }).where(eq(notificationChannels.id, legacy.body.id));
  assert.equal((await call(t, 'GET', `/api/v1/notification-channels/${legacy.body.id}`, { cookie: owner.cookie })).body.url, 'https://hooks.slack.com/…cy99');
  assert.equal((await call(t, 'POST', `/api/v1/notification-channels/${legacy.body.id}/test`, { cookie: owner.cookie, body: {} })).body.delivered, true);
  assert.equal(t.http.posts.at(-1)!.url, 'https://hooks.slack.com/services/T9/B9/legacylegacy99');
});

test('a test-send is stored claimed by its request: the outbox sweep cannot hand it to the queue first (the answer would say "not attempted")', async () => {
  const slack = await call(t, 'POST', '/api/v1/notification-channels', { cookie: owner.cookie, body: { type: 'slack', name: '#race', url: SLACK_URL } });
  // While the request is sending, run the sweep's scan as the local host does every second.
  const scanned: Array<Array<{ id: string }>> = [];
  const post = t.http.post.bind(t.http);
  t.http.post = async (url, request) => {
    scanned.push(await scanDueNotifications(t.db.db, t.clock.now(), 100));
    return post(url, request);
  };
  try {
    const res = await call(t, 'POST', `/api/v1/notification-channels/${slack.body.id}/test`, { cookie: owner.cookie, body: {} });
    assert.equal(res.body.delivered, true, JSON.stringify(res.body));
    assert.equal(scanned.length, 1);
    assert.ok(!scanned[0]!.some((r) => r.id === res.body.deliveryId), 'the sweep did not see the test-send while it was being sent');
    const delivery = await call(t, 'GET', `/api/v1/deliveries/${res.body.deliveryId}`, { cookie: owner.cookie });
    assert.deepEqual(delivery.body.attemptLog.map((a: { attempt: number; outcome: string }) => [a.attempt, a.outcome]), [[1, 'delivered']]);
  } finally {
    t.http.post = post;
  }
});

test('a notification stored claimed is invisible to the sweep until its claim expires (then the sweep delivers it: a crashed test-send is not lost)', async () => {
  const now = t.clock.now();
  const scope = tenantScope(owner.orgId);
  const doc = { kind: 'test' } as never;
  const claimed = newId('dlv', now);
  const plain = newId('dlv', now);
  await insertNotifications(t.db.db, scope, [
    { id: claimed, channelId: 'chn_x', clusterId: null, kind: 'test', status: 'test', severity: 'info', payload: doc, alertIds: [], claimedUntil: now + 60_000 },
    { id: plain, channelId: 'chn_x', clusterId: null, kind: 'test', status: 'test', severity: 'info', payload: doc, alertIds: [] },
  ], now);
  const due = async (at: number) => (await scanDueNotifications(t.db.db, at, 1000)).map((r) => r.id);
  assert.ok((await due(now)).includes(plain), 'an unclaimed one is due at once');
  assert.ok(!(await due(now)).includes(claimed), 'the claimed one is not');
  assert.ok(!(await due(now + 59_000)).includes(claimed));
  assert.ok((await due(now + 61_000)).includes(claimed), 'its claim expired: the sweep takes it over');
});
