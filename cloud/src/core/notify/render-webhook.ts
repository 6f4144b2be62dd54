import { createHmac, timingSafeEqual } from 'node:crypto';
import { clusterUrl, type NotificationDocument } from './document';

/**
 * The generic webhook: the notification document as JSON, signed so the receiver can tell it came
 * from Quorum and was not replayed later:
 *
 *   Quorum-Delivery-Id: dlv_…          (the same for every retry of one delivery: dedupe on it)
 *   Quorum-Timestamp:   1795000000000  (ms since the epoch, when this attempt was signed)
 *   Quorum-Signature:   v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 *
 * Verify: recompute the HMAC over the raw body, compare in constant time, and refuse timestamps
 * more than a few minutes old.
 */
export function renderWebhook(doc: NotificationDocument, opts: { publicUrl: string; deliveryId: string }): string {
  return JSON.stringify({ deliveryId: opts.deliveryId, url: clusterUrl(opts.publicUrl, doc), ...doc });
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (and the tests): true when `signature` is ours for this timestamp and body. */
export function verifyWebhookSignature(opts: { secret: string; timestamp: number; body: string; signature: string }): boolean {
  const expected = Buffer.from(signWebhook(opts.secret, opts.timestamp, opts.body));
  const given = Buffer.from(opts.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function webhookHeaders(opts: { secret: string; deliveryId: string; timestamp: number; body: string }): Record<string, string> {
  return {
    'quorum-delivery-id': opts.deliveryId,
    'quorum-timestamp': String(opts.timestamp),
    'quorum-signature': signWebhook(opts.secret, opts.timestamp, opts.body),
  };
}
