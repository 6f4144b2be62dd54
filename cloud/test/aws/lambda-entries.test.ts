import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse } from 'aws-lambda';
import { batchSchema, enrollResponseSchema, generateEd25519KeyPair } from '@quorum/protocol';
import { eq } from 'drizzle-orm';
import { encodeQueueBody } from '../../src/adapters/aws/sqs-body';
import { resetAwsHost } from '../../src/adapters/aws/deps';
import { ingestedBatches } from '../../src/db/schema/index';
import { batchMessage, samples } from '../gateway/support/messages';
import { createAgent } from '../gateway/support/tenants';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { connectEvent, httpEvent, lambdaContext, newConnectionId, scheduledEvent } from './support/apigw-events';
import { startFakeKms, startFakeManagementApi, type FakeKms, type FakeManagementApi } from './support/fake-aws-endpoints';
import { sqsRecord, startLocalSqs, TEST_CREDENTIALS, type LocalSqs, type QueuePair } from './support/local-sqs';

// The Lambda entry modules exactly as deployed: configured only by environment variables (as the
// CDK api stack sets them), their SDK clients redirected with the SDK's own AWS_ENDPOINT_URL_*
// variables to fauxqs and the local KMS/Management API endpoints, the database a real MariaDB.
let db: TestDatabase;
let sqs: LocalSqs;
let kms: FakeKms;
let api: FakeManagementApi;
let ingest: QueuePair;

before(async () => {
  db = await createTestDatabase('aws_entries');
  sqs = await startLocalSqs();
  kms = await startFakeKms();
  api = await startFakeManagementApi();
  ingest = await sqs.createQueuePair('ingest', 5);
  kms.createKey({ alias: 'alias/quorum-command-signing' });
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_KMS: kms.endpoint,
    AWS_LAMBDA_FUNCTION_NAME: 'quorum-test',
    DATABASE_URL: db.url,
    QUORUM_PUBLIC_URL: 'https://quorum.example.com',
    QUORUM_AGENT_WEBSOCKET_URL: 'wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
    WEBSOCKET_MANAGEMENT_ENDPOINT: api.endpoint,
    KMS_SIGNING_KEY_IDS: 'alias/quorum-command-signing',
    QUORUM_SECRETS_KMS_KEY_ID: 'alias/quorum-channel-secrets',
    QUEUE_URL_INGEST: ingest.url,
    LOG_LEVEL: 'error',
  });
});
after(async () => {
  await resetAwsHost();
  await Promise.all([sqs?.stop(), kms?.stop(), api?.stop()]);
  await db?.drop();
});

const structured = (r: { statusCode: number; body: string; cookies?: string[] }) => r;

test('HTTP API: health, sign-up with a cookie, and enrollment handing out the KMS key and the WebSocket URL', async () => {
  const { handler } = await import('../../src/adapters/aws/handlers/http');
  const ctx = lambdaContext('quorum-http');
  const health = structured(await handler(httpEvent('GET', '/api/v1/health'), ctx));
  assert.equal(health.statusCode, 200);
  assert.equal(JSON.parse(health.body ?? '{}').status, 'ok');

  const signup = structured(
    await handler(httpEvent('POST', '/api/v1/auth/signup', { body: { email: 'ops@example.com', password: 'a long enough password', organization: 'Acme' } }), ctx),
  );
  assert.equal(signup.statusCode, 201, signup.body);
  const cookie = signup.cookies?.[0]?.split(';')[0];
  assert.match(cookie ?? '', /^__Host-quorum_session=/, 'https public URL → a __Host- Secure cookie');

  const token = structured(await handler(httpEvent('POST', '/api/v1/enrollment-tokens', { body: { maxUses: 1 }, cookies: [cookie as string] }), ctx));
  assert.equal(token.statusCode, 201, token.body);
  const enroll = structured(
    await handler(
      httpEvent('POST', '/api/v1/agents/enroll', {
        body: { token: JSON.parse(token.body ?? '{}').token, publicKey: generateEd25519KeyPair().publicKey, hostname: 'db1.example', version: '0.1.0' },
      }),
      ctx,
    ),
  );
  assert.equal(enroll.statusCode, 201, enroll.body);
  const answer = enrollResponseSchema.parse(JSON.parse(enroll.body ?? '{}'));
  assert.equal(answer.websocketUrl, 'wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod');
  assert.deepEqual(answer.signingKeys.map((k) => k.algorithm), ['ecdsa-p256']);
});

test('migrations: the one-off migration function is idempotent', async () => {
  const { handler } = await import('../../src/adapters/aws/handlers/migrate');
  assert.deepEqual(await handler(), { migrated: true });
});

test('SQS: the queue function ingests a record and reports none failed', async () => {
  const { handler } = await import('../../src/adapters/aws/handlers/queue');
  const agent = await createAgent((await import('../../src/adapters/aws/deps')).awsHost().deps.db);
  const batch = batchMessage({ samples: samples({ observedAt: Date.now() }) });
  const body = encodeQueueBody('ingest', { orgId: agent.orgId, agentId: agent.agentId, receivedAt: Date.now(), batch: batchSchema.parse(batch) });
  const response = (await handler({ Records: [sqsRecord({ MessageId: randomUUID(), ReceiptHandle: 'AQEBrh', Body: body, MD5OfBody: 'x' }, ingest.arn)] })) as SQSBatchResponse;
  assert.deepEqual(response, { batchItemFailures: [] });
  assert.equal((await db.db.select().from(ingestedBatches).where(eq(ingestedBatches.batchId, batch.batchId))).length, 1);
});

test('EventBridge: the offline, commands, alerts and retention jobs run on scheduled events', async () => {
  const { offline, retention, commands, alerts } = await import('../../src/adapters/aws/handlers/scheduled');
  assert.deepEqual(Object.keys((await commands(scheduledEvent('quorum-commands'))) as object).sort(), ['expired', 'orchestrationsChecked', 'plansChecked']);
  assert.deepEqual(Object.keys((await alerts(scheduledEvent('quorum-alerts'))) as object).sort(), ['clustersEvaluated', 'deliveriesDispatched']);
  assert.deepEqual(Object.keys((await offline(scheduledEvent('quorum-offline'))) as object).sort(), ['agentsOffline', 'clustersReassessed', 'connectionsDropped']);
  const r = (await retention(scheduledEvent('quorum-retention'))) as Record<string, number>;
  assert.deepEqual(Object.keys(r).sort(), [
    'alertsDeleted', 'auditEntriesDeleted', 'batchIdsDeleted', 'bootstrapPlansDeleted', 'guardsDeleted', 'inboxDeleted', 'invitationsDeleted',
    'notificationsDeleted', 'operationsDeleted', 'rateLimitWindowsDeleted', 'samplesDeleted', 'sessionsDeleted',
  ]);
});

test('WebSocket: the gateway function refuses an unauthenticated $connect', async () => {
  const { handler } = await import('../../src/adapters/aws/handlers/websocket');
  const refused = await handler(connectEvent(newConnectionId(), 'Bearer nope'));
  assert.equal(refused.statusCode, 401);
});
