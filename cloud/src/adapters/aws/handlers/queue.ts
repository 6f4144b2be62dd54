import { queueHandlers } from '../consumers';
import { awsDeps, awsHost } from '../deps';
import { createSqsConsumer } from '../sqs-consumer';

// SQS event source mappings of every queue (ingest, and those added later) → their consumers.
const deps = awsDeps();
export const handler = awsHost().deferred.settlesDeferred(
  createSqsConsumer(deps, { handlers: queueHandlers(deps), leaseMs: awsHost().config.inboxLeaseMs }),
);
