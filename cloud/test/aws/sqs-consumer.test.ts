import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { SQSEvent } from 'aws-lambda';
import { claimInbox } from '../../src/adapters/aws/inbox';
import { encodeQueueBody } from '../../src/adapters/aws/sqs-body';
import { createSqsConsumer } from '../../src/adapters/aws/sqs-consumer';
import { queueInbox } from '../../src/db/schema/index';
import type { IngestMessage } from '../../src/jobs/ingest-message';
import { ManualClock } from '../../src/ports/clock';
import { recordingLogger } from '../gateway/support/recording-logger';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { ingestMessage } from '../contracts/queue-messages';
import { sqsRecord } from './support/local-sqs';

// The SQS consumer handler with SQS events of several records, as Lambda delivers them: partial
// batch failures, and idempotency through the inbox when SQS delivers a message twice.
let db: TestDatabase;
before(async () => {
  db = await createTestDatabase('aws_sqs_consumer');
});
after(async () => {
  await db?.drop();
});

const ARN = 'arn:aws:sqs:us-east-1:123456789012:quorum-ingest';
const record = (body: string, messageId = randomUUID(), receiveCount = 1) =>
  sqsRecord({ MessageId: messageId, ReceiptHandle: `AQEB${randomUUID()}`, Body: body, MD5OfBody: '0'.repeat(32), Attributes: { ApproximateReceiveCount: String(receiveCount) } }, ARN);

function consumer(handle: (m: IngestMessage) => Promise<void>, clock = new ManualClock()) {
  const log = recordingLogger();
  const handler = createSqsConsumer({ db: db.db, clock, log }, { handlers: { ingest: (m) => handle(m) }, leaseMs: 60_000 });
  return { handler, log, clock };
}

test('a batch of records: the bad ones are reported as batchItemFailures, the good ones are handled once', async () => {
  const handled: string[] = [];
  const { handler, log } = consumer(async (m) => {
    if (m.receivedAt === 13) throw new Error('database unavailable');
    handled.push(m.batch.batchId);
  });
  const good = [ingestMessage(1), ingestMessage(2)];
  const records = [
    record(encodeQueueBody('ingest', good[0] as IngestMessage)),
    record('{"not":"an envelope"}'),
    record(encodeQueueBody('ingest', { ...ingestMessage(3), receivedAt: 13 })),
    record(JSON.stringify({ queue: 'reports', message: {} })),
    record(encodeQueueBody('ingest', good[1] as IngestMessage)),
  ];
  const event: SQSEvent = { Records: records };
  const response = await handler(event);
  assert.deepEqual(response.batchItemFailures.map((f) => f.itemIdentifier), [1, 2, 3].map((i) => records[i]?.messageId));
  assert.deepEqual(handled, good.map((m) => m.batch.batchId));
  assert.ok(log.lines.some((l) => l.includes('no consumer for queue \\"reports\\"')));
  assert.ok(!log.lines.some((l) => l.includes('AQEB')), 'receipt handles are not logged');
  // The failed one released its claim: its next delivery is handled at once.
  const failedId = records[2]?.messageId as string;
  assert.equal((await db.db.select().from(queueInbox).where(eq(queueInbox.messageId, failedId))).length, 0);
});

test('a message SQS delivers again after it was handled is acknowledged without running the handler', async () => {
  let calls = 0;
  const { handler } = consumer(async () => {
    calls += 1;
  });
  const body = encodeQueueBody('ingest', ingestMessage(7));
  const messageId = randomUUID();
  assert.deepEqual(await handler({ Records: [record(body, messageId)] }), { batchItemFailures: [] });
  assert.deepEqual(await handler({ Records: [record(body, messageId, 2), record(body, messageId, 2)] }), { batchItemFailures: [] });
  assert.equal(calls, 1);
});

test('a message being handled elsewhere is retried later; a claim older than the lease is taken over', async () => {
  const messageId = randomUUID();
  const clock = new ManualClock();
  assert.equal(await claimInbox(db.db, { messageId, queue: 'ingest', now: clock.now(), leaseMs: 60_000 }), 'claimed');
  let calls = 0;
  const { handler } = consumer(async () => {
    calls += 1;
  }, clock);
  const body = encodeQueueBody('ingest', ingestMessage(8));
  assert.deepEqual((await handler({ Records: [record(body, messageId, 2)] })).batchItemFailures, [{ itemIdentifier: messageId }]);
  assert.equal(calls, 0);
  clock.advance(60_001); // the first attempt's Lambda timed out long ago
  assert.deepEqual((await handler({ Records: [record(body, messageId, 3)] })).batchItemFailures, []);
  assert.equal(calls, 1);
  const [row] = await db.db.select().from(queueInbox).where(eq(queueInbox.messageId, messageId));
  assert.equal(row?.state, 'done');
});
