import { createHash } from 'node:crypto';

/**
 * The delivery id of one notification to one channel, derived from what was decided — the group
 * (cluster), its notification number, its status, the alerts it names, and the channel — so that
 * deciding the same notification twice (a retried transaction, a re-delivered queue message)
 * yields the same id, and the outbox (primary key) stores and sends it once.
 * Shaped like every other id (`dlv_` + 26 characters).
 *
 * @example deliveryId({ orgId, clusterId, seq: 3, status: 'firing', alertIds: ['alr_1'], channelId }) // 'dlv_9F2C…'
 */
export function deliveryId(opts: {
  orgId: string;
  clusterId: string;
  seq: number;
  status: string;
  alertIds: readonly string[];
  channelId: string;
}): string {
  const hash = createHash('sha256')
    .update([opts.orgId, opts.clusterId, String(opts.seq), opts.status, [...opts.alertIds].sort().join(','), opts.channelId].join('\n'))
    .digest('hex');
  return `dlv_${hash.slice(0, 26).toUpperCase()}`;
}
