import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../ports/logger';
import { aesSecretBox, loadOrCreateSecretBox } from './aes-secret-box';

const context = { purpose: 'notification-channel', orgId: 'org_A', channelId: 'chn_1' };
const SECRET = 'https://hooks.slack.com/services/T000/B000/secretsecret';

test('seal and open: the sealed form shows nothing of the secret, and each seal differs', async () => {
  const box = aesSecretBox([{ keyId: 'k1', key: randomBytes(32) }]);
  const a = await box.seal(SECRET, context);
  const b = await box.seal(SECRET, context);
  assert.match(a, /^v1\.aes\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.notEqual(a, b, 'a fresh IV each time');
  assert.ok(!a.includes('secret'));
  assert.equal(await box.open(a, context), SECRET);
  assert.equal(await box.open(a, { channelId: 'chn_1', orgId: 'org_A', purpose: 'notification-channel' }), SECRET, 'context key order does not matter');
});

test('a value moved to another organization or channel, or tampered with, does not open', async () => {
  const box = aesSecretBox([{ keyId: 'k1', key: randomBytes(32) }]);
  const sealed = await box.seal(SECRET, context);
  await assert.rejects(box.open(sealed, { ...context, orgId: 'org_B' }), /does not open under this context/);
  await assert.rejects(box.open(sealed, { ...context, channelId: 'chn_2' }), /does not open under this context/);
  const parts = sealed.split('.');
  parts[4] = Buffer.from('x'.repeat(20)).toString('base64url');
  await assert.rejects(box.open(parts.join('.'), context), /does not open/);
  await assert.rejects(box.open('v1.kms.abc', context), /not a value sealed by the local secret box/);
  await assert.rejects(aesSecretBox([{ keyId: 'k2', key: randomBytes(32) }]).open(sealed, context), /key k1, which this host does not hold/);
});

test('a new key goes in front: new values use it, old ones still open', async () => {
  const k1 = { keyId: 'k1', key: randomBytes(32) };
  const old = await aesSecretBox([k1]).seal(SECRET, context);
  const rotated = aesSecretBox([{ keyId: 'k2', key: randomBytes(32) }, k1]);
  assert.equal(await rotated.open(old, context), SECRET);
  assert.match(await rotated.seal(SECRET, context), /^v1\.aes\.k2\./);
  assert.throws(() => aesSecretBox([{ keyId: 'short', key: randomBytes(16) }]), /not 32 bytes/);
});

test('the local key file: created 0600 on first start, the same key after, a bad file named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-secrets-'));
  try {
    const first = loadOrCreateSecretBox({ dataDir: dir, log: silentLogger });
    const path = join(dir, 'secrets-key.json');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const sealed = await first.seal(SECRET, context);
    chmodSync(path, 0o644);
    const again = loadOrCreateSecretBox({ dataDir: dir, log: silentLogger });
    assert.equal(await again.open(sealed, context), SECRET, 'the key survives a restart');
    assert.equal(statSync(path).mode & 0o777, 0o600, 'a file readable by others is restricted again');
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as { keys: unknown[] }).keys.length, 1);
    writeFileSync(path, JSON.stringify({ keys: [{ keyId: 'k', key: 'short' }] }), { mode: 0o600 });
    assert.throws(() => loadOrCreateSecretBox({ dataDir: dir, log: silentLogger }), /secrets-key\.json: keys\.0\.key: expected 32 bytes, base64url/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
