import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KMSClient } from '@aws-sdk/client-kms';
import { canonicalEnvelopeBytes, commandEnvelopeSchema, importPublicKey, keyIdFor, verifyBytes } from '@quorum/protocol';
import { kmsSigner } from '../../src/adapters/aws/kms-signer';
import { startFakeKms, type FakeKms } from './support/fake-aws-endpoints';
import { TEST_CREDENTIALS, TEST_REGION } from './support/local-sqs';

// The KMS signer with the real @aws-sdk/client-kms against a local KMS endpoint that signs exactly
// as KMS does (ECDSA P-256 over SHA-256, DER); signatures are checked with the protocol's verifier,
// the one agents run.
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

const envelope = commandEnvelopeSchema.parse({
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  orgId: 'org_01JD000000000000000000000',
  agentId: 'agt_01JD000000000000000000000',
  clusterId: 'clu_01JD000000000000000000000',
  nodeId: 'nod_01JD000000000000000000000',
  action: 'restart-node',
  params: { allowLastSynced: false },
  issuedBy: 'usr_01JD000000000000000000000',
  issuedAt: 1_790_000_000_000,
  expiresAt: 1_790_000_300_000,
  keyId: 'ecdsa-p256-0000000000000000',
});

test('a command envelope signed by KMS verifies with the published key, in P1363 form', async () => {
  const { keyId: kmsKeyId, publicKey } = kms.createKey({ alias: 'alias/quorum-command-signing' });
  const signer = kmsSigner({ client, keyIds: ['alias/quorum-command-signing'] });
  const [published] = await signer.publicKeys();
  assert.ok(published);
  const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  assert.deepEqual(published, { keyId: keyIdFor('ecdsa-p256', spki), algorithm: 'ecdsa-p256', publicKey: spki });

  const bytes = canonicalEnvelopeBytes({ ...envelope, keyId: published.keyId });
  const { keyId, signature } = await signer.sign(bytes);
  assert.equal(keyId, published.keyId, 'the signature names the key agents pinned');
  assert.equal(signature.length, 64, 'P1363 r||s, not DER');
  assert.ok(verifyBytes(bytes, signature, importPublicKey(published.publicKey), 'ecdsa-p256'));
  assert.ok(!verifyBytes(Buffer.concat([bytes, Buffer.from(' ')]), signature, importPublicKey(published.publicKey), 'ecdsa-p256'));
  assert.deepEqual(kms.signCalls.at(-1), { keyId: 'alias/quorum-command-signing', messageType: 'RAW', algorithm: 'ECDSA_SHA_256' });
  assert.ok(kmsKeyId);
});

test('rotation: every trusted key is published, the active (first) one signs; public keys are fetched once', async () => {
  const next = kms.createKey();
  const old = kms.createKey();
  const signer = kmsSigner({ client, keyIds: [next.keyId, old.keyId] });
  const keys = await signer.publicKeys();
  assert.deepEqual(
    keys.map((k) => k.publicKey),
    [next, old].map((k) => k.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')),
  );
  const calls = kms.signCalls.length;
  const bytes = new TextEncoder().encode('bytes');
  for (let i = 0; i < 5; i++) {
    const { keyId, signature } = await signer.sign(bytes);
    assert.equal(keyId, keys[0]?.keyId);
    assert.ok(verifyBytes(bytes, signature, next.publicKey, 'ecdsa-p256'));
  }
  assert.equal(kms.signCalls.length, calls + 5);
});

test('misconfiguration fails with the fix in the message: a non-P-256 key, an unknown key, an over-long message', async () => {
  const rsa = kms.createKey({ spec: 'RSA_2048' });
  await assert.rejects(kmsSigner({ client, keyIds: [rsa.keyId] }).publicKeys(), /RSA_2048\/SIGN_VERIFY: command signing needs an ECC_NIST_P256 SIGN_VERIFY key/);
  await assert.rejects(kmsSigner({ client, keyIds: ['alias/missing'] }).sign(new Uint8Array(3)), { name: 'NotFoundException' });
  const ok = kms.createKey();
  await assert.rejects(kmsSigner({ client, keyIds: [ok.keyId] }).sign(new Uint8Array(4097)), /at most 4096/);
  assert.throws(() => kmsSigner({ client, keyIds: [] }), /KMS_SIGNING_KEY_IDS/);
});
