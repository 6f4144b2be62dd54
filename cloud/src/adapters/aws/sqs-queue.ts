import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueMessages, QueueName, QueuePort } from '../../ports/queue';
import { encodeQueueBody } from './sqs-body';

/**
 * The AWS QueuePort: one SQS standard queue per queue name. `send` resolves when SendMessage has
 * succeeded — SQS has then stored the message redundantly, so it will be delivered at least once
 * (the port's contract); the consumer Lambda handles it later (`sqs-consumer.ts`). The SDK retries
 * throttling and network errors itself; a send that still fails rejects, and the gateway tells the
 * agent to send its batch again.
 */
export class SqsQueue implements QueuePort {
  readonly #client: Pick<SQSClient, 'send'>;
  readonly #urls: Partial<Record<QueueName, string>>;

  constructor(opts: { client: Pick<SQSClient, 'send'>; queueUrls: Partial<Record<QueueName, string>> }) {
    this.#client = opts.client;
    this.#urls = opts.queueUrls;
  }

  async send<Q extends QueueName>(queue: Q, message: QueueMessages[Q]): Promise<void> {
    const url = this.#urls[queue];
    if (!url) throw new Error(`no SQS queue URL for "${queue}": set QUEUE_URL_${queue.toUpperCase()}`);
    await this.#client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: encodeQueueBody(queue, message) }));
  }
}
