import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineHarness } from '../../../test/support/alert-engine';
import { checkTargetUrl, isPublicAddress } from './address-policy';
import { deliveryId } from './delivery-id';
import { buildDocument, testDocument } from './document';
import { maskSecret, maskUrl } from './mask';
import { renderEmail } from './render-email';
import { renderSlack } from './render-slack';
import { renderWebhook, verifyWebhookSignature, webhookHeaders } from './render-webhook';
import { httpOutcome, parseRetryAfter, retryDelayMs } from './retry';

/** The weekend split brain as the engine notifies it. */
function splitBrainDocument() {
  const h = new EngineHarness().poll('healthy-3.json').poll('split-brain-same-uuid.json').poll('split-brain-same-uuid-t2.json');
  const n = h.notifications.at(-1)!;
  return buildDocument(n, { id: 'clu_01TEST', name: 'shop-prod' }, h.clock.now());
}

describe('address policy (SSRF)', () => {
  test('refuses private, loopback, link-local, shared, reserved and multicast addresses, v4 and v6', () => {
    for (const ip of [
      '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
      '224.0.0.1', '255.255.255.255', '198.18.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '2002:7f00:1::1', 'not-an-ip', '',
    ]) {
      assert.equal(isPublicAddress(ip), false, ip);
    }
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(isPublicAddress(ip), true, ip);
    }
  });

  test('URLs: http(s) only, no credentials', () => {
    assert.equal(checkTargetUrl('https://hooks.slack.com/services/T/B/x').hostname, 'hooks.slack.com');
    for (const bad of ['ftp://x.example', 'file:///etc/passwd', 'https://user:pw@example.com/', 'not a url', 'gopher://x']) {
      assert.throws(() => checkTargetUrl(bad), /URL|allowed/, bad);
    }
  });
});

