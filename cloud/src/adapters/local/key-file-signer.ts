import { createHash, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { generateEd25519KeyPair, importPrivateKey, type SigningPublicKey } from '@quorum/protocol';
import type { Logger } from '../../ports/logger';
import type { Signer } from '../../ports/signer';

const keyFileSchema = z.object({
  keyId: z.string().min(1),
  algorithm: z.literal('ed25519'),
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  createdAt: z.string(),
});

/** A key id derived from the public key: the same key always has the same id. */
export function keyIdFor(publicKeySpkiBase64: string): string {
  return `local-${createHash('sha256').update(Buffer.from(publicKeySpkiBase64, 'base64')).digest('hex').slice(0, 16)}`;
}

/**
 * The local host's command signer: one Ed25519 key, generated on first start into
 * `<dataDir>/signing-key.json` (mode 0600) and reused after, so enrolled agents keep trusting it.
 */
export function loadOrCreateKeyFileSigner(opts: { dataDir: string; log: Logger }): Signer {
  const file = join(opts.dataDir, 'signing-key.json');
  if (!existsSync(file)) {
    const pair = generateEd25519KeyPair();
    const content = { keyId: keyIdFor(pair.publicKey), algorithm: 'ed25519', ...pair, createdAt: new Date().toISOString() };
    try {
      writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      opts.log.info('generated the local command-signing key', { keyId: content.keyId });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    opts.log.warn('signing key file was readable by others; restricting it to its owner', { file });
    chmodSync(file, 0o600);
  }
  let parsed: z.infer<typeof keyFileSchema>;
  try {
    parsed = keyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (cause) {
    throw new Error(`${file} is not a valid signing key file; move it away to generate a new key (agents must then be re-enrolled)`, { cause });
  }
  const privateKey: KeyObject = importPrivateKey(parsed.privateKey);
  const publicKey: SigningPublicKey = { keyId: parsed.keyId, algorithm: 'ed25519', publicKey: parsed.publicKey };
  return {
    publicKeys: async () => [publicKey],
    sign: async (bytes) => ({ keyId: parsed.keyId, signature: new Uint8Array(cryptoSign(null, bytes, privateKey)) }),
  };
}
