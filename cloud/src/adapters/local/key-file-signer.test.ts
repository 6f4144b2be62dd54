import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPublicKey } from '@quorum/protocol';
import { silentLogger } from '../../ports/logger';
import { keyIdFor, loadOrCreateKeyFileSigner } from './key-file-signer';

test('the key is generated once (0600), reused after, and its signatures verify with the published key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-signer-'));
  try {
    const first = loadOrCreateKeyFileSigner({ dataDir: dir, log: silentLogger });
    const [published] = await first.publicKeys();
    assert.ok(published);
    assert.equal(statSync(join(dir, 'signing-key.json')).mode & 0o777, 0o600);
    assert.equal(published.keyId, keyIdFor(published.publicKey));
    assert.equal(published.algorithm, 'ed25519');

    const again = loadOrCreateKeyFileSigner({ dataDir: dir, log: silentLogger });
    assert.deepEqual(await again.publicKeys(), [published], 'a restart keeps the key agents pinned');
    const bytes = new TextEncoder().encode('command envelope');
    const { keyId, signature } = await again.sign(bytes);
    assert.equal(keyId, published.keyId);
    assert.ok(verify(null, bytes, importPublicKey(published.publicKey), signature));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
