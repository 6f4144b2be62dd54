import { randomBytes } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };

export interface LocalSqs {
  endpoint: string;
  client: SQSClient;
  /** A queue and its dead-letter queue, redriven after `maxReceiveCount` deliveries (as the CDK stack makes them). */
  createQueuePair(name: string, maxReceiveCount: number): Promise<QueuePair>;
  stop(): Promise<void>;
}

export interface QueuePair {
  url: string;
  arn: string;
  dlqUrl: string;
}

/**
 * fauxqs — an SQS-compatible server — on 127.0.0.1 (a free port), driven by the real
 * @aws-sdk/client-sqs. If it cannot start, the test fails saying why: it is never skipped.
 */
export async function startLocalSqs(): Promise<LocalSqs> {
  let server: { address: string; stop(): Promise<void> };
  try {
    const { startFauxqs } = await import('fauxqs');
    server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  } catch (cause) {
    throw new Error(
      `fauxqs, the SQS-compatible server these tests run against, could not start on 127.0.0.1 (${(cause as Error).message}). ` +
        'It is a devDependency of cloud/: run `npm ci` at the repository root.',
      { cause },
    );
  }
  const client = new SQSClient({ endpoint: server.address, region: TEST_REGION, credentials: TEST_CREDENTIALS });
  return {
    endpoint: server.address,
    client,
    async createQueuePair(name, maxReceiveCount) {
      const unique = `${name}-${randomBytes(4).toString('hex')}`;
      const dlq = await client.send(new CreateQueueCommand({ QueueName: `${unique}-dlq` }));
      const dlqArn = await queueArn(client, dlq.QueueUrl as string);
      const queue = await client.send(
        new CreateQueueCommand({
          QueueName: unique,
          Attributes: {
            VisibilityTimeout: '30',
            MaximumMessageSize: String(256 * 1024),
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
          },
        }),
      );
      return { url: queue.QueueUrl as string, arn: await queueArn(client, queue.QueueUrl as string), dlqUrl: dlq.QueueUrl as string };
    },
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return out.Attributes?.QueueArn as string;
}

/**
 * One poll of a Lambda event source mapping, as AWS runs it: receive up to 10 messages, invoke the
 * function with an SQS event of those records, delete the ones it did not report in
 * `batchItemFailures`. A reported failure is made visible again at once (AWS waits for the
 * visibility timeout; the tests do not), so its next receive counts as the next delivery — and
 * the one after `maxReceiveCount` moves it to the dead-letter queue. Returns the records delivered.
 */
export async function pollOnce(opts: {
  client: SQSClient;
  queue: QueuePair;
  handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
}): Promise<number> {
  const { client, queue } = opts;
  const received = await client.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }),
  );
  const messages = received.Messages ?? [];
  if (messages.length === 0) return 0;
  const event: SQSEvent = { Records: messages.map((m) => sqsRecord(m, queue.arn)) };
  const response = await opts.handler(event);
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  const done = messages.filter((m) => !failed.has(m.MessageId as string));
  const retry = messages.filter((m) => failed.has(m.MessageId as string));
  if (done.length > 0) {
    await client.send(new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: done.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle as string })) }));
  }
  if (retry.length > 0) {
    await client.send(
      new ChangeMessageVisibilityBatchCommand({ QueueUrl: queue.url, Entries: retry.map((m, i) => ({ Id: `r${i}`, ReceiptHandle: m.ReceiptHandle as string, VisibilityTimeout: 0 })) }),
    );
  }
  return messages.length;
}

/** Every message now in a queue (received with a zero visibility timeout, so they stay). */
export async function peekAll(client: SQSClient, url: string): Promise<Array<{ messageId: string; body: string }>> {
  const seen = new Map<string, string>();
  for (let round = 0; round < 20; round++) {
    const out = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 0 }));
    const before = seen.size;
    for (const m of out.Messages ?? []) seen.set(m.MessageId as string, m.Body as string);
    if ((out.Messages ?? []).length === 0 || seen.size === before) break;
  }
  return [...seen].map(([messageId, body]) => ({ messageId, body }));
}

/** An SQS event record exactly as Lambda builds it from a received message. */
export function sqsRecord(
  m: { MessageId?: string; ReceiptHandle?: string; Body?: string; MD5OfBody?: string; Attributes?: Partial<Record<string, string>> },
  queueArn: string,
): SQSRecord {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId as string,
    receiptHandle: m.ReceiptHandle as string,
    body: m.Body as string,
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'AROAEXAMPLE:quorum-websocket',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: m.MD5OfBody as string,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: TEST_REGION,
  };
}
