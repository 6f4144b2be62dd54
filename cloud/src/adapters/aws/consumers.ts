import type { Deps } from '../../deps';
import { ingestBatch } from '../../jobs/ingest.job';
import type { QueueHandlers } from './sqs-consumer';

/**
 * What handles each queue on AWS — the same jobs the local host registers on its in-process
 * queue. A new queue adds its entry here, its `QUEUE_URL_<NAME>` and its queue in the CDK api stack.
 */
export function queueHandlers(deps: Deps): QueueHandlers {
  return {
    ingest: async (message) => {
      await ingestBatch(deps, message);
    },
  };
}
