import { after, before } from 'node:test';
import { createSqsConsumer } from '../../src/adapters/aws/sqs-consumer';
import { decodeQueueBody } from '../../src/adapters/aws/sqs-body';
import { SqsQueue } from '../../src/adapters/aws/sqs-queue';
import type { IngestMessage } from '../../src/jobs/ingest-message';
import { systemClock } from '../../src/ports/clock';
import { silentLogger } from '../../src/ports/logger';
import type { QueueHandler } from '../../src/ports/queue';
import { queueContract } from '../contracts/queue.contract';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { peekAll, pollOnce, startLocalSqs, type LocalSqs } from './support/local-sqs';

// The SQS adapter + the SQS consumer Lambda handler against fauxqs on loopback, with the real
// @aws-sdk/client-sqs, a redrive policy for the dead-letter queue, and the consumer's inbox on a
// real MariaDB. The event source mapping between them is emulated by `pollOnce`.
let sqs: LocalSqs;
let db: TestDatabase;
before(async () => {
  sqs = await startLocalSqs();
  db = await createTestDatabase('sqs_contract');
});
after(async () => {
  await sqs?.stop();
  await db?.drop();
});

queueContract('SQS queue', async ({ maxAttempts }) => {
  const pair = await sqs.createQueuePair('ingest', maxAttempts);
  let ingest: QueueHandler<'ingest'> = async () => {
    throw new Error('no consumer installed');
  };
  const handler = createSqsConsumer(
    { db: db.db, clock: systemClock, log: silentLogger },
    { handlers: { ingest: (m, meta) => ingest(m, meta) }, leaseMs: 60_000 },
  );
  return {
    maxAttempts,
    queue: new SqsQueue({ client: sqs.client, queueUrls: { ingest: pair.url } }),
    consume: (h) => {
      ingest = h;
    },
    settle: async (done) => {
      for (let round = 0; round < 400; round++) {
        if (await done()) return;
        const delivered = await pollOnce({ client: sqs.client, queue: pair, handler });
        if (delivered === 0) await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the SQS queue did not settle within 400 polls');
    },
    deadLetters: async () => (await peekAll(sqs.client, pair.dlqUrl)).map((m) => decodeQueueBody(m.body).message as IngestMessage),
    close: async () => {},
  };
});
