/**
 * Work handed from a request to a background consumer (the telemetry ingest; later notifications).
 * Locally an in-process queue, on AWS an SQS queue: both pass the same contract suite.
 *
 * Contract: when `send` resolves, the message is durable — it will be handled at least once —
 * so the caller may acknowledge upstream (the gateway acks an agent's batch only then).
 * Consumers must therefore be idempotent.
 */
export interface QueueMessages {
  /** A validated telemetry batch of one agent (see `jobs/ingest.job.ts`). */
  ingest: import('../jobs/ingest-message').IngestMessage;
  /**
   * One delivery from the notification outbox (see `jobs/notify.job.ts`). The outbox row is the
   * durable record; this message only says "try it now", so a lost one is picked up by the sweep.
   */
  notify: import('../jobs/notify.job').NotifyMessage;
}

export type QueueName = keyof QueueMessages;

export interface QueuePort {
  send<Q extends QueueName>(queue: Q, message: QueueMessages[Q]): Promise<void>;
}

export type QueueHandler<Q extends QueueName> = (message: QueueMessages[Q], meta: { messageId: string }) => Promise<void>;
