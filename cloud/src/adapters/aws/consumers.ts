import type { Deps } from '../../deps';
import { consumeIngest } from '../../jobs/ingest.job';
import { deliverNotification } from '../../jobs/notify.job';
import type { QueueHandlers } from './sqs-consumer';

/**
 * What handles each queue on AWS — the same jobs the local host registers on its in-process
 * queue. A new queue adds its entry here, its `QUEUE_URL_<NAME>` and its queue in the CDK api stack.
 */
export function queueHandlers(deps: Deps): QueueHandlers {
  return {
    // The batch in its transaction, then what it unblocked (a rolling restart's next step…).
    ingest: async (message) => {
      await consumeIngest(deps, message);
    },
    notify: async (message) => {
      await deliverNotification(deps, message);
    },
  };
}
