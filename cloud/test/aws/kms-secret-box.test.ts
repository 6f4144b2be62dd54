import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsSecretBox } from '../../src/adapters/aws/kms-secret-box';
import { startFakeKms, type FakeKms } from './support/fake-aws-endpoints';
import { TEST_CREDENTIALS, TEST_REGION } from './support/local-sqs';

// The KMS secret box with the real @aws-sdk/client-kms against a local endpoint that encrypts as
// KMS does for a symmetric key: the encryption context is authenticated and must match to decrypt.
let kms: FakeKms;
let client: KMSClient;
before(async () => {
  kms = await startFakeKms();
  client = new KMSClient({ endpoint: kms.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS });
});
after(async () => {
  client?.destroy();
  await kms?.stop();
});

const context = { purpose: 'notification-channel', orgId: 'org_A', channelId: 'chn_1' };
const SLACK = JSON.stringify({ url: 'https://hooks.slack.com/services/T000/B000/secretsecret' });

test('a secret sealed with KMS opens under the same context, and the stored form does not show it', async () => {
  kms.createSymmetricKey({ alias: 'alias/quorum-channel-secrets' });
  const box = kmsSecretBox({ client, keyId: 'alias/quorum-channel-secrets' });
  const sealed = await box.seal(SLACK, context);
  assert.match(sealed, /^v1\.kms\.[A-Za-z0-9_-]+$/);
  assert.ok(!sealed.includes('secretsecret') && !Buffer.from(sealed.slice(7), 'base64url').toString('latin1').includes('secretsecret'));
  assert.equal(await box.open(sealed, context), SLACK);
  const last = kms.cryptCalls.at(-1);
  assert.deepEqual(last?.context, context, 'the context went to KMS as the encryption context (CloudTrail shows it)');
});

test('another organization’s context, another key, or a mangled value does not open', async () => {
  kms.createSymmetricKey({ alias: 'alias/k1' });
  const { keyId: other } = kms.createSymmetricKey();
  const box = kmsSecretBox({ client, keyId: 'alias/k1' });
  const sealed = await box.seal(SLACK, context);
  await assert.rejects(box.open(sealed, { ...context, orgId: 'org_B' }), /context does not match/);
  await assert.rejects(kmsSecretBox({ client, keyId: other }).open(sealed, context), /not encrypted under this key/);
  await assert.rejects(box.open('v1.aes.k.x.y.z', context), /not a value sealed by the KMS secret box/);
  await assert.rejects(box.open(`${sealed}.extra`, context), /not a value sealed by the KMS secret box/);
});