describe('retries', () => {
  test('capped exponential backoff; Retry-After wins when longer, up to 15 min', () => {
    assert.deepEqual([1, 2, 3, 4, 9, 20].map((n) => retryDelayMs(n)), [1000, 2000, 4000, 8000, 256_000, 300_000]);
    assert.equal(retryDelayMs(1, 30_000), 30_000);
    assert.equal(retryDelayMs(5, 1000), 16_000);
    assert.equal(retryDelayMs(1, 3_600_000), 900_000);
  });

  test('5xx and 429 are retried, other 4xx are not, 3xx is not followed', () => {
    assert.equal(httpOutcome(200).kind, 'delivered');
    assert.equal(httpOutcome(204).kind, 'delivered');
    assert.equal(httpOutcome(500).kind, 'retryable');
    assert.equal(httpOutcome(503).kind, 'retryable');
    assert.deepEqual(httpOutcome(429, { retryAfterMs: 5000 }), { kind: 'retryable', statusCode: 429, error: 'HTTP 429', retryAfterMs: 5000 });
    assert.equal(httpOutcome(400).kind, 'permanent');
    assert.equal(httpOutcome(404).kind, 'permanent');
    assert.equal(httpOutcome(410).kind, 'permanent');
    assert.match((httpOutcome(302) as { error: string }).error, /redirects are not followed/);
    assert.equal(parseRetryAfter('7', 0), 7000);
    assert.equal(parseRetryAfter(new Date(60_000).toUTCString(), 0), 60_000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
  });

  test('the delivery id is deterministic per group notification and channel', () => {
    const base = { orgId: 'org_1', clusterId: 'clu_1', seq: 3, status: 'firing', alertIds: ['alr_b', 'alr_a'], channelId: 'chn_1' };
    const id = deliveryId(base);
    assert.match(id, /^dlv_[0-9A-F]{26}$/);
    assert.equal(deliveryId({ ...base, alertIds: ['alr_a', 'alr_b'] }), id);
    assert.notEqual(deliveryId({ ...base, channelId: 'chn_2' }), id);
    assert.notEqual(deliveryId({ ...base, seq: 4 }), id);
    assert.notEqual(deliveryId({ ...base, status: 'resolved' }), id);
  });
});

describe('messages', () => {
  test('Slack: Block Kit with severity, cluster, node, cause and a link to the portal, within Slack’s limits', () => {
    const doc = splitBrainDocument();
    const { text, blocks } = renderSlack(doc, { publicUrl: 'https://quorum.example.com/', deliveryId: 'dlv_X' });
    const json = JSON.stringify(blocks);
    assert.ok(blocks.length <= 50);
    const header = (blocks[0] as { text: { text: string } }).text.text;
    assert.ok(header.length <= 150);
    assert.match(header, /CRITICAL: Split brain on shop-prod \(node3\)/);
    assert.match(json, /\*Severity\*\\nCRITICAL/);
    assert.match(json, /\*Cluster\*\\nshop-prod/);
    assert.match(json, /\*Node\*\\nnode3 \(`127\.0\.0\.13:33063`\)/);
    assert.match(json, /\*Cause\*\\nnode3 runs with an empty wsrep_cluster_address \(gcomm:\/\/\)/);
    assert.match(json, /"url":"https:\/\/quorum\.example\.com\/clusters\/clu_01TEST"/);
    assert.match(text, /Split brain on shop-prod/);
  });

  test('Slack: a storm lists ten alerts and counts the rest', () => {
    const doc = { ...splitBrainDocument() };
    const one = doc.firing[0]!;
    doc.firing = Array.from({ length: 50 }, (_, i) => ({ ...one, id: `alr_${i}`, summary: 'x'.repeat(500) }));
    doc.firingCount = 1000;
    const { blocks } = renderSlack(doc, { publicUrl: 'https://q.example', deliveryId: 'dlv_X' });
    const json = JSON.stringify(blocks);
    assert.match(json, /Also firing \(999\)/);
    assert.match(json, /…and 9(89|9[0-9]) more/);
    for (const b of blocks as Array<{ text?: { text: string } }>) assert.ok((b.text?.text.length ?? 0) <= 3000);
  });

  test('email: the subject says it all; text and HTML name the node, the cause and the link', () => {
    const mail = renderEmail(splitBrainDocument(), { publicUrl: 'https://q.example', deliveryId: 'dlv_X', channelName: 'On-call' });
    assert.equal(mail.subject, '[Quorum] CRITICAL: Split brain on shop-prod (node3)');
    assert.match(mail.text, /Node: node3 \(127\.0\.0\.13:33063\)/);
    assert.match(mail.text, /Cause: node3 runs with an empty wsrep_cluster_address \(gcomm:\/\/\)/);
    assert.match(mail.text, /Open in Quorum: https:\/\/q\.example\/clusters\/clu_01TEST/);
    assert.match(mail.html, /<a href="https:\/\/q\.example\/clusters\/clu_01TEST">/);
    assert.equal(renderEmail(testDocument(0), { publicUrl: 'https://q.example', deliveryId: 'dlv_X', channelName: 'x' }).subject, '[Quorum] Test notification');
  });

  test('webhook: signed over timestamp and body; any change breaks the signature', () => {
    const body = renderWebhook(splitBrainDocument(), { publicUrl: 'https://q.example', deliveryId: 'dlv_X' });
    const headers = webhookHeaders({ secret: 'whsec_abc', deliveryId: 'dlv_X', timestamp: 1000, body });
    const sig = headers['quorum-signature']!;
    assert.match(sig, /^v1=[0-9a-f]{64}$/);
    assert.equal(JSON.parse(body).deliveryId, 'dlv_X');
    assert.ok(verifyWebhookSignature({ secret: 'whsec_abc', timestamp: 1000, body, signature: sig }));
    assert.ok(!verifyWebhookSignature({ secret: 'whsec_abc', timestamp: 1001, body, signature: sig }));
    assert.ok(!verifyWebhookSignature({ secret: 'whsec_abd', timestamp: 1000, body, signature: sig }));
    assert.ok(!verifyWebhookSignature({ secret: 'whsec_abc', timestamp: 1000, body: `${body} `, signature: sig }));
  });

  test('secrets are masked', () => {
    assert.equal(maskUrl('https://hooks.slack.com/services/T000/B000/abcdefgh1234'), 'https://hooks.slack.com/…1234');
    assert.equal(maskSecret('whsec_0123456789abcdef'), 'whsec_…cdef');
  });
});
