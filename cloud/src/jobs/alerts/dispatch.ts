import type { Deps } from '../../deps';
import { errorSummary } from '../error-summary';
import type { NotifyMessage } from '../notify.job';

/**
 * Hands new outbox deliveries to the notify queue, after the transaction that stored them has
 * committed, WITHOUT waiting for them to be delivered: the ingest must not wait on Slack. The
 * outbox row is the durable record; if this message is lost, the scheduled sweep sends it.
 */
export function dispatchNotifications(deps: Pick<Deps, 'queue' | 'log' | 'defer'>, refs: readonly NotifyMessage[]): void {
  for (const ref of refs) {
    const sent = deps.queue.send('notify', ref).catch((error: unknown) =>
      deps.log.warn('notify queue refused a delivery; the sweep will retry it', { orgId: ref.orgId, notificationId: ref.notificationId, error: errorSummary(error) }),
    );
    deps.defer?.(sent);
  }
}
