import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Deps } from '../../deps';
import { errorSummary } from '../../jobs/error-summary';
import type { QueueHandler, QueueName } from '../../ports/queue';
import { claimInbox, completeInbox, releaseInbox } from './inbox';
import { decodeQueueBody } from './sqs-body';

/** The consumer of each queue name; a queue added later (notify, …) adds one entry. */
export type QueueHandlers = { [Q in QueueName]?: QueueHandler<Q> };

/**
 * An SQS-triggered Lambda handler for any of the queues: each record's body names its queue
 * (`sqs-body.ts`) and goes to that queue's handler. Records are handled one by one and the
 * failures reported as `batchItemFailures` (the event source mapping has
 * `ReportBatchItemFailures`), so one bad message never makes its batch-mates run again; a failed
 * message returns after the visibility timeout and, after `maxReceiveCount` deliveries, SQS moves
 * it to the queue's dead-letter queue.
 *
 * Idempotent through the inbox (`inbox.ts`): a message id already handled is acknowledged without
 * running the handler again; one being handled by another attempt right now is reported failed.
 */
export function createSqsConsumer(deps: Pick<Deps, 'db' | 'clock' | 'log'>, opts: { handlers: QueueHandlers; leaseMs: number }) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchItemFailure[] = [];
    for (const record of event.Records) {
      const ok = await handleRecord(deps, opts, record);
      if (!ok) batchItemFailures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures };
  };
}

async function handleRecord(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  opts: { handlers: QueueHandlers; leaseMs: number },
  record: SQSRecord,
): Promise<boolean> {
  const { messageId } = record;
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  let queue: QueueName | undefined;
  try {
    const envelope = decodeQueueBody(record.body);
    queue = envelope.queue;
    const handler = opts.handlers[queue] as QueueHandler<QueueName> | undefined;
    if (!handler) throw new Error(`no consumer for queue "${queue}" in this function`);
    const claim = await claimInbox(deps.db, { messageId, queue, now: deps.clock.now(), leaseMs: opts.leaseMs });
    if (claim === 'done') {
      deps.log.info('queue message handled before: acknowledged', { queue, messageId, receiveCount });
      return true;
    }
    if (claim === 'busy') {
      deps.log.warn('queue message is being handled by another attempt: retry later', { queue, messageId, receiveCount });
      return false;
    }
    try {
      await handler(envelope.message, { messageId });
    } catch (error) {
      await releaseInbox(deps.db, messageId).catch(() => {}); // a stale claim is taken over after the lease anyway
      throw error;
    }
    await completeInbox(deps.db, messageId, deps.clock.now());
    return true;
  } catch (error) {
    deps.log.error('queue message failed', { queue: queue ?? sourceQueueName(record), messageId, receiveCount, error: errorSummary(error) });
    return false;
  }
}

function sourceQueueName(record: SQSRecord): string {
  return record.eventSourceARN.split(':').at(-1) ?? 'unknown';
}
