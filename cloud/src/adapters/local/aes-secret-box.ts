import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../ports/logger';
import { contextBytes, type SecretBox } from '../../ports/secret-box';

/**
 * AES-256-GCM with keys held by the host. A sealed value is
 * `v1.aes.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts): the key id says which key opens it,
 * so a new key can be added in front while older values still open.
 */
export function aesSecretBox(keys: ReadonlyArray<{ keyId: string; key: Buffer }>): SecretBox {
  const [current] = keys;
  if (!current) throw new Error('aesSecretBox: no key');
  for (const k of keys) if (k.key.length !== 32) throw new Error(`aesSecretBox: key ${k.keyId} is not 32 bytes`);
  const byId = new Map(keys.map((k) => [k.keyId, k.key]));
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(contextBytes(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', 'aes', current.keyId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    async open(sealed, context) {
      const [version, kind, keyId, iv, body, tag, ...rest] = sealed.split('.');
      if (version !== 'v1' || kind !== 'aes' || !keyId || iv === undefined || body === undefined || tag === undefined || rest.length > 0) {
        throw new Error('not a value sealed by the local secret box');
      }
      const key = byId.get(keyId);
      if (!key) throw new Error(`sealed with key ${keyId}, which this host does not hold`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(contextBytes(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('the sealed value does not open under this context (tampered, or copied from elsewhere)');
      }
    },
  };
}

const keyFileSchema = z.object({
  keys: z
    .array(z.object({ keyId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes, base64url') }))
    .min(1),
});

/**
 * The local host's secret box: the keys of `<dataDir>/secrets-key.json` (0600), generated on first
 * start. Keep the file with the database: without it, channel URLs and signing secrets are lost
 * (the channels then fail with a clear error and must be given their URL again).
 */
export function loadOrCreateSecretBox(opts: { dataDir: string; log: Logger }): SecretBox {
  const path = join(opts.dataDir, 'secrets-key.json');
  if (!existsSync(path)) {
    const key = randomBytes(32);
    const keyId = createHash('sha256').update(key).digest('base64url').slice(0, 12);
    writeFileSync(path, `${JSON.stringify({ keys: [{ keyId, key: key.toString('base64url') }] }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    opts.log.info('generated the local secrets key', { keyId });
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    opts.log.warn('secrets key file was readable by others; restricting it to its owner', { file: path });
    chmodSync(path, 0o600);
  }
  const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return aesSecretBox(parsed.data.keys.map((k) => ({ keyId: k.keyId, key: Buffer.from(k.key, 'base64url') })));
}
