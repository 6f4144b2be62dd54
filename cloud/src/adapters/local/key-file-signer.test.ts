import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEd25519KeyPair, importPublicKey, keyIdFor } from '@quorum/protocol';
import { silentLogger } from '../../ports/logger';
import { loadOrCreateKeyFileSigner } from './key-file-signer';
import { retireSigningKeys, rotateSigningKey } from './signing-key-file';

const inTempDir = async (fn: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-signer-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const bytes = new TextEncoder().encode('command envelope');

test('the key is generated once (0600), reused after, and its signatures verify with the published key', () =>
  inTempDir(async (dir) => {
    const first = loadOrCreateKeyFileSigner({ dataDir: dir, log: silentLogger });
    const [published] = await first.publicKeys();
    assert.ok(published);
    assert.equal(statSync(join(dir, 'signing-key.json')).mode & 0o777, 0o600);
    assert.equal(published.keyId, keyIdFor('ed25519', published.publicKey));
    assert.equal(published.algorithm, 'ed25519');

    const again = loadOrCreateKeyFileSigner({ dataDir: dir, log: silentLogger });
    assert.deepEqual(await again.publicKeys(), [published], 'a restart keeps the key agents pinned');
    const { keyId, signature } = await again.sign(bytes);
    assert.equal(keyId, published.keyId);
    assert.ok(verify(null, bytes, importPublicKey(published.publicKey), signature));
  }));

test('rotation adds an active key (newest first); the old one still signs; retire drops it from publicKeys', () =>
  inTempDir(async (dir) => {
    const signer = loadOrCreateKeyFileSigner({ dataDir: dir, log: silentLogger });
    const [old] = await signer.publicKeys();
    const added = rotateSigningKey({ dataDir: dir });
    // The running signer notices the file changed: no restart needed.
    assert.deepEqual((await signer.publicKeys()).map((k) => k.keyId), [added.keyId, old!.keyId]);
    assert.equal((await signer.sign(bytes)).keyId, added.keyId, 'the new key is active');
    const byOld = await signer.sign(bytes, old!.keyId);
    assert.ok(verify(null, bytes, importPublicKey(old!.publicKey), byOld.signature));

    assert.throws(() => retireSigningKeys({ dataDir: dir, keyIds: [added.keyId] }), /active signing key/);
    assert.deepEqual(retireSigningKeys({ dataDir: dir }), [old!.keyId]);
    assert.deepEqual((await signer.publicKeys()).map((k) => k.keyId), [added.keyId]);
    assert.deepEqual(await signer.retiredKeyIds!(), [old!.keyId]);
    // A retired key can still sign the update that retires it on an agent that only pins it.
    assert.equal((await signer.sign(bytes, old!.keyId)).keyId, old!.keyId);
    await assert.rejects(signer.sign(bytes, 'ed25519-unknown'), /holds no key/);
    assert.equal(statSync(join(dir, 'signing-key.json')).mode & 0o777, 0o600);
  }));

test('a key file of the first version (one bare key) is read as is, keeping its key id', () =>
  inTempDir(async (dir) => {
    const pair = generateEd25519KeyPair();
    const legacy = { keyId: 'local-0123456789abcdef', algorithm: 'ed25519', ...pair, createdAt: '2026-11-01T10:00:00.000Z' };
    writeFileSync(join(dir, 'signing-key.json'), JSON.stringify(legacy), { mode: 0o600 });
    const signer = loadOrCreateKeyFileSigner({ dataDir: dir, log: silentLogger });
    assert.deepEqual(await signer.publicKeys(), [{ keyId: legacy.keyId, algorithm: 'ed25519', publicKey: pair.publicKey }]);
    rotateSigningKey({ dataDir: dir });
    const file = JSON.parse(readFileSync(join(dir, 'signing-key.json'), 'utf8'));
    assert.equal(file.version, 2);
    assert.equal(file.keys[0].keyId, legacy.keyId);
    assert.equal((await signer.publicKeys()).length, 2);
  }));
