import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateEd25519KeyPair } from '@quorum/protocol';
import { makeIdentity, tempDir } from '../../test/helpers/fixtures';
import { silentLogger } from '../log';
import { KEYS_FILE, KeyChangeError, KeyStore } from './key-store';

describe('pinned signing keys', () => {
  let dir: { path: string; remove: () => Promise<void> };
  before(async () => (dir = await tempDir()));
  after(() => dir.remove());
  const fresh = async () => {
    const stateDir = (await tempDir()).path;
    const { identity } = makeIdentity('ws://x/agent');
    return { stateDir, identity, open: () => KeyStore.open({ stateDir, identity, log: silentLogger }) };
  };
  const key = (keyId: string) => ({ keyId, algorithm: 'ed25519' as const, publicKey: generateEd25519KeyPair().publicKey });

  it('seeds from the enrollment, writes 0600, and keeps changes across a reopen', async () => {
    const { stateDir, open } = await fresh();
    const store = await open();
    assert.deepEqual(store.usableKeyIds(), ['k1']);
    assert.equal((await stat(join(stateDir, KEYS_FILE))).mode & 0o777, 0o600);
    const result = await store.apply({ add: [key('k2')], retire: ['k1'] }, 1000);
    assert.deepEqual(result, { added: ['k2'], retired: ['k1'], pinned: ['k2'] });
    const again = await open();
    assert.deepEqual(again.usableKeyIds(2000), ['k2']);
    assert.equal(again.pinned().find((k) => k.keyId === 'k1')?.retiredAt, 1000);
  });

  it('never retires the last usable key, and a refused change changes nothing', async () => {
    const { open } = await fresh();
    const store = await open();
    await assert.rejects(store.apply({ add: [], retire: ['k1'] }), (e: KeyChangeError) => e.code === 'last_key');
    await assert.rejects(store.apply({ add: [key('k3')], retire: ['nope'] }), (e: KeyChangeError) => e.code === 'unknown_key');
    assert.deepEqual(store.usableKeyIds(), ['k1']);
    assert.deepEqual((await open()).usableKeyIds(), ['k1']);
  });

  it('refuses a key id that would point at another key, a retired key coming back, and a bad key', async () => {
    const { open } = await fresh();
    const store = await open();
    await assert.rejects(store.apply({ add: [key('k1')], retire: [] }), (e: KeyChangeError) => e.code === 'key_conflict');
    const k2 = key('k2');
    await store.apply({ add: [k2], retire: ['k1'] });
    const k1 = { ...store.pinned().find((k) => k.keyId === 'k1')! };
    assert.ok(k1.retiredAt !== undefined);
    await assert.rejects(store.apply({ add: [{ ...key('k9'), publicKey: 'AAAA' }], retire: [] }), (e: KeyChangeError) => e.code === 'bad_key');
    await store.apply({ add: [k2], retire: [] }); // adding a pinned key again is a no-op
    assert.deepEqual(store.usableKeyIds(), ['k2']);
  });

  it('pins nothing when the file is damaged (never falls back to the enrollment keys)', async () => {
    const { stateDir, open } = await fresh();
    await open();
    await writeFile(join(stateDir, KEYS_FILE), '{ not json');
    const store = await open();
    assert.deepEqual(store.pinned(), []);
    assert.equal(await readFile(join(stateDir, KEYS_FILE), 'utf8'), '{ not json');
  });

  it('starts over from a new enrollment', async () => {
    const { stateDir, identity, open } = await fresh();
    const store = await open();
    await store.apply({ add: [key('k2')], retire: ['k1'] });
    const reenrolled = { ...identity, enrolledAt: new Date(Date.now() + 1000).toISOString(), signingKeys: [key('k7')] };
    const next = await KeyStore.open({ stateDir, identity: reenrolled, log: silentLogger });
    assert.deepEqual(next.usableKeyIds(), ['k7']);
  });
});
