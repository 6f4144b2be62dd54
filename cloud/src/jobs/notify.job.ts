import { performance } from 'node:perf_hooks';
import { RETRY_POLICY, retryDelayMs, type AttemptOutcome } from '../core/notify/retry';
import { claimNotification, finishAttempt, loadNotification } from '../db/alert-store/outbox.store';
import { tenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { sendToChannel } from './notify/send-to-channel';

/** What the notify queue carries: one outbox delivery to attempt now. */
export interface NotifyMessage {
  orgId: string;
  notificationId: string;
}

export interface DeliveryAttempt {
  attempt: number;
  outcome: AttemptOutcome;
  /** What became of the delivery: delivered, pending (a retry is scheduled), failed. */
  state: 'delivered' | 'pending' | 'failed';
  nextAttemptAt?: number;
}

/** A claimed delivery belongs to its claimer this long; if it dies, the sweep takes it over after. */
export const LEASE_MS = 60_000;

type NotifyDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'mailer' | 'httpSender' | 'secretBox'>;

/**
 * The notify queue's consumer: one attempt at one delivery. It first CLAIMS the outbox row (only
 * a due, unclaimed one; of several racing consumers exactly one wins), so a delivery id is sent at
 * most once at a time and never again once delivered. Then it sends, logs the attempt, and moves
 * the delivery on: delivered; or pending again after a capped exponential backoff (network
 * errors, 5xx, 429 with its Retry-After); or failed (other 4xx, SMTP 5xx, a refused target, or
 * attempts used up). A test-send is never retried. Never throws for a delivery problem.
 *
 * Returns undefined when there was nothing to do (not due, claimed by another, already final).
 * `claimedByCaller`: the caller stored the row already claimed (`claimedUntil`) and sends it now.
 */
export async function deliverNotification(
  deps: NotifyDeps,
  message: NotifyMessage,
  options: { claimedByCaller?: boolean } = {},
): Promise<DeliveryAttempt | undefined> {
  const scope = tenantScope(message.orgId);
  const id = message.notificationId;
  if (!options.claimedByCaller && !(await claimNotification(deps.db, scope, id, { now: deps.clock.now(), leaseMs: LEASE_MS }))) return undefined;
  const row = await loadNotification(deps.db, scope, id);
  if (!row) return undefined;
  const attempt = row.attempts;
  const at = deps.clock.now();
  const started = performance.now();
  const outcome: AttemptOutcome = !row.channel
    ? { kind: 'permanent', error: 'the channel was deleted' }
    : !row.channel.enabled && row.kind !== 'test'
      ? { kind: 'permanent', error: 'the channel is disabled' }
      : await sendToChannel(deps, row.channel, row.payload, id);
  const durationMs = performance.now() - started;

  let result: DeliveryAttempt;
  if (outcome.kind === 'delivered') {
    result = { attempt, outcome, state: 'delivered' };
  } else if (outcome.kind === 'retryable' && row.kind !== 'test' && attempt < RETRY_POLICY.maxAttempts) {
    result = { attempt, outcome, state: 'pending', nextAttemptAt: at + retryDelayMs(attempt, outcome.retryAfterMs) };
  } else {
    result = { attempt, outcome, state: 'failed' };
  }
  await finishAttempt(deps.db, scope, {
    id,
    attempt,
    at,
    durationMs,
    outcome: result.state === 'delivered' ? 'delivered' : result.state === 'pending' ? 'retry' : 'failed',
    statusCode: outcome.statusCode,
    error: outcome.kind === 'delivered' ? undefined : outcome.error,
    nextAttemptAt: result.nextAttemptAt,
  });
  const fields = { orgId: message.orgId, notificationId: id, channelId: row.channel?.id, channelType: row.channel?.type, attempt, statusCode: outcome.statusCode, durationMs: Math.round(durationMs) };
  if (result.state === 'delivered') deps.log.info('notification delivered', fields);
  else deps.log.warn(result.state === 'pending' ? 'notification attempt failed; will retry' : 'notification failed', { ...fields, error: (outcome as { error: string }).error, nextAttemptAt: result.nextAttemptAt });
  return result;
}
